package dev.stackwright.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * One change of a plan: what happens to which resource and why, in words a person can act on, and whether it destroys
 * data (a database or broker server deleted or replaced).
 *
 * @param desired what the resource will be (empty for a delete)
 * @param current what the cloud has now (empty for a create)
 */
public record Change(Action action, ResourceId id, Optional<ResourceSpec> desired, Optional<Observed> current,
    String reason, boolean destroysData) {

  public Change {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(reason, "reason");
    if (action != Action.DELETE && desired.isEmpty()) {
      throw new IllegalArgumentException(action + " " + id + " needs the desired spec");
    }
    if (action != Action.CREATE && current.isEmpty()) {
      throw new IllegalArgumentException(action + " " + id + " needs what the cloud has now");
    }
  }

  /** The resource's name in the cloud, desired or current. */
  public String name() {
    return desired.map(ResourceSpec::name).orElseGet(() -> current.orElseThrow().spec().name());
  }

  /** As a plan prints it: {@code -/+ replace server/worker-2 (worker-2): user-data changed (...)}. */
  @Override
  public String toString() {
    return action.symbol() + " " + action.verb() + " " + id + " (" + name() + "): " + reason
        + (destroysData ? " [destroys data]" : "");
  }
}
