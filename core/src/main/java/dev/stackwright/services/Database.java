package dev.stackwright.services;

import dev.stackwright.model.Service;

/** CouchDB: the application's documents and the workers' task results. */
final class Database {
  static final Service SERVICE = Service.builder("database")
      .title("database server")
      .holdsData(true)
      .port(Ports.COUCHDB)
      .openTo("appserver", "couchdb", "the app reads and writes CouchDB")
      .openTo("worker", "couchdb", "workers store task results")
      .localRun(CouchDbStandIn::processes)
      .build();

  private Database() {}
}
