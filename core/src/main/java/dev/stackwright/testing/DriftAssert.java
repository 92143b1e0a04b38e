package dev.stackwright.testing;

import dev.stackwright.engine.Drift;

/**
 * Assertions on the drift a plan keeps for one server, from {@link PlanAssert#hasDrift(String)}: files a running
 * server does not have, kept because its host kind's policy says so ({@code REPORT_DRIFT}) or because the backend
 * cannot change a running server. {@link #and()} goes back to the plan.
 */
public final class DriftAssert {
  private final PlanAssert plan;
  private final Drift drift;

  DriftAssert(PlanAssert plan, Drift drift) {
    this.plan = plan;
    this.drift = drift;
  }

  /** Kept by the host kind's policy: the user chose to leave the server as it is. */
  public DriftAssert keptByPolicy() {
    if (!drift.keptByPolicy()) {
      throw new AssertionError("expected the drift of " + drift.id() + " to be kept by policy but it is not delivered"
          + " (the backend cannot change a running server): " + drift.reason());
    }
    return this;
  }

  /** Not kept by choice: the backend cannot deliver the files; {@code plan --detailed-exitcode} counts it pending. */
  public DriftAssert notDelivered() {
    if (drift.keptByPolicy()) {
      throw new AssertionError("expected the drift of " + drift.id() + " to be not delivered but its host's"
          + " policy keeps it: " + drift.reason());
    }
    return this;
  }

  /** The reason contains {@code part}, such as a file's path. */
  public DriftAssert because(String part) {
    if (!drift.reason().contains(part)) {
      throw new AssertionError("expected the drift of " + drift.id() + " to say \"" + part + "\" but it says: "
          + drift.reason());
    }
    return this;
  }

  /** Back to the plan. */
  public PlanAssert and() {
    return plan;
  }
}
