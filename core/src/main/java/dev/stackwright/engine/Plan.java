package dev.stackwright.engine;

import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What applying a cluster would change, and why: its changes in dependency order, the drift it keeps on purpose, and
 * notes (such as servers whose user-data is known only once new ports exist). Immutable; a pure function of the
 * desired resources and what was observed, so it can be printed, asserted on, and then applied.
 */
public final class Plan {
  private final String cluster;
  private final List<Change> changes;
  private final List<Drift> drift;
  private final List<String> notes;
  private final int unchanged;
  private final List<Conflict> conflicts;
  private final Optional<String> backend;
  private final List<FileChange> files;
  private final Map<ResourceId, NodeWork> nodeWork;

  Plan(String cluster, List<Change> changes, List<Drift> drift, List<String> notes, int unchanged,
      List<Conflict> conflicts) {
    this(cluster, changes, drift, notes, unchanged, conflicts, Optional.empty(), List.of(), Map.of());
  }

  private Plan(String cluster, List<Change> changes, List<Drift> drift, List<String> notes, int unchanged,
      List<Conflict> conflicts, Optional<String> backend, List<FileChange> files, Map<ResourceId, NodeWork> work) {
    this.conflicts = List.copyOf(conflicts);
    this.cluster = cluster;
    this.changes = List.copyOf(changes);
    this.drift = List.copyOf(drift);
    this.notes = List.copyOf(notes);
    this.unchanged = unchanged;
    this.backend = backend;
    this.files = List.copyOf(files);
    this.nodeWork = Collections.unmodifiableMap(new LinkedHashMap<>(work));
  }

  /** The same plan, knowing the backend it was made on, the files its changes write and what each node will do. */
  Plan detailed(String backend, List<FileChange> files, Map<ResourceId, NodeWork> work) {
    return new Plan(cluster, changes, drift, notes, unchanged, conflicts, Optional.of(backend), files, work);
  }

  public String cluster() {
    return cluster;
  }

  /** The changes, creates in dependency order before deletes in reverse order. */
  public List<Change> changes() {
    return changes;
  }

  public List<Drift> drift() {
    return drift;
  }

  public List<String> notes() {
    return notes;
  }

  /** How many of our resources already match. */
  public int unchanged() {
    return unchanged;
  }

  /** The name of the backend the plan was made on; empty for a plan not made by an {@link Engine}. */
  public Optional<String> backend() {
    return backend;
  }

  /**
   * Each file the changes write with other content than the cloud records, node by node in the order of the changes:
   * the plan's file-level diff summary. Empty for a plan not made by an {@link Engine} from a model (a destroy's).
   */
  public List<FileChange> fileChanges() {
    return files;
  }

  /**
   * The same plan with {@code counted} in place of its file changes of the same node and path: what a caller that
   * knows the previous contents (the command line, from the files kept at the last apply) found the lines to be.
   *
   * @throws IllegalArgumentException when a file is not one of the plan's, or its digests differ
   */
  public Plan withFileChanges(List<FileChange> counted) {
    Map<String, FileChange> byFile = new LinkedHashMap<>();
    files.forEach(f -> byFile.put(f.node() + ":" + f.path(), f));
    for (FileChange f : counted) {
      FileChange mine = byFile.get(f.node() + ":" + f.path());
      if (mine == null || !mine.oldDigest().equals(f.oldDigest()) || !mine.newDigest().equals(f.newDigest())) {
        throw new IllegalArgumentException(f.node() + ":" + f.path() + " is not a file this plan changes from "
            + f.oldDigest().orElse("nothing") + " to " + f.newDigest().orElse("nothing") + "; it changes "
            + byFile.size() + " files" + (byFile.isEmpty() ? "" : ", such as " + byFile.values().iterator().next()));
      }
      byFile.put(f.node() + ":" + f.path(), f);
    }
    return new Plan(cluster, changes, drift, notes, unchanged, conflicts, backend, List.copyOf(byFile.values()),
        nodeWork);
  }

  /** What a reconfigure or rebuild does on its node, for the plan's JSON. */
  Optional<NodeWork> nodeWork(ResourceId server) {
    return Optional.ofNullable(nodeWork.get(server));
  }

  /**
   * The plan as data: a JSON document following {@code docs/schema/plan-v1.schema.json} (its {@code schemaVersion}
   * is 1 for as long as fields are only added), with every change and its reason, what each node will do, the drift,
   * the summary counts and the file-level diff summary. Never a secret's value, nor any file's content.
   */
  public String toJson() {
    return PlanJson.write(this);
  }

