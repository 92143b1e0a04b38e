package dev.stackwright.cli;

import dev.stackwright.engine.ExecutionListener;
import dev.stackwright.engine.Step;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Prints a line when a step starts and when it ends, with its elapsed time, as the executor's threads report them. */
final class ProgressPrinter implements ExecutionListener {
  private final PrintStream out;
  private final long start = System.nanoTime();

  ProgressPrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void started(Step step) {
    line("started  " + step + " (" + step.change().name() + ")");
  }

  @Override
  public void finished(Step step, Duration elapsed) {
    line("done     " + step + " in " + seconds(elapsed));
  }

  @Override
  public void failed(Step step, Duration elapsed, Exception error) {
    line("FAILED   " + step + " after " + seconds(elapsed) + ": " + error.getMessage());
  }

  @Override
  public void skipped(Step step, String reason) {
    line("skipped  " + step + ": " + reason);
  }

  private void line(String text) {
    synchronized (out) {
      String at = seconds(Duration.ofNanos(System.nanoTime() - start));
      out.printf(Locale.ROOT, "[%7s] %s%n", at, text);
      out.flush();
    }
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
  }
}
