package dev.stackwright.local;

import dev.stackwright.StackwrightException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A local run that could not bring every service up (or down), or could not begin: a port held by another program, a
 * program not installed, a run directory that cannot be written, another apply or destroy running on it. It carries
 * the whole result, so the services that did start are known and {@code destroy} can stop them.
 */
public class LocalRunException extends StackwrightException {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final transient LocalResult result;

  public LocalRunException(String message, LocalResult result) {
    super(message + "\n" + result);
    this.reason = message;
    this.result = result;
  }

  /** A run that stopped before it started any process: {@code message} says what, where and the fix. */
  public LocalRunException(String message, Path runDir) {
    super(message);
    this.reason = message;
    this.result = new LocalResult(runDir, List.of(), Optional.empty(), Optional.empty());
  }

  /** The message without the table of services. */
  public String reason() {
    return reason;
  }

  /** Every service and its state when the run gave up; none when it gave up before starting any. */
  public LocalResult result() {
    return result;
  }

  /** The services that failed. */
  public List<LocalService> failed() {
    return result.services(LocalServiceState.FAILED);
  }

  /** True when this call started processes that still run or ran: {@code destroy} stops them. */
  public boolean startedAny() {
    return result.services().stream().anyMatch(s -> s.state() == LocalServiceState.STARTED
        || s.state() == LocalServiceState.FAILED && s.pid().isPresent());
  }
}
