package dev.stackwright.engine;

import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ServerSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the changes of running servers (reconfigures, rebuilds) roll: per host kind, at most {@code maxUnavailable}
 * nodes at once, in node order, each after the one {@code maxUnavailable} places before it has ended well, so the
 * first failure stops the rest of its kind and leaves them as they were. Across kinds, a node change comes after every
 * server, port and floating IP made in the run (a load balancer lists new app servers once they run), and after the
 * rebuild of the jump host it is reached through; a server deleted for good goes only once every reconfigure has ended
 * well (a load balancer stops naming it first; if it could not, the server stays for the next apply).
 *
 * @param waits what must have ended well first (a failure skips the step)
 * @param order what must have ended first, well or not
 */
record Rollout(Map<Step, List<Step>> waits, Map<Step, List<Step>> order) {
  private static final Pattern NUMBERED = Pattern.compile("(.*?)(\\d+)");
  /** Node order: {@code worker-2} before {@code worker-10}. */
  static final Comparator<ResourceId> NODE_ORDER = Comparator.comparing((ResourceId id) -> id.kind())
      .thenComparing(id -> prefix(id.key())).thenComparingLong(id -> number(id.key())).thenComparing(id -> id.key());

  static boolean isNodeChange(Step s) {
    return s.phase() == Step.Phase.RECONFIGURE || s.phase() == Step.Phase.REBUILD;
  }

  /** @param hard the graph's own waits ({@link StepGraph#edges}); {@code soft} its order-only edges */
  static Rollout of(List<Step> steps, Rolling rolling, Map<Step, List<Step>> hard, Map<Step, List<Step>> soft) {
    Map<Step, List<Step>> waits = kindByKind(steps, rolling.hosts(), rolling.maxUnavailable());
    newVersionAfterItsLeader(steps, rolling.redeployLeaders(), waits);
    Map<Step, List<Step>> order = order(steps, rolling.vias());
    List<Map<Step, List<Step>>> graph = List.of(hard, soft, waits, order);
    List<Step> reconfigures = steps.stream().filter(s -> s.phase() == Step.Phase.RECONFIGURE).toList();
    for (Step s : steps) {
      if (s.id().kind() == ResourceKind.SERVER && s.phase() == Step.Phase.DELETE
          && s.change().action() == Action.DELETE) {
        // a reconfigure that itself comes after this delete (a split: new servers take its addresses) cannot be
        // waited for: in a split the addresses the others name do not change
        List<Step> before = reconfigures.stream().filter(r -> !reaches(r, s, graph)).toList();
        if (!before.isEmpty()) {
          waits.merge(s, before, Rollout::both);
        }
      }
    }
    return new Rollout(waits, order);
  }

  /** Within each host kind, in node order: node i waits for node i - maxUnavailable. */
  private static Map<Step, List<Step>> kindByKind(List<Step> steps, Map<ResourceId, String> hosts,
      int maxUnavailable) {
    if (maxUnavailable < 1) {
      throw new IllegalArgumentException("maxUnavailable must be at least 1: " + maxUnavailable);
    }
    Map<String, List<Step>> byHost = new LinkedHashMap<>();
    steps.stream().filter(Rollout::isNodeChange).sorted(Comparator.comparing(Step::id, NODE_ORDER))
        .forEach(s -> byHost.computeIfAbsent(hosts.getOrDefault(s.id(), s.id().key()), h -> new ArrayList<>())
            .add(s));
    Map<Step, List<Step>> waits = new HashMap<>();
    byHost.values().forEach(kind -> {
      for (int i = maxUnavailable; i < kind.size(); i++) {
        waits.put(kind.get(i), List.of(kind.get(i - maxUnavailable)));
      }
    });
    return waits;
  }

