package dev.stackwright.engine;

import dev.stackwright.model.OnChange;
import dev.stackwright.spi.ResourceId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the plan needs to know of a server's node to say what a running one needs: its host kind (nodes of a kind
 * roll together), what a change of each of its files needs, the server to reach it through (the cluster's jump
 * host, empty for the jump host itself or a cluster without one), whether its redeploy goes before the others', and
 * why a file's content changed when the renderer knows (a certificate renewed: {@link
 * dev.stackwright.render.RenderedFile#reason()}).
 */
record NodeIntent(String node, String host, Map<String, OnChange> onChange, Optional<ResourceId> via,
    boolean leadsRedeploy, Map<String, String> reasons) {
  NodeIntent {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(host, "host");
    onChange = Map.copyOf(onChange);
    Objects.requireNonNull(via, "via");
    reasons = Map.copyOf(reasons);
  }

  NodeIntent(String node, String host, Map<String, OnChange> onChange, Optional<ResourceId> via,
      boolean leadsRedeploy) {
    this(node, host, onChange, via, leadsRedeploy, Map.of());
  }

  /** Why the file's content changed, when the renderer said. */
  Optional<String> reason(String path) {
    return Optional.ofNullable(reasons.get(path));
  }

  OnChange onChange(String path) {
    return onChange.getOrDefault(path, OnChange.NOTHING);
  }
}
