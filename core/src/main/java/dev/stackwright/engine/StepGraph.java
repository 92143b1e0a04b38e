package dev.stackwright.engine;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The steps of a plan and what each must wait for:
 * <ul>
 *   <li>a create or update waits for the creates of what it refers to, and a replacement's create for its delete
 *       (but a security group's);
 *   <li>except a new security group's rules naming other new groups: they are its link step, which waits for its
 *       create and theirs; the create waits for none of them;
 *   <li>a delete waits for the deletes and updates of what refers to it now (a server goes before its port, a port
 *       drops a group before the group goes), except a group's delete for other groups' deletes: a cloud drops the
 *       rules naming a group with it (Neutron does);
 *   <li>a replaced security group is made before the old one goes, which waits for the updates that move its ports
 *       (and the rules naming it) to the new one ({@link GroupReplacements});
 *   <li>a new port waits for the ports that give up its addresses (a split moves addresses between ports);
 *   <li>a server whose user-data names every port's MAC or a floating IP waits for every new port and floating
 *       IP;
 *   <li>a new server waits for the link or update of the groups on its port: it boots behind its whole firewall,
 *       and is skipped when its group's rules could not be added.
 * </ul>
 */
final class StepGraph {
  private StepGraph() {}

  /**
   * @param linkLater whether a new group's rules naming other new groups are added by a later link step (the backend
   *     changes security groups in place); otherwise the group's create waits for theirs
   */
  static List<Step> steps(Plan plan, boolean linkLater) {
    Set<ResourceId> groupsMade = groupsMade(plan.changes());
    List<Step> steps = new ArrayList<>();
    for (Change c : plan.changes()) {
      switch (c.action()) {
        case CREATE -> steps.add(new Step(c, Step.Phase.CREATE));
        case UPDATE -> steps.add(new Step(c, Step.Phase.UPDATE));
        case DELETE -> steps.add(new Step(c, Step.Phase.DELETE));
        case AWAIT -> steps.add(new Step(c, Step.Phase.AWAIT));
        case RECONFIGURE -> steps.add(new Step(c, Step.Phase.RECONFIGURE));
        case REBUILD -> steps.add(new Step(c, Step.Phase.REBUILD));
        case REPLACE -> {
          steps.add(new Step(c, Step.Phase.DELETE));
          steps.add(new Step(c, Step.Phase.CREATE));
        }
      }
      if (linkLater && !namedLater(c, groupsMade).isEmpty()) {
        steps.add(new Step(c, Step.Phase.LINK));
      }
    }
    return steps;
  }

  /**
   * For each new security group that has a link step: the groups whose rules its create leaves out, for the link to
   * add.
   */
  static Map<ResourceId, Set<ResourceId>> linkedLater(List<Step> steps) {
    Set<ResourceId> groupsMade = groupsMade(steps.stream().map(Step::change).toList());
    Map<ResourceId, Set<ResourceId>> later = new HashMap<>();
    steps.stream().filter(s -> s.phase() == Step.Phase.LINK)
        .forEach(s -> later.put(s.id(), namedLater(s.change(), groupsMade)));
    return later;
  }

  /** The security groups created (or created again) by these changes. */
  private static Set<ResourceId> groupsMade(List<Change> changes) {
    Set<ResourceId> made = new LinkedHashSet<>();
    changes.stream().filter(c -> c.id().kind() == ResourceKind.SECURITY_GROUP
        && (c.action() == Action.CREATE || c.action() == Action.REPLACE)).forEach(c -> made.add(c.id()));
    return made;
  }

  /** The new groups a new group's rules name. */
  private static Set<ResourceId> namedLater(Change c, Set<ResourceId> groupsMade) {
    if ((c.action() != Action.CREATE && c.action() != Action.REPLACE)
        || !(c.desired().orElseThrow() instanceof SecurityGroupSpec g)) {
      return Set.of();
    }
    Set<ResourceId> named = new LinkedHashSet<>(g.dependsOn());
    named.retainAll(groupsMade);
    return named;
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
    Index index = Index.of(steps);
    Map<Step, List<Step>> edges = new HashMap<>();
    for (Step s : steps) {
      Set<Step> waits = switch (s.phase()) {
        // an await waits on nothing and nothing waits on it: the server exists, it only has to finish booting;
        // node changes wait as the rollout says (Rollout)
        case AWAIT, RECONFIGURE, REBUILD -> Set.of();
        case LINK -> linkWaits(s, index);
        case CREATE, UPDATE -> makeWaits(s, steps, index, afterAllPorts);
        case DELETE -> deleteWaits(s, steps);
      };
      edges.put(s, List.copyOf(waits));
    }
    return edges;
  }

  /**
   * The steps of a plan by what others look them up for. Awaits are in none; links only as rules added: ports need a
   * group to exist, not all its rules, so only a new server waits for a link.
   */
  private record Index(Map<ResourceId, Step> creates, Map<ResourceId, Step> deletes,
      Map<ResourceId, Step> rulesAdded, Map<ResourceId, PortSpec> ports, Map<ResourceId, Set<ResourceId>> later) {
    static Index of(List<Step> steps) {
      Index index = new Index(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), linkedLater(steps));
      for (Step s : steps) {
        s.change().desired().filter(PortSpec.class::isInstance)
            .ifPresent(p -> index.ports().put(s.id(), (PortSpec) p));
        if (s.phase() == Step.Phase.LINK
            || (s.phase() == Step.Phase.UPDATE && s.id().kind() == ResourceKind.SECURITY_GROUP)) {
          index.rulesAdded().put(s.id(), s);
        }
        if (s.phase() == Step.Phase.CREATE) {
          index.creates().put(s.id(), s);
        } else if (s.phase() == Step.Phase.DELETE && !s.change().duplicate()) {
          index.deletes().put(s.id(), s);
        }
      }
      return index;
    }
  }

  /** A link waits for its group's create and the creates of the groups its rules name. */
  private static Set<Step> linkWaits(Step s, Index index) {
    Set<Step> waits = new LinkedHashSet<>();
    waits.add(index.creates().get(s.id()));
    index.later().get(s.id()).forEach(g -> waits.add(index.creates().get(g)));
    return waits;
  }

  /** What a create or an update waits for: see the class comment, one rule per block. */
  private static Set<Step> makeWaits(Step s, List<Step> steps, Index index, Set<ResourceId> afterAllPorts) {
    Set<Step> waits = new LinkedHashSet<>();
    Change c = s.change();
    ResourceSpec spec = c.desired().orElseThrow();
    boolean create = s.phase() == Step.Phase.CREATE;
    Set<ResourceId> linked = create ? index.later().getOrDefault(s.id(), Set.of()) : Set.of();
    spec.dependsOn().stream().filter(dep -> !linked.contains(dep)).map(index.creates()::get)
        .filter(Objects::nonNull).forEach(waits::add);
    if (create) {
      Optional.ofNullable(index.deletes().get(s.id())).filter(d -> d.change() == c)
          .filter(d -> !GroupReplacements.madeBeforeDeleted(c)).ifPresent(waits::add);
    }
    if (create && spec instanceof ServerSpec server) {
      Optional.ofNullable(index.ports().get(server.port())).ifPresent(p -> p.securityGroups().stream()
          .map(index.rulesAdded()::get).filter(Objects::nonNull).forEach(waits::add));
    }
    if (create && afterAllPorts.contains(s.id())) {
      index.creates().values().stream().filter(p -> p.id().kind() == ResourceKind.PORT
          || p.id().kind() == ResourceKind.FLOATING_IP).forEach(waits::add);
    }
    if (spec instanceof PortSpec port) {
      steps.stream().filter(other -> other != s && other.id().kind() == ResourceKind.PORT
              && other.phase() != Step.Phase.CREATE
              && other.change().current().isPresent()
              && other.change().current().get().spec() instanceof PortSpec held
              && overlaps(held.fixedIps(), port.fixedIps()))
          .forEach(waits::add);
    }
    waits.remove(s);
    return waits;
  }

  /** A delete waits for the deletes and updates of what refers to the resource now. */
  private static Set<Step> deleteWaits(Step s, List<Step> steps) {
    Set<Step> waits = new LinkedHashSet<>();
    Change c = s.change();
    ResourceSpec current = c.current().orElseThrow().spec();
    for (Step other : steps) {
      if (other == s || other.change().current().isEmpty()) {
        continue;
      }
      boolean refersNow = other.change().current().get().spec().dependsOn().contains(current.id());
      boolean stillRefers = other.change().desired().map(d -> d.dependsOn().contains(current.id())).orElse(false);
      boolean groupByGroup = current.id().kind() == ResourceKind.SECURITY_GROUP
          && other.id().kind() == ResourceKind.SECURITY_GROUP;
      // an update of what still names a replaced group moves it to the new one: the old goes after
      boolean movesAway = !stillRefers || GroupReplacements.madeBeforeDeleted(c);
      if (refersNow && ((other.phase() == Step.Phase.DELETE && !groupByGroup)
          || (other.phase() == Step.Phase.UPDATE && movesAway))) {
        waits.add(other);
      }
    }
    return waits;
  }

  /**
   * A ring of steps that wait for each other (through {@code edges} or {@code order}), as
   * {@code a -> waits for b -> waits for a}, if there is one: found before any call, so that apply never stops
   * half-way for it.
   */
  static Optional<String> cycle(List<Step> steps, Map<Step, List<Step>> edges, Map<Step, List<Step>> order) {
    Map<Step, List<Step>> waits = new HashMap<>();
    Map<Step, List<Step>> waitedBy = new HashMap<>();
    Map<Step, Integer> open = new HashMap<>();
    for (Step s : steps) {
      List<Step> w = new ArrayList<>(edges.getOrDefault(s, List.of()));
      w.addAll(order.getOrDefault(s, List.of()));
      waits.put(s, w);
      open.put(s, w.size());
      w.forEach(p -> waitedBy.computeIfAbsent(p, k -> new ArrayList<>()).add(s));
    }
    // peel off what can run, as the executor would; what is left waits, directly or not, on a ring
    java.util.ArrayDeque<Step> free = new java.util.ArrayDeque<>();
    open.forEach((s, n) -> {
      if (n == 0) {
        free.add(s);
      }
    });
    while (!free.isEmpty()) {
      for (Step next : waitedBy.getOrDefault(free.poll(), List.of())) {
        if (open.merge(next, -1, Integer::sum) == 0) {
          free.add(next);
        }
      }
    }
    Optional<Step> stuck = steps.stream().filter(s -> open.get(s) > 0).findFirst();
    if (stuck.isEmpty()) {
      return Optional.empty();
    }
    // each step left has a wait on another step left: follow them until one comes round again
    List<Step> path = new ArrayList<>();
    Step s = stuck.get();
    while (!path.contains(s)) {
      path.add(s);
      s = waits.get(s).stream().filter(p -> open.get(p) > 0).findFirst().orElseThrow();
    }
    List<Step> ring = new ArrayList<>(path.subList(path.indexOf(s), path.size()));
    ring.add(s);
    return Optional.of(String.join(" -> waits for ", ring.stream().map(Step::toString).toList()));
  }

  private static boolean overlaps(Set<Ipv4Address> a, Set<Ipv4Address> b) {
    return a.stream().anyMatch(b::contains);
  }
}
