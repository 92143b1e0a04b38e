package dev.stackwright.spi;

import java.util.Objects;
import java.util.Set;

/**
 * A router the cluster owns, joining its owned subnet (an interface on it) to an external network (the router's
 * gateway): what floating IPs from that network need to reach the cluster's ports.
 */
public record RouterSpec(ResourceId id, String name, String externalNetwork, ResourceId subnet)
    implements ResourceSpec {

  public RouterSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(externalNetwork, "externalNetwork");
    Objects.requireNonNull(subnet, "subnet");
  }

  @Override
  public Set<ResourceId> dependsOn() {
    return Set.of(subnet);
  }
}
