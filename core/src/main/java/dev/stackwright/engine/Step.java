package dev.stackwright.engine;

/**
 * One call to a backend that a change needs: a create, an update, a delete, or waiting for a server to finish
 * building. A replacement is two steps, the delete
 * of the old resource and the create of the new one.
 */
public record Step(Change change, Phase phase) {
  /** What the step asks the backend. */
  public enum Phase {
    DELETE, CREATE, UPDATE, AWAIT
  }

  public ResourceId id() {
    return change.id();
  }

  /** {@code create port/worker-4}. */
  @Override
  public String toString() {
    return phase.name().toLowerCase(java.util.Locale.ROOT) + " " + change.id();
  }
}
