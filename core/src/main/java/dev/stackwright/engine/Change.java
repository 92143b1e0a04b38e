package dev.stackwright.engine;

import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * One change of a plan: what happens to which resource and why, in words a person can act on, and whether it destroys
 * data (a database or broker server deleted or replaced).
 *
 * @param desired what the resource will be (empty for a delete)
 * @param current what the cloud has now (empty for a create)
 * @param duplicate whether this is the delete of a duplicate: a second resource carrying the marker of one that is
 *     kept, so nothing else waits for it as for the delete of that resource
 */
public record Change(Action action, ResourceId id, Optional<ResourceSpec> desired, Optional<Observed> current,
    String reason, boolean destroysData, boolean duplicate) {

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
    if (duplicate && action != Action.DELETE) {
      throw new IllegalArgumentException(action + " " + id + ": a duplicate is only ever deleted");
    }
  }

  /** A change of a resource that is not a duplicate. */
  public Change(Action action, ResourceId id, Optional<ResourceSpec> desired, Optional<Observed> current,
      String reason, boolean destroysData) {
    this(action, id, desired, current, reason, destroysData, false);
  }

  /** The delete of {@code extra}, a second resource carrying the marker of one that is kept. */
  public static Change duplicate(Observed extra, String reason) {
    return new Change(Action.DELETE, extra.id(), Optional.empty(), Optional.of(extra), reason, false, true);
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
