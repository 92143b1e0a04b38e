package dev.stackwright.engine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's listener, kept from the apply: what it throws is caught, so a broken progress printer neither aborts the
 * apply nor changes a step's outcome (a step done stays done). The first failure is logged with its trace; later ones
 * only at debug, so a listener that always throws does not drown the log.
 */
final class IsolatedListener implements ExecutionListener {
  private static final Logger LOG = LoggerFactory.getLogger(IsolatedListener.class);

  private final ExecutionListener inner;
  private final AtomicBoolean told = new AtomicBoolean();

  IsolatedListener(ExecutionListener inner) {
    this.inner = inner;
  }

  @Override
  public void started(Step step) {
    guard("started", step, () -> inner.started(step));
  }

  @Override
  public void finished(Step step, Duration elapsed) {
    guard("finished", step, () -> inner.finished(step, elapsed));
  }

  @Override
  public void failed(Step step, Duration elapsed, Exception error) {
    guard("failed", step, () -> inner.failed(step, elapsed, error));
  }

  @Override
  public void skipped(Step step, String reason) {
    guard("skipped", step, () -> inner.skipped(step, reason));
  }

  private void guard(String event, Step step, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      if (told.compareAndSet(false, true)) {
        LOG.warn("the execution listener {} threw on {} of {}; the apply goes on without what it did (later"
            + " failures of it are logged at debug)", inner.getClass().getName(), event, step, e);
      } else {
        LOG.debug("the execution listener threw again on {} of {}: {}", event, step, e.toString());
      }
    }
  }
}
