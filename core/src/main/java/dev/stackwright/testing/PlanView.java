package dev.stackwright.testing;

import dev.stackwright.Closest;
import dev.stackwright.engine.Action;
import dev.stackwright.engine.Change;
import dev.stackwright.engine.Plan;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One plan under assertion, shared by {@link PlanAssert} and the assertions it hands out: the changes matched so far
 * (for {@link PlanAssert#hasNoOtherChanges()}), and the words of every failure: the nearest id, the plan's changes.
 * Prints changes and specs only through their own {@code toString}, which withhold user-data and so every secret.
 */
final class PlanView {
  /** Past this many changes a failure lists the first ones and says how many more. */
  private static final int LISTED = 40;

  final Plan plan;
  private final Set<Change> matched = new LinkedHashSet<>();

  PlanView(Plan plan) {
    this.plan = plan;
  }

  void matched(Change change) {
    matched.add(change);
  }

  List<Change> unmatched() {
    return plan.changes().stream().filter(c -> !matched.contains(c)).toList();
  }

  /** The change of {@code id}, whatever its action. */
  Optional<Change> change(ResourceId id) {
    return plan.change(id);
  }

  /** The change of {@code id}; fails naming the nearest id the plan changes when there is none. */
  Change require(ResourceId id, String expected) {
    return change(id).orElseThrow(() -> fail(expected + " but the plan has no change of " + id + nearest(id)));
  }

  /** The change of {@code id} with {@code action}; fails with the change it has instead, or the nearest id. */
  Change require(ResourceId id, Action action) {
    String expected = "expected the plan to " + action.verb() + " " + id;
    Change c = change(id).orElseThrow(() -> fail(expected + " but the plan has no change of " + id
        + nearest(id, action)));
    if (c.action() != action) {
      throw fail(expected + " but it will " + c.action().verb() + " it: " + c);
    }
    matched(c);
    return c;
  }

  /** {@code "; nearest: - delete server/worker-2 (...)"}, or nothing when the plan changes nothing. */
  String nearest(ResourceId id) {
    return nearest(id, null);
  }

  /** The nearest among the changes with {@code action} when there are some, else among them all. */
  private String nearest(ResourceId id, Action action) {
    List<Change> same = plan.changes(c -> c.action() == action);
    List<String> ids = (same.isEmpty() ? plan.changes() : same).stream().map(c -> c.id().toString()).toList();
    return Closest.nearest(id.toString(), ids).flatMap(n -> change(ResourceId.parse(n)))
        .map(c -> "; nearest: " + c).orElse("");
  }

  /** An assertion error: the message, then the plan's changes (and drift and conflicts when it has them). */
  AssertionError fail(String message) {
    return new AssertionError(message + "\n" + listing());
  }

  String listing() {
    StringBuilder b = new StringBuilder();
    List<Change> changes = plan.changes();
    if (changes.isEmpty()) {
      b.append("the plan changes nothing (").append(plan.unchanged()).append(" resources match the model)");
    } else {
      b.append("the plan's ").append(changes.size()).append(" changes:");
      changes.stream().limit(LISTED).forEach(c -> b.append("\n  ").append(c));
      if (changes.size() > LISTED) {
        b.append("\n  ... and ").append(changes.size() - LISTED).append(" more");
      }
    }
    plan.drift().forEach(d -> b.append("\n  ").append(d).append(d.keptByPolicy() ? " (kept by policy)"
        : " (not delivered)"));
    plan.conflicts().forEach(c -> b.append("\n  x ").append(c));
    return b.toString();
  }

  /** {@code kind/key}, as ids print; a plain name is taken as a node, whose server is meant. */
  static ResourceId serverId(String nodeOrId) {
    return nodeOrId.contains("/") ? id(nodeOrId) : ResourceId.of(ResourceKind.SERVER, nodeOrId);
  }

  /** {@code kind/key}, such as {@code port/worker-3}; an assertion error saying how to write it otherwise. */
  static ResourceId id(String text) {
    try {
      return ResourceId.parse(text);
    } catch (IllegalArgumentException e) {
      throw new AssertionError("\"" + text + "\" is not a resource id: " + e.getMessage()
          + "; write kind/key, such as port/worker-3 or security-group/appserver");
    }
  }
}
