package dev.stackwright.memory;

import dev.stackwright.engine.ResourceId;
import dev.stackwright.engine.ResourceSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One resource held by the in-memory cloud; {@code refs} are the cloud ids it refers to (it keeps them in use). */
record CloudEntry(String cloudId, Optional<String> cluster, Optional<ResourceId> id, ResourceSpec spec,
    Map<String, String> facts, Set<String> refs) {

  CloudEntry withFacts(Map<String, String> newFacts) {
    return new CloudEntry(cloudId, cluster, id, spec, Map.copyOf(newFacts), refs);
  }

  boolean ownedBy(String name) {
    return cluster.filter(name::equals).isPresent();
  }
}
