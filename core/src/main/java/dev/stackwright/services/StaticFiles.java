package dev.stackwright.services;

import dev.stackwright.model.Service;

/** nginx serving the application's collected static files. */
final class StaticFiles {
  static final Service SERVICE = Service.builder("static")
      .title("static file server")
      // collectstatic after the app servers' migrate, when both are on one node
      .addAfter("appserver")
      .port(Ports.HTTP)
      .openTo("webserver", "http", "the load balancer proxies /static/")
      .runsApplication(true)
      .localRun(new NginxRun(CollectStatic::setup))
      .build();

  private StaticFiles() {}
}
