package dev.stackwright.engine;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How an apply or destroy ended: every step's outcome, and a summary that names every failure and what was left
 * undone. Running the same apply again finishes the job.
 */
public final class ApplyResult {
  private final Plan plan;
  private final List<Outcome> outcomes;
  private final Duration elapsed;
  private final int maxInFlight;

  ApplyResult(Plan plan, List<Outcome> outcomes, Duration elapsed, int maxInFlight) {
    this.plan = plan;
    this.outcomes = List.copyOf(outcomes);
    this.elapsed = elapsed;
    this.maxInFlight = maxInFlight;
  }

  public Plan plan() {
    return plan;
  }

  public List<Outcome> outcomes() {
    return outcomes;
  }

  public List<Outcome> failures() {
    return outcomes.stream().filter(o -> o.status() == Outcome.Status.FAILED).toList();
  }

  public List<Outcome> skipped() {
    return outcomes.stream().filter(o -> o.status() == Outcome.Status.SKIPPED).toList();
  }

  public boolean succeeded() {
    return outcomes.stream().allMatch(o -> o.status() == Outcome.Status.DONE);
  }

  public Duration elapsed() {
    return elapsed;
  }

  /** The most steps that were in flight at once. */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** One paragraph: counts and time, then each failure with its error and each step left undone. */
  public String summary() {
    long done = outcomes.stream().filter(o -> o.status() == Outcome.Status.DONE).count();
    String time = String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
    if (succeeded()) {
      return "Complete: " + done + " steps done in " + time + " (" + plan.summary() + ").";
    }
    StringBuilder b = new StringBuilder("Incomplete after " + time + ": " + done + " steps done, "
        + failures().size() + " failed, " + skipped().size() + " not done.\n");
    failures().forEach(o -> b.append("  failed:   ").append(o).append('\n'));
    skipped().forEach(o -> b.append("  not done: ").append(o).append('\n'));
    b.append("Run apply again to finish: what was made is found by its ownership marker, nothing is made twice.");
    return b.toString();
  }

  @Override
  public String toString() {
    return summary();
  }
}
