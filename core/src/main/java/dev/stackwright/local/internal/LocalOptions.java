package dev.stackwright.local.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of a local run that are not in the model.
 *
 * @param python the Python with Debian's Django, Celery and gunicorn (never a pyenv shim)
 * @param programs executables by name, where the run was told (or found) them: a runner's
 *     {@code node.program(name)}
 * @param application where the application's code is taken from, when the nodes do not have it yet
 * @param readyTimeout how long a phase may take to answer
 * @param stopGrace how long a service has to stop after SIGTERM before it gets SIGKILL
 * @param rollPause how long a rolling restart waits after a restarted process that serves others answers, before the
 *     next one stops
 */
public record LocalOptions(Path python, Map<String, Path> programs, Optional<Path> application,
    Duration readyTimeout, Duration stopGrace, Duration rollPause) {
  public LocalOptions {
    programs = Map.copyOf(programs);
  }
}
