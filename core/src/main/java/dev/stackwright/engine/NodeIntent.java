package dev.stackwright.engine;

import dev.stackwright.model.OnChange;
import dev.stackwright.spi.ResourceId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the plan needs to know of a server's node to say what a running one needs: its host kind (nodes of a kind
 * roll together), what a change of each of its files needs, the server to reach it through (the cluster's jump
 * host, empty for the jump host itself or a cluster without one), and whether its redeploy goes before the others'.
 */
record NodeIntent(String node, String host, Map<String, OnChange> onChange, Optional<ResourceId> via,
    boolean leadsRedeploy) {
  NodeIntent {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(host, "host");
    onChange = Map.copyOf(onChange);
    Objects.requireNonNull(via, "via");
  }

  OnChange onChange(String path) {
    return onChange.getOrDefault(path, OnChange.NOTHING);
  }
}
