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
import java.util.Set;

/**
 * How the changes of running servers (reconfigures, rebuilds) roll: per host kind, at most {@code maxUnavailable}
 * nodes at once, each after the one {@code maxUnavailable} places before it has ended well, so the first failure
 * stops the rest of its kind and leaves them as they were. Across kinds, a node change comes after every server and
 * port made in the run (a load balancer lists new app servers once they run), and a server deleted for good goes
 * after every reconfigure (a load balancer stops naming it first).
 */
final class Rollout {
  private Rollout() {}

  static boolean isNodeChange(Step s) {
    return s.phase() == Step.Phase.RECONFIGURE || s.phase() == Step.Phase.REBUILD;
  }

  /** Within each host kind, in id order: node i waits for node i - maxUnavailable (what it waits for must succeed). */
  static Map<Step, List<Step>> waits(List<Step> steps, Map<ResourceId, String> hosts, int maxUnavailable) {
    if (maxUnavailable < 1) {
      throw new IllegalArgumentException("maxUnavailable must be at least 1: " + maxUnavailable);
    }
    Map<String, List<Step>> byHost = new LinkedHashMap<>();
    steps.stream().filter(Rollout::isNodeChange).sorted(Comparator.comparing(Step::id))
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
   * Order only (a failure there does not stop these): node changes after the servers and ports made in the run, a
   * rebuild also after its own port's change (it boots with the addresses it gains); servers deleted for good after
   * the reconfigures (which stop naming them), unless a server or port made in the run waits for that delete (a
   * split: the new servers take the old one's addresses, so they cannot run before it goes, and the names a load
   * balancer lists do not change).
   */
  static Map<Step, List<Step>> order(List<Step> steps, Map<Step, List<Step>> waitsFor) {
    List<Step> made = steps.stream().filter(s -> (s.id().kind() == ResourceKind.SERVER
        && (s.phase() == Step.Phase.CREATE || s.phase() == Step.Phase.AWAIT))
        || (s.id().kind() == ResourceKind.PORT && s.phase() == Step.Phase.CREATE)).toList();
    List<Step> reconfigures = steps.stream().filter(s -> s.phase() == Step.Phase.RECONFIGURE).toList();
    Map<Step, List<Step>> order = new HashMap<>();
    for (Step s : steps) {
      if (isNodeChange(s)) {
        List<Step> before = new ArrayList<>(made);
        if (s.phase() == Step.Phase.REBUILD && s.change().desired().orElseThrow() instanceof ServerSpec server) {
          steps.stream().filter(p -> p.phase() == Step.Phase.UPDATE && p.id().equals(server.port()))
              .forEach(before::add);
        }
        order.put(s, before);
      } else if (s.id().kind() == ResourceKind.SERVER && s.phase() == Step.Phase.DELETE
          && s.change().action() == Action.DELETE && dependents(s, waitsFor).stream().noneMatch(made::contains)) {
        order.put(s, reconfigures);
      }
    }
    return order;
  }

  /** The steps that wait for {@code step}, directly or through others. */
  private static Set<Step> dependents(Step step, Map<Step, List<Step>> waitsFor) {
    Map<Step, List<Step>> waitedBy = new HashMap<>();
    waitsFor.forEach((s, prerequisites) -> prerequisites.forEach(p -> waitedBy.computeIfAbsent(p,
        k -> new ArrayList<>()).add(s)));
    Set<Step> found = new HashSet<>();
    ArrayDeque<Step> next = new ArrayDeque<>(List.of(step));
    while (!next.isEmpty()) {
      waitedBy.getOrDefault(next.poll(), List.of()).stream().filter(found::add).forEach(next::add);
    }
    return found;
  }

  /** {@code a} with {@code b}'s lists appended per step. */
  static Map<Step, List<Step>> merged(Map<Step, List<Step>> a, Map<Step, List<Step>> b) {
    Map<Step, List<Step>> all = new HashMap<>(a);
    b.forEach((step, more) -> all.merge(step, more, (x, y) -> {
      List<Step> both = new ArrayList<>(x);
      both.addAll(y);
      return List.copyOf(both);
    }));
    return all;
  }
}
