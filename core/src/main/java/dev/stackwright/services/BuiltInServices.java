package dev.stackwright.services;

import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

  /**
   * The ports a built-in's daemons listen on beyond those it declares: no one is let in to them (so they are no
   * ports of the descriptor, which the security rules and the templates read), but a service of the user's own on
   * the same node cannot have them. Empty for any other service.
   */
  public static List<ServicePort> heldPorts(Service service) {
    if (service.equals(BROKER)) {
      return Broker.HELD;
    }
    if (service.equals(DATABASE)) {
      return Database.HELD;
    }
    return List.of();
  }

  /** The names the application's environment file sets itself, which no service's app setting may take. */
  public static Set<String> applicationEnvironment() {
    return ApplicationPart.environmentNames();
  }
}
