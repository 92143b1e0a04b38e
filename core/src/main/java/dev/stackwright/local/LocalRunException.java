package dev.stackwright.local;

import dev.stackwright.StackwrightException;
import java.util.List;

/**
 * A local run that could not bring every service up (or down). It carries the whole result, so the services that did
 * start are known and {@code destroy} can stop them.
 */
public class LocalRunException extends StackwrightException {
  private static final long serialVersionUID = 1L;

  private final transient LocalResult result;

  public LocalRunException(String message, LocalResult result) {
    super(message + "\n" + result);
    this.result = result;
  }

  /** Every service and its state when the run gave up. */
  public LocalResult result() {
    return result;
  }

  /** The services that failed. */
  public List<LocalService> failed() {
    return result.services(LocalServiceState.FAILED);
  }
}
