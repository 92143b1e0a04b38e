package dev.stackwright.local.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings of a local run that are not in the model.
 *
 * @param python the Python with Debian's Django, Celery and gunicorn (never a pyenv shim)
 * @param rabbitmqServer RabbitMQ's own start script, not the /usr/sbin wrapper that switches user
 * @param pouchdbServer the pouchdb-server executable, when installed
 * @param application where the application's code is taken from, when the nodes do not have it yet
 * @param readyTimeout how long a phase may take to answer
 * @param stopGrace how long a service has to stop after SIGTERM before it gets SIGKILL
 */
public record LocalOptions(Path python, Path rabbitmqServer, Optional<Path> pouchdbServer, Optional<Path> application,
    Duration readyTimeout, Duration stopGrace) {}
