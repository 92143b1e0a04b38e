package dev.stackwright.testing;

import dev.stackwright.Closest;
import dev.stackwright.engine.Action;
import dev.stackwright.engine.Change;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Assertions on one change of a plan, from {@link PlanAssert#change(String)}: its action, its reason, whether it
 * destroys data, the files it rewrites on a server, its desired spec. {@link #and()} goes back to the plan.
 */
public final class ChangeAssert {
  private final PlanAssert plan;
  private final Change change;

  ChangeAssert(PlanAssert plan, Change change) {
    this.plan = plan;
    this.change = change;
  }

  /** The change is a {@code action}: {@code Action.RECONFIGURE}, {@code Action.UPDATE}... */
  public ChangeAssert hasAction(Action action) {
    if (change.action() != action) {
      throw new AssertionError("expected the plan to " + action.verb() + " " + change.id() + " but it will "
          + change.action().verb() + " it: " + change);
    }
    return this;
  }

  /** The change's reason contains {@code part}, such as {@code "reload nginx"} or {@code "flavour"}. */
  public ChangeAssert because(String part) {
    if (!change.reason().contains(part)) {
      throw new AssertionError("expected the reason of " + change.id() + " to contain \"" + part + "\" but it is: "
          + change.reason());
    }
    return this;
  }

  /** The change deletes, replaces or rebuilds a server whose services hold data. */
  public ChangeAssert destroysData() {
    if (!change.destroysData()) {
      throw new AssertionError("expected " + change.id() + " to destroy data but it does not: " + change);
    }
    return this;
  }

  public ChangeAssert destroysNoData() {
    if (change.destroysData()) {
      throw new AssertionError("expected " + change.id() + " to destroy no data but it does: " + change);
    }
    return this;
  }

  /**
   * The server is given each of {@code paths} anew: a file whose digest differs from the one the running server
   * carries, or that it does not have yet (for a new server, every file it boots with).
   */
  public ChangeAssert changesFiles(String... paths) {
    if (!(change.desired().orElse(null) instanceof ServerSpec want)) {
      throw new AssertionError("expected " + change.id() + " to change files, but only a server has files: " + change);
    }
    Map<String, String> had = change.current().map(o -> o.spec()).filter(s -> s instanceof ServerSpec)
        .map(s -> ((ServerSpec) s).fileDigests()).orElse(Map.of());
    Set<String> changed = new TreeSet<>();
    want.fileDigests().forEach((p, d) -> {
      if (!d.equals(had.get(p))) {
        changed.add(p);
      }
    });
    for (String p : paths) {
      if (!changed.contains(p)) {
        String why = want.fileDigests().containsKey(p) ? "it has that file unchanged"
            : "it has no such file" + Closest.nearest(p, want.fileDigests().keySet()).map(n -> " (nearest: " + n + ")")
                .orElse("");
        throw new AssertionError("expected " + change.id() + " to change " + p + " but " + why + "; it changes "
            + changed);
      }
    }
    return this;
  }

  /** The desired spec matches {@code which}, said as {@code description} in a failure, which shows the spec. */
  public ChangeAssert matches(Predicate<? super ResourceSpec> which, String description) {
    ResourceSpec spec = change.desired().orElseThrow(() -> new AssertionError("expected " + change.id() + " to "
        + description + " but the plan deletes it: " + change));
    if (!which.test(spec)) {
      throw new AssertionError("expected " + change.id() + " to " + description + " but its spec is " + spec);
    }
    return this;
  }

  /** Back to the plan. */
  public PlanAssert and() {
    return plan;
  }
}
