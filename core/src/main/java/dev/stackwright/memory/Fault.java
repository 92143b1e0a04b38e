package dev.stackwright.memory;

import dev.stackwright.spi.ResourceId;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * A failure the in-memory cloud injects into matching calls, as a real cloud has them: a refusal before anything
 * happens ({@link Kind#UNAVAILABLE}, like a 503) or a lost answer after the work was done ({@link Kind#LOST_ANSWER},
 * like a connection reset on the response), both reported as transient.
 */
public record Fault(Kind kind, BiPredicate<String, ResourceId> matches, int times) {
  public enum Kind {
    UNAVAILABLE, LOST_ANSWER
  }

  public Fault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(matches, "matches");
    if (times < 1) {
      throw new IllegalArgumentException("a fault happens at least once: " + times);
    }
  }

  /** {@code kind} the next {@code times} times {@code operation} (create, update, delete, observe) touches {@code id}. */
  public static Fault on(Kind kind, String operation, ResourceId id, int times) {
    return new Fault(kind, (op, rid) -> op.equals(operation) && id.equals(rid), times);
  }
}
