package dev.stackwright.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A floating IP from an external network (by name), associated with one of our ports. {@code router} is the owned
 * router that joins the port's subnet to that network, when the cluster owns its network (the address is taken
 * after it: Neutron refuses a floating IP for a port no router reaches).
 */
public record FloatingIpSpec(ResourceId id, String name, String externalNetwork, ResourceId port,
    Optional<ResourceId> router) implements ResourceSpec {

  /** A floating IP for a port on a network the cluster uses. */
  public FloatingIpSpec(ResourceId id, String name, String externalNetwork, ResourceId port) {
    this(id, name, externalNetwork, port, Optional.empty());
  }

  public FloatingIpSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(externalNetwork, "externalNetwork");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(router, "router");
  }

  @Override
  public Set<ResourceId> dependsOn() {
    return router.isEmpty() ? Set.of(port) : Set.of(port, router.get());
  }
}