  /** What bears the cluster's names but is not its own; a plan with conflicts is not applied. */
  public List<Conflict> conflicts() {
    return conflicts;
  }

  /**
   * True when applying would change nothing and nothing stands in the way. Drift kept on purpose is not a change; a
   * conflict is not converged.
   */
  public boolean isEmpty() {
    return changes.isEmpty() && conflicts.isEmpty();
  }

  public Optional<Change> change(ResourceId id) {
    return changes.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  public List<Change> changes(Predicate<Change> which) {
    return changes.stream().filter(which).toList();
  }

  public long count(Action action) {
    return changes.stream().filter(c -> c.action() == action).count();
  }

  /**
   * True when the plan has changes, or drift that nobody chose to keep (files a backend cannot deliver to running
   * servers): what {@code plan --detailed-exitcode} reports as pending.
   */
  public boolean pending() {
    return !isEmpty() || drift.stream().anyMatch(d -> !d.keptByPolicy());
  }

    /** True when a change deletes or replaces a server that holds data. */
  public boolean destroysData() {
    return changes.stream().anyMatch(Change::destroysData);
  }

  /** {@code 3 to create, 1 to update, 1 to replace, 0 to delete}. */
  public String summary() {
    return count(Action.CREATE) + " to create, " + count(Action.UPDATE) + " to update, " + count(Action.REPLACE)
        + " to replace, " + count(Action.DELETE) + " to delete"
        + (count(Action.AWAIT) == 0 ? "" : ", " + count(Action.AWAIT) + " to wait for")
        + (count(Action.RECONFIGURE) == 0 ? "" : ", " + count(Action.RECONFIGURE) + " to reconfigure")
        + (count(Action.REBUILD) == 0 ? "" : ", " + count(Action.REBUILD) + " to rebuild")
        + (conflicts.isEmpty() ? "" : ", " + conflicts.size() + " in conflict")
        + (undelivered() == 0 ? "" : ", " + undelivered() + " not delivered (this backend cannot change running"
            + " servers)");
  }

  /**
   * The plan as a person reads it: grouped by action and kind, one line per change with its reason, then drift,
   * notes and the summary.
   */
  public String render() {
    StringBuilder b = new StringBuilder();
    b.append("Plan for cluster \"").append(cluster).append("\"");
    if (changes.isEmpty()) {
      b.append(": no changes; ").append(unchanged).append(" resources match the model.\n");
    } else {
      b.append(":\n");
      Map<Action, Map<ResourceKind, List<Change>>> groups = new EnumMap<>(Action.class);
      for (Change c : changes) {
        groups.computeIfAbsent(c.action(), a -> new EnumMap<>(ResourceKind.class))
            .computeIfAbsent(c.id().kind(), k -> new java.util.ArrayList<>()).add(c);
      }
      groups.forEach((action, kinds) -> {
        b.append('\n').append(capitalized(action.verb())).append(":\n");
        if (action == Action.RECONFIGURE || action == Action.REBUILD) {
          kinds.values().forEach(list -> NodeLines.of(list).forEach(l -> b.append("  ").append(l).append('\n')));
          return;
        }
        kinds.forEach((kind, list) -> {
          b.append("  ").append(kind.id()).append(" (").append(list.size()).append(")\n");
          for (Change c : list) {
            b.append("    ").append(action.symbol()).append(' ').append(c.id().key()).append(" (")
                .append(c.name()).append("): ").append(c.reason());
            if (c.destroysData()) {
              b.append("  [DESTROYS DATA]");
            }
            b.append('\n');
          }
        });
      });
    }
    if (!conflicts.isEmpty()) {
      b.append("\nConflicts (not the cluster's own, or not to be touched; never changed or deleted, and nothing is"
          + " applied until they are resolved):\n");
      conflicts.forEach(c -> b.append("  x ").append(c).append('\n'));
    }
    if (!drift.isEmpty()) {
      b.append("\nDrift (files the running servers do not have):\n");
      drift.forEach(d -> b.append("  ! ").append(d.id()).append(": ").append(d.reason()).append('\n'));
    }
    if (!notes.isEmpty()) {
      b.append("\nNotes:\n");
      notes.forEach(n -> b.append("  - ").append(n).append('\n'));
    }
    b.append("\nPlan: ").append(summary()).append(".\n");
    return b.toString();
  }

  long undelivered() {
    return drift.stream().filter(d -> !d.keptByPolicy()).count();
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  @Override
  public String toString() {
    return "Plan[" + cluster + ": " + summary() + "]";
  }
}
