package dev.stackwright.engine;

import dev.stackwright.model.Ipv4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The steps of a plan and what each must wait for:
 * <ul>
 *   <li>a create or update waits for the creates of what it refers to, and a replacement's create for its delete;
 *   <li>a delete waits for the deletes and updates of what refers to it now (a server goes before its port, a port
 *       drops a group before the group goes);
 *   <li>a new port waits for the ports that give up its addresses (a split moves addresses between ports);
 *   <li>a server whose user-data names every port's MAC or a floating IP waits for every new port and floating
 *       IP.
 * </ul>
 */
final class StepGraph {
  private StepGraph() {}

  static List<Step> steps(Plan plan) {
    List<Step> steps = new ArrayList<>();
    for (Change c : plan.changes()) {
      switch (c.action()) {
        case CREATE -> steps.add(new Step(c, Step.Phase.CREATE));
        case UPDATE -> steps.add(new Step(c, Step.Phase.UPDATE));
        case DELETE -> steps.add(new Step(c, Step.Phase.DELETE));
        case AWAIT -> steps.add(new Step(c, Step.Phase.AWAIT));
        case REPLACE -> {
          steps.add(new Step(c, Step.Phase.DELETE));
          steps.add(new Step(c, Step.Phase.CREATE));
        }
      }
    }
    return steps;
  }

  /**
   * Order without dependence: the servers of a strict anti-affinity group are created one after another, because
   * Nova's scheduler races when several come at once ("Anti-affinity instance group policy was violated", seen on the
   * loopback cloud). A failed one does not stop the next.
   */
  static Map<Step, List<Step>> order(List<Step> steps, Set<ResourceId> strictGroups) {
    Map<Step, List<Step>> order = new HashMap<>();
    for (Step s : steps) {
      if (s.phase() == Step.Phase.CREATE && s.change().desired().orElseThrow() instanceof ServerSpec server
          && server.serverGroup().filter(strictGroups::contains).isPresent()) {
        steps.stream().filter(o -> o.phase() == Step.Phase.CREATE && o.id().compareTo(s.id()) < 0
                && o.change().desired().orElseThrow() instanceof ServerSpec other
                && other.serverGroup().equals(server.serverGroup()))
            .max(java.util.Comparator.comparing(Step::id)).ifPresent(p -> order.put(s, List.of(p)));
      }
    }
    return order;
  }

  static Map<Step, List<Step>> edges(List<Step> steps, Set<ResourceId> afterAllPorts) {
    Map<ResourceId, Step> creates = new HashMap<>();
    Map<ResourceId, Step> deletes = new HashMap<>();
    Map<ResourceId, Step> updates = new HashMap<>();
    for (Step s : steps) {
      boolean duplicate = s.change().reason().startsWith("duplicate");
      switch (s.phase()) {
        case CREATE -> creates.put(s.id(), s);
        case UPDATE -> updates.put(s.id(), s);
        case DELETE -> {
          if (!duplicate) {
            deletes.put(s.id(), s);
          }
        }
        case AWAIT -> {
          // waits on nothing; nothing waits on it: the server exists, it only has to finish booting
        }
      }
    }
    Map<Step, List<Step>> edges = new HashMap<>();
    for (Step s : steps) {
      Set<Step> waits = new LinkedHashSet<>();
      Change c = s.change();
      if (s.phase() == Step.Phase.AWAIT) {
        edges.put(s, List.of());
        continue;
      }
      if (s.phase() == Step.Phase.CREATE || s.phase() == Step.Phase.UPDATE) {
        for (ResourceId dep : c.desired().orElseThrow().dependsOn()) {
          Optional.ofNullable(creates.get(dep)).ifPresent(waits::add);
        }
        if (s.phase() == Step.Phase.CREATE) {
          Optional.ofNullable(deletes.get(s.id())).filter(d -> d.change() == c).ifPresent(waits::add);
        }
        if (s.phase() == Step.Phase.CREATE && afterAllPorts.contains(s.id())) {
          creates.values().stream().filter(p -> p.id().kind() == ResourceKind.PORT
              || p.id().kind() == ResourceKind.FLOATING_IP).forEach(waits::add);
        }
        if (c.desired().orElseThrow() instanceof PortSpec port) {
          for (Step other : steps) {
            if (other != s && other.id().kind() == ResourceKind.PORT && other.phase() != Step.Phase.CREATE
                && other.change().current().isPresent()
                && other.change().current().get().spec() instanceof PortSpec held
                && overlaps(held.fixedIps(), port.fixedIps())) {
              waits.add(other);
            }
          }
        }
      } else {
        ResourceSpec current = c.current().orElseThrow().spec();
        for (Step other : steps) {
          if (other == s || other.change().current().isEmpty()) {
            continue;
          }
          boolean refersNow = other.change().current().get().spec().dependsOn().contains(current.id());
          boolean stillRefers = other.change().desired().map(d -> d.dependsOn().contains(current.id()))
              .orElse(false);
          if (refersNow && (other.phase() == Step.Phase.DELETE
              || (other.phase() == Step.Phase.UPDATE && !stillRefers))) {
            waits.add(other);
          }
        }
      }
      waits.remove(s);
      edges.put(s, List.copyOf(waits));
    }
    return edges;
  }

  private static boolean overlaps(Set<Ipv4Address> a, Set<Ipv4Address> b) {
    return a.stream().anyMatch(b::contains);
  }
}
