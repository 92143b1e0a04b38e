package dev.stackwright.local.internal;

import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.Service;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a local run keeps each process's output: what its unit's journal would hold on a node, and so the log a
 * service's log-line health check is read in.
 */
public final class ProcessLogs {
  private ProcessLogs() {}

  /** The directory of every process's output. */
  public static Path dir(Path runDir) {
    return runDir.resolve("logs");
  }

  /** The text of {@code service}'s log-line health check, which its output shows once it is ready; if it has one. */
  public static Optional<String> readyLine(Service service) {
    return service.health().stream().filter(h -> h.kind() == HealthCheck.Kind.LOG_LINE)
        .flatMap(h -> h.target().stream()).findFirst();
  }

  /** The output of the process named {@code process}. */
  public static Path of(Path runDir, String process) {
    return dir(runDir).resolve(process + ".log");
  }
}
