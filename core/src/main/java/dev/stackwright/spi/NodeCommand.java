package dev.stackwright.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * A shell command a node runs as root ({@code bash -c}), with a name for messages and a time it may take. A step
 * (a redeploy's migrate) runs once and must exit 0; a health check is run again, a short pause apart, until it exits
 * 0 or its time is up.
 */
public record NodeCommand(String name, String command, Duration timeout) {
  public NodeCommand {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("command " + name + " needs a positive timeout: " + timeout);
    }
  }
}
