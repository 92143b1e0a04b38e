package dev.stackwright.engine;

import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a plan shown to a person still holds when it is applied. The cloud settling is no change: a server the plan
 * waits for that has since become ACTIVE (a dead run's boot finishing) is simply not waited for any more, and a
 * resource's facts (a server's status, a port's) are not what a person approves. Anything else that differs, a new
 * change or one gone, another reason, another cloud id, makes the plan stale.
 */
final class Staleness {
  private Staleness() {}

  static boolean stale(Plan approved, Plan now) {
    Set<ResourceId> awaited = awaited(approved);
    return !awaited.containsAll(awaited(now)) || !approvable(approved).equals(approvable(now));
  }

  private static Set<ResourceId> awaited(Plan plan) {
    return plan.changes().stream().filter(c -> c.action() == Action.AWAIT).map(Change::id).collect(Collectors.toSet());
  }

  private static List<Approved> approvable(Plan plan) {
    return plan.changes().stream().filter(c -> c.action() != Action.AWAIT)
        .map(c -> new Approved(c.action(), c.id(), c.desired(), c.current().map(Observed::cloudId),
            c.current().map(Observed::spec), c.reason(), c.destroysData()))
        .toList();
  }

  /** A change as a person approves it: what is done to which resource in the cloud, and why. */
  private record Approved(Action action, ResourceId id, Optional<ResourceSpec> desired, Optional<String> cloudId,
      Optional<ResourceSpec> current, String reason, boolean destroysData) {}
}