  /**
   * A new version of the application reaches the nodes that do not migrate only once the first node that does (in
   * node order) has it and works: their code would otherwise meet a database the new code has not migrated yet.
   */
  private static void newVersionAfterItsLeader(List<Step> steps, Set<ResourceId> leaders,
      Map<Step, List<Step>> waits) {
    List<Step> redeploys = steps.stream().filter(s -> s.phase() == Step.Phase.RECONFIGURE && newVersion(s.change()))
        .sorted(Comparator.comparing(Step::id, NODE_ORDER)).toList();
    Optional<Step> leader = redeploys.stream().filter(s -> leaders.contains(s.id())).findFirst();
    leader.ifPresent(first -> redeploys.stream().filter(s -> !leaders.contains(s.id()))
        .forEach(s -> waits.merge(s, List.of(first), Rollout::both)));
  }

  private static boolean newVersion(Change c) {
    String now = c.desired().map(d -> ((ServerSpec) d).metadata().get(DesiredState.META_APP)).orElse(null);
    String before = ((ServerSpec) c.current().orElseThrow().spec()).metadata().get(DesiredState.META_APP);
    return now != null && before != null && !now.equals(before);
  }

  /**
   * Node changes after the servers, ports and floating IPs made in the run and after their jump host's rebuild; a
   * rebuild also after its own port's change (it boots with the addresses it gains).
   */
  private static Map<Step, List<Step>> order(List<Step> steps, Map<ResourceId, ResourceId> vias) {
    List<Step> made = steps.stream().filter(s -> (s.id().kind() == ResourceKind.SERVER
        && (s.phase() == Step.Phase.CREATE || s.phase() == Step.Phase.AWAIT))
        || ((s.id().kind() == ResourceKind.PORT || s.id().kind() == ResourceKind.FLOATING_IP)
            && s.phase() == Step.Phase.CREATE)).toList();
    Map<ResourceId, Step> nodeChanges = new HashMap<>();
    steps.stream().filter(Rollout::isNodeChange).forEach(s -> nodeChanges.put(s.id(), s));
    Map<Step, List<Step>> order = new HashMap<>();
    for (Step s : nodeChanges.values()) {
      List<Step> before = new ArrayList<>(made);
      if (s.phase() == Step.Phase.REBUILD && s.change().desired().orElseThrow() instanceof ServerSpec server) {
        steps.stream().filter(p -> p.phase() == Step.Phase.UPDATE && p.id().equals(server.port()))
            .forEach(before::add);
      }
      // through a jump host being rebuilt no session holds; one only reconfigured keeps its sessions
      Optional.ofNullable(vias.get(s.id())).map(nodeChanges::get).filter(j -> j.phase() == Step.Phase.REBUILD)
          .ifPresent(before::add);
      order.put(s, before);
    }
    return order;
  }

  /** Whether {@code from} waits, directly or through others, for {@code to}, in any of the graphs. */
  private static boolean reaches(Step from, Step to, List<Map<Step, List<Step>>> graph) {
    Set<Step> seen = new HashSet<>();
    ArrayDeque<Step> next = new ArrayDeque<>(List.of(from));
    while (!next.isEmpty()) {
      Step s = next.poll();
      if (s.equals(to)) {
        return true;
      }
      for (Map<Step, List<Step>> edges : graph) {
        edges.getOrDefault(s, List.of()).stream().filter(seen::add).forEach(next::add);
      }
    }
    return false;
  }

  /** {@code a} with {@code b}'s lists appended per step. */
  static Map<Step, List<Step>> merged(Map<Step, List<Step>> a, Map<Step, List<Step>> b) {
    Map<Step, List<Step>> all = new HashMap<>(a);
    b.forEach((step, more) -> all.merge(step, more, Rollout::both));
    return all;
  }

  private static List<Step> both(List<Step> x, List<Step> y) {
    List<Step> both = new ArrayList<>(x);
    both.addAll(y);
    return List.copyOf(both);
  }

  private static String prefix(String key) {
    Matcher m = NUMBERED.matcher(key);
    return m.matches() ? m.group(1) : key;
  }

  private static long number(String key) {
    Matcher m = NUMBERED.matcher(key);
    return m.matches() && m.group(2).length() < 18 ? Long.parseLong(m.group(2)) : -1;
  }
}
