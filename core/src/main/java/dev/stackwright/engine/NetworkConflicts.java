package dev.stackwright.engine;

import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RouterSpec;
import dev.stackwright.spi.SubnetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the plan must not do to an owned network, decided before anything is deleted, and said as conflicts:
 * <ul>
 *   <li>replace a network or a subnet (a new range): a new subnet means every port and server on it new, which a plan
 *       never does silently;</li>
 *   <li>delete a network with someone else's port on it ({@link Observed.Facts#FOREIGN_PORTS}): the network, its
 *       subnet and its router are kept, and the port is never touched.</li>
 * </ul>
 * A plan with conflicts is not applied; a destroy deletes everything else and keeps them.
 */
final class NetworkConflicts {
  private NetworkConflicts() {}

  /** Takes the refused changes out of {@code changes} and returns the conflicts that say why. */
  static List<Conflict> of(Map<ResourceId, Change> changes) {
    List<Conflict> conflicts = new ArrayList<>();
    for (Change c : List.copyOf(changes.values())) {
      ResourceKind kind = c.id().kind();
      if (c.action() == Action.REPLACE && (kind == ResourceKind.NETWORK || kind == ResourceKind.SUBNET)) {
        changes.remove(c.id());
        conflicts.add(new Conflict(c.id(), current(c).cloudId(), current(c).spec().name(), "it would be replaced ("
            + c.reason() + "), and with it every port and server on it", "keep the " + kind.id() + " as it is in "
            + "the model (cluster.network(...), cluster.ownNetwork(...)), or destroy the cluster and apply it again"
            + " to move it"));
      }
    }
    for (Change c : List.copyOf(changes.values())) {
      if (c.id().kind() != ResourceKind.NETWORK || c.action() != Action.DELETE) {
        continue;
      }
      Optional<String> foreign = current(c).fact(Observed.Facts.FOREIGN_PORTS).filter(p -> !p.isBlank());
      if (foreign.isPresent()) {
        List<String> kept = keep(c.id(), changes);
        conflicts.add(new Conflict(c.id(), current(c).cloudId(), current(c).spec().name(), "ports that are not the "
            + "cluster's are on it: " + foreign.get() + "; it is kept" + (kept.isEmpty() ? "" : " with its "
            + String.join(" and ", kept)) + ", and those ports are never deleted", "delete or move those ports "
            + "(openstack port delete <cloud id>) if they are yours to remove, then run again"));
      }
    }
    return conflicts;
  }

  /** Drops the deletes of {@code network}, its subnets and their routers; returns what else is kept. */
  private static List<String> keep(ResourceId network, Map<ResourceId, Change> changes) {
    changes.remove(network);
    List<String> kept = new ArrayList<>();
    for (Change c : List.copyOf(changes.values())) {
      if (c.action() == Action.DELETE && current(c).spec() instanceof SubnetSpec s && s.network().equals(network)) {
        changes.remove(c.id());
        kept.add(c.id().toString());
        for (Change r : List.copyOf(changes.values())) {
          if (r.action() == Action.DELETE && current(r).spec() instanceof RouterSpec router
              && router.subnet().equals(c.id())) {
            changes.remove(r.id());
            kept.add(r.id().toString());
          }
        }
      }
    }
    return kept;
  }

  private static Observed current(Change c) {
    return c.current().orElseThrow();
  }
}
