package dev.stackwright.openstack.bench;

import dev.stackwright.engine.ExecutionListener;
import dev.stackwright.engine.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/** When each step of an apply started and ended, for a tsv: milliseconds from the apply's start, start/end, step. */
final class Timeline implements ExecutionListener {
  private record Event(long nanos, String what, Step step) {}

  private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();

  @Override
  public void started(Step step) {
    events.add(new Event(System.nanoTime(), "start", step));
  }

  @Override
  public void finished(Step step, Duration elapsed) {
    events.add(new Event(System.nanoTime(), "end", step));
  }

  @Override
  public void failed(Step step, Duration elapsed, Exception e) {
    events.add(new Event(System.nanoTime(), "failed", step));
  }

  /** Writes the events since {@code startNanos} (a {@link System#nanoTime} of the apply's start), in time order. */
  void write(Path file, long startNanos) throws IOException {
    List<String> lines = new ArrayList<>(List.of("ms\tevent\tstep"));
    events.stream().sorted(java.util.Comparator.comparingLong(Event::nanos)).forEach(e -> lines.add(String.format(
        Locale.ROOT, "%d\t%s\t%s", (e.nanos() - startNanos) / 1_000_000, e.what(), e.step())));
    Files.write(file, lines);
  }
}
