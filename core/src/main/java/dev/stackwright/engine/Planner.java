package dev.stackwright.engine;

import dev.stackwright.model.UserDataPolicy;
import dev.stackwright.spi.Capabilities;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares what a cluster needs with what the cloud has and says what to do about each difference, and why. A pure
 * function: no cloud is called, so a plan can be computed, printed and tested anywhere.
 */
final class Planner {
  private Planner() {}

  /**
   * The plan that makes {@code observed} match {@code desired} on a backend with {@code capabilities}: creates for what
   * is missing, updates in place where the backend can make them, replacements otherwise, deletes for what the model
   * no longer has and for duplicates. Re-planning a converged cluster gives an empty plan.
   */
  public static Plan plan(DesiredState desired, Observation observed, Capabilities capabilities) {
    if (!desired.cluster().equals(observed.cluster())) {
      throw new IllegalArgumentException("desired state of cluster \"" + desired.cluster()
          + "\" compared with an observation of \"" + observed.cluster() + "\"");
    }
    LookAlikes lookAlikes = LookAlikes.of(desired, observed);
    Set<ResourceId> blocked = new HashSet<>();
    lookAlikes.conflicts().forEach(c -> blocked.add(c.id()));
    Map<ResourceId, Observed> chosen = new HashMap<>();
    lookAlikes.ours().resources().forEach(o -> chosen.put(o.id(), o));
    List<Observed> extras = new ArrayList<>();
    choose(desired, lookAlikes.ours(), chosen, extras);
    Map<ResourceId, Change> changes = new TreeMap<>();
    List<Drift> drift = new ArrayList<>();
    List<String> notes = new ArrayList<>(desired.notes());
    int unchanged = 0;
    for (ResourceSpec want : desired.resources().stream().sorted(Comparator.comparing(ResourceSpec::id)).toList()) {
      Observed have = chosen.get(want.id());
      if (!capabilities.supports(want.id().kind())) {
        notes.add(want.id() + " is not made: this backend does not make " + want.id().kind().id() + "s");
      } else if (have == null && !blocked.contains(want.id())) {
        changes.put(want.id(), new Change(Action.CREATE, want.id(), Optional.of(want), Optional.empty(),
            "not in the cloud yet", false));
      } else if (have != null) {
        // a name taken by a look-alike (have == null, blocked) is neither made nor compared: the conflicts say so
        Differences diff = Differences.of(want, have.spec(), building(have));
        Optional<Change> change = change(want, have, diff, desired, capabilities, changes);
        NodeChanges.Verdict node = change.isEmpty() && reconfigures(want, have, desired)
            ? NodeChanges.of((ServerSpec) want, have, desired, capabilities) : NodeChanges.Verdict.NONE;
        change = change.or(node::change);
        change.ifPresent(c -> changes.put(want.id(), c));
        node.note().ifPresent(notes::add);
        if (change.isEmpty()) {
          node.drift().ifPresent(reason -> drift.add(new Drift(want.id(), reason, false)));
          diff.userData().filter(what -> node.drift().isEmpty() && !reconfigures(want, have, desired))
              .ifPresent(what -> drift.add(new Drift(want.id(), what + "; policy REPORT_DRIFT keeps the server (set"
                  + " onUserDataChange(RECONFIGURE) or REPLACE on its host to give it the new files)")));
          unchanged++;
        }
      }
    }
    Set<ResourceId> swept = GroupReplacements.extend(changes, desired, chosen, capabilities);
    unchanged -= swept.size(); // each was counted unchanged (or kept as drift, a server now replaced)
    drift.removeIf(d -> swept.contains(d.id()));
    deletes(desired, chosen, changes);
    List<Conflict> conflicts = new ArrayList<>(lookAlikes.conflicts());
    conflicts.addAll(NetworkConflicts.of(changes));
    pendingUserData(desired, changes, notes);
    outOfTheirGroup(desired, chosen, changes, notes);
    return new Plan(desired.cluster(), ordered(changes, duplicates(extras, chosen)), drift, notes, unchanged,
        conflicts);
  }

