package dev.stackwright.engine;

import dev.stackwright.spi.ResourceId;

/**
 * One call to a backend that a change needs: a create, an update, a delete, or waiting for a server to finish
 * building. A replacement is two steps, the delete of the old resource and the create of the new one. A new security
 * group whose rules name other groups made in the same run is two steps too: its create, with the rules that can be
 * made at once, and its link, which adds the rules naming those groups once they exist (so groups whose rules name
 * each other in a ring can be made, and no group waits for another before ports can use it).
 */
public record Step(Change change, Phase phase) {
  /** What the step asks the backend. */
  public enum Phase {
    DELETE, CREATE, UPDATE, AWAIT, LINK,
    /** A running server given its changed files ({@link dev.stackwright.spi.Backend#reconfigure}). */
    RECONFIGURE,
    /** A running server booted again in place ({@link dev.stackwright.spi.Backend#rebuild}). */
    REBUILD
  }

  public ResourceId id() {
    return change.id();
  }

  /** {@code create port/worker-4}; {@code link security-group/database (rules naming groups made in this run)}. */
  @Override
  public String toString() {
    return phase.name().toLowerCase(java.util.Locale.ROOT) + " " + change.id()
        + (phase == Phase.LINK ? " (rules naming groups made in this run)" : "");
  }
}
