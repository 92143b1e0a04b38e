package dev.stackwright.memory;

import dev.stackwright.spi.HeldResource;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One resource held by the in-memory cloud; {@code refs} are the cloud ids it refers to (it keeps them in use). */
record CloudEntry(String cloudId, Optional<String> cluster, Optional<ResourceId> id, ResourceSpec spec,
    Map<String, String> facts, Set<String> refs) implements HeldResource {

  CloudEntry withFacts(Map<String, String> newFacts) {
    return new CloudEntry(cloudId, cluster, id, spec, Map.copyOf(newFacts), refs);
  }

  @Override
  public boolean ownedBy(String name) {
    return cluster.filter(name::equals).isPresent();
  }

  /** As OpenStack shows it: a server in BUILD has no port yet (Nova binds it as the server builds). */
  Observed observed() {
    return new Observed(spec.id(), cloudId, shown(), facts);
  }

  /** Clouds do not give user-data back: only its digests are kept, as the OpenStack backend keeps them. */
  static ResourceSpec stored(ResourceSpec spec) {
    return spec instanceof ServerSpec s ? s.withoutUserData() : spec;
  }

  /** Its spec as OpenStack shows it: a server in BUILD has no port yet (Nova binds it as it builds). */
  ResourceSpec shown() {
    if (spec instanceof ServerSpec s && "BUILD".equals(facts.get(Observed.Facts.STATUS))) {
      return s.withoutPort();
    }
    return spec;
  }
}
