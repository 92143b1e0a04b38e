package dev.stackwright.engine;

import dev.stackwright.spi.BackendException;
import java.time.Duration;
import java.util.Optional;

/**
 * What became of one step.
 *
 * @param reason why a failed step failed, when the backend said ({@link BackendException#reason()}): whether applying
 *     again can fix it
 */
public record Outcome(Step step, Status status, Duration elapsed, Optional<String> detail,
    Optional<BackendException.Reason> reason) {
  public enum Status {
    DONE, FAILED, SKIPPED
  }

  public Outcome(Step step, Status status, Duration elapsed, Optional<String> detail) {
    this(step, status, elapsed, detail, Optional.empty());
  }

  /** A step that failed with {@code error}: its message, and its reason when a backend gave one. */
  static Outcome failed(Step step, Duration elapsed, Throwable error) {
    Optional<BackendException.Reason> reason = error instanceof BackendException e ? Optional.of(e.reason())
        : Optional.empty();
    return new Outcome(step, Status.FAILED, elapsed, Optional.of(String.valueOf(error.getMessage())), reason);
  }

  @Override
  public String toString() {
    return step + ": " + status.name().toLowerCase(java.util.Locale.ROOT) + detail.map(d -> " - " + d).orElse("");
  }
}
