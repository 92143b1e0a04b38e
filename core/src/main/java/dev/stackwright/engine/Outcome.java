package dev.stackwright.engine;

import java.time.Duration;
import java.util.Optional;

/** What became of one step. */
public record Outcome(Step step, Status status, Duration elapsed, Optional<String> detail) {
  public enum Status {
    DONE, FAILED, SKIPPED
  }

  @Override
  public String toString() {
    return step + ": " + status.name().toLowerCase(java.util.Locale.ROOT) + detail.map(d -> " - " + d).orElse("");
  }
}
