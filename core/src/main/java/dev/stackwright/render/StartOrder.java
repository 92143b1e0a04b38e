package dev.stackwright.render;

import dev.stackwright.internal.StartGraph;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The order the services of one node start in ({@link StartGraph}, shared with the local run): a service after those
 * it connects to and after those in its {@link Service#after()}; of those free to go, the first in the cluster's
 * services (stackwright's own in their order, then the user's). So the database and broker restart before the app
 * servers that use them.
 */
final class StartOrder {
  private StartOrder() {}

  /** The node's role instances, each service's in the node's order, the services in start order. */
  static List<RoleInstance> of(List<RoleInstance> roles, List<Service> services) {
    Set<Service> present = new LinkedHashSet<>();
    services.stream().filter(s -> roles.stream().anyMatch(r -> r.kind().equals(s))).forEach(present::add);
    roles.forEach(r -> present.add(r.kind()));
    List<Service> order = StartGraph.of(List.copyOf(present)).order();
    List<RoleInstance> ordered = new ArrayList<>(roles);
    ordered.sort(Comparator.comparingInt(r -> order.indexOf(r.kind())));
    return ordered;
  }
}
