package dev.stackwright.cli;

import dev.stackwright.StackwrightException;
import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Plan;
import dev.stackwright.engine.StalePlanException;
import dev.stackwright.model.Cluster;
import java.io.PrintStream;
import java.time.Duration;

/**
 * {@code apply --yes}: no person holds the plan, so a plan made stale by the cloud still changing (a run that died
 * left servers booting, or its last requests landing) is made again, shown and applied, at most {@link #PLANS} plans
 * within {@link #SETTLING}. One command then finishes the job after a crash; a cloud that never stops changing
 * (another run applying the same cluster) ends it with the stale plan's message, and nothing more is applied.
 */
final class Settling {
  /** Plans made at most. */
  static final int PLANS = 5;
  /** How long plans are made again for. */
  static final Duration SETTLING = Duration.ofMinutes(2);
  /** The pause before planning again, for the cloud's work in flight to land. */
  static final Duration PAUSE = Duration.ofSeconds(2);

  private Settling() {}

  static ApplyResult apply(Engine engine, Cluster model, Plan first, PrintStream out) {
    Plan plan = first;
    long end = System.nanoTime() + SETTLING.toNanos();
    for (int made = 1; ; made++) {
      try {
        return engine.apply(model, plan);
      } catch (StalePlanException e) {
        if (made >= PLANS || System.nanoTime() + PAUSE.toNanos() > end) {
          throw e;
        }
        out.println("The cloud changed since the plan (plan " + made + " of at most " + PLANS + "): "
            + e.getMessage() + "\nPlanning again in " + PAUSE.toSeconds() + " s, as --yes was given.");
        pause();
        plan = engine.plan(model);
        out.print(plan.render());
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackwrightException("interrupted while waiting for the cloud to settle; nothing more was applied");
    }
  }
}
