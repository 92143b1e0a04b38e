package dev.stackwright.services;

import dev.stackwright.model.Service;
import java.util.List;
import java.util.Optional;

/**
 * stackwright's own services, the seed's seven: the only place outside their templates that knows them. Each is
 * described in a file of its own in this package.
 */
public final class BuiltInServices {
  public static final Service CONTROLLER = Controller.SERVICE;
  public static final Service WEBSERVER = Webserver.SERVICE;
  public static final Service APPSERVER = Appserver.SERVICE;
  public static final Service STATIC = StaticFiles.SERVICE;
  public static final Service DATABASE = Database.SERVICE;
  public static final Service BROKER = Broker.SERVICE;
  public static final Service WORKER = Worker.SERVICE;

  /** The administrator of the admin pages, RabbitMQ and CouchDB. */
  static final String ADMIN_USER = "admin";

  private static final List<Service> ALL = List.of(CONTROLLER, WEBSERVER, APPSERVER, STATIC, DATABASE, BROKER,
      WORKER);

  private BuiltInServices() {}

  /** All seven, in the order messages list them. */
  public static List<Service> all() {
    return ALL;
  }

  public static Optional<Service> named(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
