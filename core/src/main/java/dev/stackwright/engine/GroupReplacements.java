package dev.stackwright.engine;

import dev.stackwright.spi.Capabilities;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a replaced security group takes with it. A cloud refuses to delete a group a port still uses (Neutron: 409
 * SecurityGroupInUse), and deleting a group drops the rules of other groups that name it. So the new group is made
 * before the old one goes (Neutron takes two groups of one name; see {@link StepGraph}), and the plan also changes:
 * <ul>
 *   <li>each port that uses it: updated to the new group, or replaced (with its server and floating IP) on a backend
 *       that cannot change a port in place;
 *   <li>each group whose rules name it: updated so its rules name the new group, or replaced on a backend that cannot
 *       change a group in place (which in turn takes its own ports and the groups naming it).
 * </ul>
 */
final class GroupReplacements {
  private GroupReplacements() {}

  /**
   * Adds to {@code changes} what the replaced groups in it take with them.
   *
   * @return the resources that had no change before and have one now
   */
  static Set<ResourceId> extend(Map<ResourceId, Change> changes, DesiredState desired,
      Map<ResourceId, Observed> chosen, Capabilities capabilities) {
    Set<ResourceId> added = new HashSet<>();
    Deque<ResourceId> replaced = new ArrayDeque<>();
    changes.values().stream().filter(c -> c.action() == Action.REPLACE
        && c.id().kind() == ResourceKind.SECURITY_GROUP).forEach(c -> replaced.add(c.id()));
    while (!replaced.isEmpty()) {
      ResourceId gone = replaced.poll();
      for (ResourceSpec want : desired.resources()) {
        Observed have = chosen.get(want.id());
        if (have == null || !want.dependsOn().contains(gone)) {
          continue;
        }
        Optional<Action> now = Optional.ofNullable(changes.get(want.id())).map(Change::action);
        if (now.filter(a -> a == Action.REPLACE || a == Action.CREATE).isPresent()) {
          continue;
        }
        boolean moves = gone.kind() == ResourceKind.SECURITY_GROUP
            && (want.id().kind() == ResourceKind.SECURITY_GROUP || want.id().kind() == ResourceKind.PORT);
        if (moves && capabilities.updatesInPlace(want.id().kind())) {
          if (now.isEmpty()) {
            changes.put(want.id(), new Change(Action.UPDATE, want.id(), Optional.of(want), Optional.of(have),
                movesTo(want, gone), false));
            added.add(want.id());
          }
          continue;
        }
        String reason = moves ? movesTo(want, gone) + " (this backend cannot change a " + want.id().kind().id()
            + " in place)" : "its " + gone + " is replaced";
        if (now.isEmpty()) {
          added.add(want.id());
        }
        changes.put(want.id(), new Change(Action.REPLACE, want.id(), Optional.of(want), Optional.of(have), reason,
            desired.holdsData(want)));
        replaced.add(want.id());
      }
    }
    return added;
  }

  private static String movesTo(ResourceSpec want, ResourceId group) {
    return want.id().kind() == ResourceKind.PORT
        ? "moves to the new " + group + " (the old one cannot be deleted while a port uses it)"
        : "its rules name the new " + group + " (the old one's go with it)";
  }

  /** Whether {@code c} is the replacement of a security group, whose new group is made before the old one goes. */
  static boolean madeBeforeDeleted(Change c) {
    return c.action() == Action.REPLACE && c.id().kind() == ResourceKind.SECURITY_GROUP;
  }

  /** The security groups these changes replace. */
  static Set<ResourceId> replacedGroups(List<Change> changes) {
    Set<ResourceId> out = new HashSet<>();
    changes.stream().filter(GroupReplacements::madeBeforeDeleted).forEach(c -> out.add(c.id()));
    return out;
  }
}
