package dev.stackwright.spi;

import java.util.Objects;
import java.util.Set;

/**
 * A Nova server group that spreads the VMs of one host kind: {@code anti-affinity} (never two on one hypervisor) or
 * {@code soft-anti-affinity} (spread when possible). Server groups carry no tags: their name is their marker.
 */
public record ServerGroupSpec(ResourceId id, String name, String policy) implements ResourceSpec {
  public ServerGroupSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (!Set.of("anti-affinity", "soft-anti-affinity", "affinity", "soft-affinity").contains(policy)) {
      throw new IllegalArgumentException("unknown server group policy \"" + policy + "\"");
    }
  }

  @Override
  public Set<ResourceId> dependsOn() {
    return Set.of();
  }
}
