package dev.stackwright.spi;

import java.util.Objects;
import java.util.Set;

/** A floating IP from an external network (by name), associated with one of our ports. */
public record FloatingIpSpec(ResourceId id, String name, String externalNetwork, ResourceId port)
    implements ResourceSpec {
  public FloatingIpSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(externalNetwork, "externalNetwork");
    Objects.requireNonNull(port, "port");
  }

  @Override
  public Set<ResourceId> dependsOn() {
    return Set.of(port);
  }
}
