package dev.stackwright.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The service kinds a cluster is made of. A role is one of these with its own /24 address block. */
public enum RoleKind {
  CONTROLLER("controller", "controller", true),
  WEBSERVER("webserver", "webserver (load balancer)", false),
  APPSERVER("appserver", "application server", false),
  STATIC("static", "static file server", false),
  DATABASE("database", "database server", false),
  BROKER("broker", "broker", false),
  WORKER("worker", "worker node", false);

  private final String id;
  private final String title;
  private final boolean singleInstance;

  RoleKind(String id, String title, boolean singleInstance) {
    this.id = id;
    this.title = title;
    this.singleInstance = singleInstance;
  }

  /** The name used in the DSL, such as {@code "appserver"}. */
  public String id() {
    return id;
  }

  /** The name a person reads in a report, such as "application server". */
  public String title() {
    return title;
  }

  /** True for kinds of which a cluster has exactly one instance (the controller). */
  public boolean singleInstance() {
    return singleInstance;
  }

  public static Optional<RoleKind> byId(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
  }

  /** Every id, for error messages: {@code controller, webserver, ...}. */
  public static String ids() {
    return Arrays.stream(values()).map(RoleKind::id).collect(Collectors.joining(", "));
  }

  /** The kinds this kind cannot work without: app servers need a broker and a database, and so on. */
  public List<RoleKind> requires() {
    switch (this) {
      case WEBSERVER:
        return List.of(APPSERVER);
      case APPSERVER:
        return List.of(BROKER, DATABASE);
      case WORKER:
        return List.of(BROKER);
      default:
        return List.of();
    }
  }
}
