package dev.stackwright.spi;

/**
 * The kinds of cloud resource a cluster is made of, in the order they are created: each kind may refer only to kinds
 * before it (a subnet names its network, a router its subnet; a port names security groups and the owned subnet; a
 * server names its port, keypair and server group; a floating IP names a port and the router). Deleting goes the
 * other way, so an owned network is the last thing deleted.
 */
public enum ResourceKind {
  NETWORK("network"),
  SUBNET("subnet"),
  ROUTER("router"),
  KEYPAIR("keypair"),
  SECURITY_GROUP("security-group"),
  SERVER_GROUP("server-group"),
  PORT("port"),
  SERVER("server"),
  FLOATING_IP("floating-ip");

  private final String id;

  ResourceKind(String id) {
    this.id = id;
  }

  /** The kind's name in logical ids and messages, such as {@code security-group}. */
  public String id() {
    return id;
  }

  /** The kind whose {@link #id()} is {@code id}; a clear error naming the known ones otherwise. */
  public static ResourceKind of(String id) {
    for (ResourceKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown resource kind \"" + id + "\"; known: "
        + java.util.Arrays.stream(values()).map(ResourceKind::id).toList());
  }
}