  /**
   * What a resource the cloud has needs, first reason first: a replacement (it is broken, what it hangs on is
   * replaced, or it differs in what cannot change in place), an update, an await of its boot, or a replacement for
   * its changed user-data when its policy says so; empty when nothing (changed user-data then is drift).
   */
  private static Optional<Change> change(ResourceSpec want, Observed have, Differences diff, DesiredState desired,
      Capabilities capabilities, Map<ResourceId, Change> changes) {
    Optional<String> replaceBecause = broken(have)
        .or(() -> want.dependsOn().stream().map(changes::get)
            .filter(c -> c != null && c.action() == Action.REPLACE && forcesReplace(c.id().kind(), want.id().kind()))
            .findFirst().map(c -> "its " + c.id() + " is replaced"))
        .or(() -> Optional.of(diff.forcingReplace()).filter(f -> !f.isEmpty()).map(f -> String.join("; ", f)));
    boolean replaceForUserData = desired.policy(want.id()) == UserDataPolicy.REPLACE;
    if (replaceBecause.isPresent()) {
      return Optional.of(replace(desired, want, have, replaceBecause.get()));
    } else if (!diff.inPlace().isEmpty() && capabilities.updatesInPlace(want.id().kind())) {
      return Optional.of(new Change(Action.UPDATE, want.id(), Optional.of(want), Optional.of(have),
          String.join("; ", diff.inPlace()), false));
    } else if (!diff.inPlace().isEmpty()) {
      return Optional.of(replace(desired, want, have, String.join("; ", diff.inPlace())
          + " (this backend cannot change a " + want.id().kind().id() + " in place)"));
    } else if (building(have) && (diff.userData().isEmpty() || !replaceForUserData)) {
      return Optional.of(new Change(Action.AWAIT, want.id(), Optional.of(want), Optional.of(have), "still building:"
          + " a run that ended before it was ACTIVE started it", false));
    } else if (diff.userData().isPresent() && replaceForUserData) {
      return Optional.of(replace(desired, want, have, diff.userData().get() + "; policy: replace"));
    }
    return Optional.empty();
  }

  /** A running server of a host whose policy is to give it what changed. */
  private static boolean reconfigures(ResourceSpec want, Observed have, DesiredState desired) {
    return want instanceof ServerSpec && have.spec() instanceof ServerSpec
        && desired.policy(want.id()) == UserDataPolicy.RECONFIGURE;
  }

  private static Change replace(DesiredState desired, ResourceSpec want, Observed have, String reason) {
    return new Change(Action.REPLACE, want.id(), Optional.of(want), Optional.of(have), reason,
        desired.holdsData(want));
  }

  private static boolean building(Observed have) {
    return have.fact(Observed.Facts.STATUS).filter("BUILD"::equals).isPresent();
  }

  private static Optional<String> broken(Observed have) {
    return have.fact(Observed.Facts.STATUS).filter("ERROR"::equals)
        .map(s -> "the server is in ERROR" + have.fact(Observed.Facts.FAULT).map(f -> " (" + f + ")").orElse(""));
  }

  /** What the cloud has and the model no longer wants goes. */
  private static void deletes(DesiredState desired, Map<ResourceId, Observed> chosen, Map<ResourceId, Change> changes) {
    Set<ResourceId> wanted = new HashSet<>();
    desired.resources().forEach(r -> wanted.add(r.id()));
    for (Observed o : chosen.values()) {
      if (!wanted.contains(o.id())) {
        changes.put(o.id(), new Change(Action.DELETE, o.id(), Optional.empty(), Optional.of(o),
            DeleteReason.of(o.id(), desired), desired.holdsData(o.spec())));
      }
    }
  }

  private static List<Change> duplicates(List<Observed> extras, Map<ResourceId, Observed> chosen) {
    List<Change> duplicates = new ArrayList<>();
    Map<ResourceId, Integer> seen = new HashMap<>();
    for (Observed extra : extras) {
      int n = seen.merge(extra.id(), 1, Integer::sum);
      duplicates.add(Change.duplicate(extra,
          "duplicate #" + n + " (cloud id " + extra.cloudId() + "); keeping " + chosen.get(extra.id()).cloudId()));
    }
    return duplicates;
  }

  /** Creates, updates and replacements by id; then deletes, and last duplicates, each in reverse id order. */
  private static List<Change> ordered(Map<ResourceId, Change> changes, List<Change> duplicates) {
    List<Change> ordered = new ArrayList<>();
    changes.values().stream().filter(c -> c.action() != Action.DELETE).forEach(ordered::add);
    changes.values().stream().filter(c -> c.action() == Action.DELETE)
        .sorted(Comparator.comparing(Change::id).reversed()).forEach(ordered::add);
    duplicates.stream().sorted(Comparator.comparing(Change::id).reversed()).forEach(ordered::add);
    return ordered;
  }

