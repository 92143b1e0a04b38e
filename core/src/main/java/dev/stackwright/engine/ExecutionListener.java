package dev.stackwright.engine;

import java.time.Duration;

/**
 * Hears an apply or destroy as it goes. Called from the executor's worker threads: implementations must be
 * thread-safe. Every method has an empty default. What a listener throws is logged and otherwise ignored: it never
 * aborts the apply or changes a step's outcome.
 */
public interface ExecutionListener {
  default void started(Step step) {}

  default void finished(Step step, Duration elapsed) {}

  default void failed(Step step, Duration elapsed, Exception error) {}

  /** A step that was not tried because something it waits for failed. */
  default void skipped(Step step, String reason) {}

  ExecutionListener NONE = new ExecutionListener() {};
}
