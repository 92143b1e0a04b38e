package dev.stackwright.engine;

import dev.stackwright.model.UserDataPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares what a cluster needs with what the cloud has and says what to do about each difference, and why. A pure
 * function: no cloud is called, so a plan can be computed, printed and tested anywhere.
 */
public final class Planner {
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
    observed = lookAlikes.ours();
    Set<ResourceId> blocked = new java.util.HashSet<>();
    lookAlikes.conflicts().forEach(c -> blocked.add(c.id()));
    Map<ResourceId, Change> changes = new TreeMap<>();
    Map<ResourceId, Observed> chosen = new HashMap<>();
    observed.resources().forEach(o -> chosen.put(o.id(), o));
    List<Observed> extras = new ArrayList<>();
    choose(desired, observed, chosen, extras);
    List<Drift> drift = new ArrayList<>();
    List<String> notes = new ArrayList<>(desired.notes());
    int unchanged = 0;
    List<ResourceSpec> byOrder = desired.resources().stream().sorted(Comparator.comparing(ResourceSpec::id)).toList();
    for (ResourceSpec want : byOrder) {
      if (!capabilities.supports(want.id().kind())) {
        notes.add(want.id() + " is not made: this backend does not make " + want.id().kind().id() + "s");
        continue;
      }
      Optional<Observed> have = Optional.ofNullable(chosen.get(want.id()));
      if (have.isEmpty() && blocked.contains(want.id())) {
        continue; // its name is taken by a look-alike: the plan's conflicts say so
      }
      if (have.isEmpty()) {
        changes.put(want.id(), new Change(Action.CREATE, want.id(), Optional.of(want), have, "not in the cloud yet",
            false));
        continue;
      }
      Optional<Change> replacedDependency = want.dependsOn().stream().map(changes::get)
          .filter(c -> c != null && c.action() == Action.REPLACE && forcesReplace(c.id().kind(), want.id().kind()))
          .findFirst();
      boolean building = have.get().fact(Observed.Facts.STATUS).filter("BUILD"::equals).isPresent();
      Differences diff = Differences.of(want, have.get().spec(), building);
      boolean holdsData = desired.holdsData(want);
      Optional<String> broken = have.get().fact(Observed.Facts.STATUS).filter("ERROR"::equals)
          .map(s -> "the server is in ERROR" + have.get().fact(Observed.Facts.FAULT).map(f -> " (" + f + ")")
              .orElse(""));
      if (broken.isPresent()) {
        changes.put(want.id(), new Change(Action.REPLACE, want.id(), Optional.of(want), have, broken.get(),
            holdsData));
      } else if (replacedDependency.isPresent()) {
        changes.put(want.id(), new Change(Action.REPLACE, want.id(), Optional.of(want), have,
            "its " + replacedDependency.get().id() + " is replaced", holdsData));
      } else if (!diff.forcingReplace().isEmpty()) {
        changes.put(want.id(), new Change(Action.REPLACE, want.id(), Optional.of(want), have,
            String.join("; ", diff.forcingReplace()), holdsData));
      } else if (!diff.inPlace().isEmpty() && capabilities.updatesInPlace(want.id().kind())) {
        changes.put(want.id(), new Change(Action.UPDATE, want.id(), Optional.of(want), have,
            String.join("; ", diff.inPlace()), false));
      } else if (!diff.inPlace().isEmpty()) {
        changes.put(want.id(), new Change(Action.REPLACE, want.id(), Optional.of(want), have,
            String.join("; ", diff.inPlace()) + " (this backend cannot change a " + want.id().kind().id()
                + " in place)", holdsData));
      } else if (building && (diff.userData().isEmpty() || desired.policy(want.id()) != UserDataPolicy.REPLACE)) {
        changes.put(want.id(), new Change(Action.AWAIT, want.id(), Optional.of(want), have, "still building: a run"
            + " that ended before it was ACTIVE started it", false));
      } else if (diff.userData().isPresent()) {
        String what = diff.userData().get();
        if (desired.policy(want.id()) == UserDataPolicy.REPLACE) {
          changes.put(want.id(), new Change(Action.REPLACE, want.id(), Optional.of(want), have, what
              + "; policy: replace", holdsData));
        } else {
          drift.add(new Drift(want.id(), what + "; policy REPORT_DRIFT keeps the server (set onUserDataChange"
              + "(REPLACE) on its host, or delete the server, to boot it with the new files)"));
          unchanged++;
        }
      } else {
        unchanged++;
      }
    }
    Set<ResourceId> swept = GroupReplacements.extend(changes, desired, chosen, capabilities);
    unchanged -= swept.size(); // each was counted unchanged (or kept as drift, a server now replaced)
    drift.removeIf(d -> swept.contains(d.id()));
    Set<ResourceId> wanted = new LinkedHashSet<>();
    desired.resources().forEach(r -> wanted.add(r.id()));
    for (Observed o : chosen.values()) {
      if (!wanted.contains(o.id())) {
        changes.put(o.id(), new Change(Action.DELETE, o.id(), Optional.empty(), Optional.of(o),
            DeleteReason.of(o.id(), desired), desired.holdsData(o.spec())));
      }
    }
    List<Change> duplicates = new ArrayList<>();
    Map<ResourceId, Integer> seen = new HashMap<>();
    for (Observed extra : extras) {
      int n = seen.merge(extra.id(), 1, Integer::sum);
      duplicates.add(Change.duplicate(extra,
          "duplicate #" + n + " (cloud id " + extra.cloudId() + "); keeping " + chosen.get(extra.id()).cloudId()));
    }
    pendingUserData(desired, changes, notes);
    outOfTheirGroup(desired, chosen, changes, notes);
    List<Change> ordered = new ArrayList<>();
    changes.values().stream().filter(c -> c.action() != Action.DELETE).forEach(ordered::add);
    changes.values().stream().filter(c -> c.action() == Action.DELETE)
        .sorted(Comparator.comparing(Change::id).reversed()).forEach(ordered::add);
    duplicates.stream().sorted(Comparator.comparing(Change::id).reversed()).forEach(ordered::add);
    return new Plan(desired.cluster(), ordered, drift, notes, unchanged, lookAlikes.conflicts());
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
