package dev.stackwright.model;

import dev.stackwright.internal.SafeText;
import java.util.Objects;
import java.util.Optional;

/**
 * How to tell that a service works on a node: a TCP port accepts, an HTTP path answers below 500, or a unit's log has
 * a line.
 *
 * @param kind which check
 * @param port the port's name (TCP and HTTP)
 * @param target the HTTP path, or the log line looked for
 * @param unit the systemd unit (log line)
 */
public record HealthCheck(Kind kind, Optional<String> port, Optional<String> target, Optional<String> unit) {
  public enum Kind {
    TCP,
    HTTP,
    LOG_LINE
  }

  public HealthCheck {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(unit, "unit");
  }

  /** The named port accepts a TCP connection. */
  public static HealthCheck tcp(String port) {
    return new HealthCheck(Kind.TCP, Optional.of(port), Optional.empty(), Optional.empty());
  }

  /** A GET of {@code path} on the named port answers with a status below 500. */
  public static HealthCheck http(String port, String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("the health check's HTTP path \"" + SafeText.printable(path)
          + "\" does not start with /");
    }
    return new HealthCheck(Kind.HTTP, Optional.of(port), Optional.of(path), Optional.empty());
  }

  /** The unit's journal has a line containing {@code text}. */
  public static HealthCheck logLine(String unit, String text) {
    return new HealthCheck(Kind.LOG_LINE, Optional.empty(), Optional.of(text), Optional.of(unit));
  }
}
