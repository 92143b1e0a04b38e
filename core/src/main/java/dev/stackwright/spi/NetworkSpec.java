package dev.stackwright.spi;

import java.util.Objects;
import java.util.Set;

/**
 * A network the cluster owns ({@code cluster.ownNetwork(...)}): made with the cluster's marker like every other
 * resource, and deleted last, only when nothing but our own ports is on it.
 */
public record NetworkSpec(ResourceId id, String name) implements ResourceSpec {
  public NetworkSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public Set<ResourceId> dependsOn() {
    return Set.of();
  }
}
