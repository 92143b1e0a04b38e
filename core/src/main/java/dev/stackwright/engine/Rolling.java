package dev.stackwright.engine;

import dev.stackwright.spi.NodeUpdate;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * How running servers are changed: {@code updates} makes a reconfigure's {@link NodeUpdate} from what exists when
 * it runs (the files rendered with the MACs known then), and the nodes of one host kind ({@code hosts}) change at
 * most {@code maxUnavailable} at once, each after its jump host's change ({@code vias}); {@code booted} makes the
 * checks a server just booted must pass (rebuilt, or made in a run that changes running nodes) before it counts; a new
 * version reaches the others only once one of {@code redeployLeaders} (the nodes that migrate) has it.
 */
record Rolling(BiFunction<Change, Map<ResourceId, Observed>, NodeUpdate> updates,
    BiFunction<ResourceId, Map<ResourceId, Observed>, NodeUpdate> booted, Map<ResourceId, String> hosts,
    Map<ResourceId, ResourceId> vias, Set<ResourceId> redeployLeaders, int maxUnavailable) {
  static final Rolling NONE = new Rolling((change, live) -> {
    throw new IllegalStateException("no node updates here: " + change);
  }, (id, live) -> {
    throw new IllegalStateException("no node checks here: " + id);
  }, Map.of(), Map.of(), Set.of(), 1);
}
