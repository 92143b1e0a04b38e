package dev.stackwright.memory;

import dev.stackwright.engine.HeldResource;
import dev.stackwright.engine.Observed;
import dev.stackwright.engine.ResourceId;
import dev.stackwright.engine.ResourceSpec;
import dev.stackwright.engine.ServerSpec;
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

  /** Its spec as OpenStack shows it: a server in BUILD has no port yet (Nova binds it as it builds). */
  ResourceSpec shown() {
    if (spec instanceof ServerSpec s && "BUILD".equals(facts.get(Observed.Facts.STATUS))) {
      return s.withoutPort();
    }
    return spec;
  }
}
