package dev.stackwright.render;

import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServiceAccess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The order the services of one node start in: a service after those it connects to (it is named in their access) and
 * after those in its {@link Service#after()}; of those free to go, the first in the cluster's services (stackwright's
 * own in their order, then the user's). So the database and broker restart before the app servers that use them.
 */
final class StartOrder {
  private StartOrder() {}

  /** The node's role instances, each service's in the node's order, the services in start order. */
  static List<RoleInstance> of(List<RoleInstance> roles, List<Service> services) {
    List<Service> order = services(roles, services);
    List<RoleInstance> ordered = new ArrayList<>(roles);
    ordered.sort(Comparator.comparingInt(r -> order.indexOf(r.kind())));
    return ordered;
  }

  private static List<Service> services(List<RoleInstance> roles, List<Service> all) {
    Set<Service> left = new LinkedHashSet<>();
    all.stream().filter(s -> roles.stream().anyMatch(r -> r.kind().equals(s))).forEach(left::add);
    roles.forEach(r -> left.add(r.kind()));
    List<Service> order = new ArrayList<>();
    while (!left.isEmpty()) {
      // a cycle (the validator refuses one) would leave none free: the first left goes, so the order stays defined
      Service next = left.stream().filter(s -> left.stream().noneMatch(other -> other != s && before(other, s)))
          .findFirst().orElse(left.iterator().next());
      order.add(next);
      left.remove(next);
    }
    return order;
  }

  /** True when {@code first} must start before {@code then}. */
  private static boolean before(Service first, Service then) {
    if (then.after().contains(first.name())) {
      return true;
    }
    return first.access().stream().anyMatch(a -> a.from() == ServiceAccess.From.SERVICE
        && a.service().get().equals(then.name()));
  }
}