  /**
   * Of several resources with one logical id, keeps the one most used by the cluster's others ({@link
   * Observed.Facts#USED_BY}: a server group with the servers in it, not an empty twice-made one), then the one
   * closest to what is desired (fewest differences; a server not in ERROR), and lists the others as extras to delete.
   */
  private static void choose(DesiredState desired, Observation observed, Map<ResourceId, Observed> chosen,
      List<Observed> extras) {
    Map<ResourceId, ResourceSpec> wanted = new HashMap<>();
    desired.resources().forEach(r -> wanted.put(r.id(), r));
    Map<ResourceId, List<Observed>> candidates = new TreeMap<>();
    for (Observed d : observed.duplicates()) {
      candidates.computeIfAbsent(d.id(), id -> new ArrayList<>(List.of(chosen.get(id)))).add(d);
    }
    candidates.forEach((id, all) -> {
      Comparator<Observed> mostUsed = Comparator.comparingInt(o -> -usedBy(o));
      Comparator<Observed> closest = Comparator.comparingInt(o -> distance(wanted.get(id), o));
      Observed keep = all.stream().min(mostUsed.thenComparing(closest).thenComparing(Observed::cloudId))
          .orElseThrow();
      chosen.put(id, keep);
      all.stream().filter(o -> o != keep).forEach(extras::add);
    });
  }

  private static int usedBy(Observed o) {
    return o.fact(Observed.Facts.USED_BY).map(Integer::parseInt).orElse(0);
  }

  private static int distance(ResourceSpec want, Observed have) {
    int error = have.fact(Observed.Facts.STATUS).filter("ERROR"::equals).isPresent() ? 100 : 0;
    if (want == null) {
      return error;
    }
    Differences d = Differences.of(want, have.spec());
    return error + d.forcingReplace().size() * 10 + d.inPlace().size() + (d.userData().isPresent() ? 1 : 0);
  }

  /** Servers whose user-data names MACs of ports this plan creates: said in a note, decided when the ports exist. */
  private static void pendingUserData(DesiredState desired, Map<ResourceId, Change> changes, List<String> notes) {
    boolean newPorts = changes.values().stream()
        .anyMatch(c -> (c.id().kind() == ResourceKind.PORT || c.id().kind() == ResourceKind.FLOATING_IP)
            && c.action() != Action.UPDATE
            && c.action() != Action.DELETE);
    if (!newPorts) {
      return;
    }
    for (ResourceId server : desired.userDataAfterPorts()) {
      Change c = changes.get(server);
      if (c != null && (c.action() == Action.CREATE || c.action() == Action.REPLACE)) {
        notes.add(server + ": its user-data is rendered once the new ports and floating IPs exist (DHCP leases name"
            + " MACs; allowed hosts name public addresses)");
      } else if (c != null && (c.action() == Action.RECONFIGURE || c.action() == Action.REBUILD)) {
        notes.add(server + ": its files name the new ports' MACs or floating IPs; they are rendered for it when it is "
            + c.action().verb() + "d, once those exist");
      } else {
        notes.add(server + ": its files will name the new ports' MACs or floating IPs; the server keeps its files"
            + " until it is replaced (its host's user-data policy decides)");
      }
    }
  }

  /**
   * Servers kept outside the group their host kind now has: booted before every kind got its group from its first VM
   * (a kind of one VM had none). Nova cannot add a running server to a group, and replacing a healthy server for that
   * alone would cost its data and its uptime, so it stays out until it is replaced for another reason.
   */
  private static void outOfTheirGroup(DesiredState desired, Map<ResourceId, Observed> chosen,
      Map<ResourceId, Change> changes, List<String> notes) {
    for (ResourceSpec want : desired.resources()) {
      Observed have = chosen.get(want.id());
      Change change = changes.get(want.id());
      if (want instanceof ServerSpec w && have != null && have.spec() instanceof ServerSpec h
          && w.serverGroup().isPresent() && h.serverGroup().isEmpty()
          && have.fact(Observed.Facts.STATUS).filter("BUILD"::equals).isEmpty()
          && (change == null || change.action() == Action.UPDATE)) {
        notes.add(want.id() + " stays outside " + w.serverGroup().get() + ": it was booted before its host kind had"
            + " a server group, and a running server cannot join one; the group's spread does not count it until"
            + " it is replaced for another reason");
      }
    }
  }

  /** A replaced port takes its server and floating IP with it; a replaced server group its servers. */
  private static boolean forcesReplace(ResourceKind replaced, ResourceKind dependent) {
    return replaced == ResourceKind.PORT
        || (replaced == ResourceKind.SERVER_GROUP && dependent == ResourceKind.SERVER);
  }
}
