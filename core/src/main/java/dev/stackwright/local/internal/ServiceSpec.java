package dev.stackwright.local.internal;

import dev.stackwright.local.internal.ConfigText.Endpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One process the local run starts, or a service it cannot run and says why.
 *
 * @param name unique in the run, {@code nginx@webserver-1}; also the name of its pid and log files
 * @param node the node it stands in for
 * @param kind nginx, gunicorn, rabbitmq, epmd, celery, couchdb-standin, flower, dhcp, cloud-init
 * @param command the program and its arguments
 * @param cwd where it runs
 * @param env added to a minimal environment
 * @param endpoints where it answers once up (a TCP connect succeeds)
 * @param readyLog a log file that shows {@code readyMarker} once the service is up, for services without a socket
 * @param phase services of a phase start once every service of the earlier phases answers
 * @param skip why it cannot run here; then nothing is started
 * @param note shown with the service (what the local run does differently, say)
 */
public record ServiceSpec(String name, String node, String kind, List<String> command, Path cwd,
    Map<String, String> env, List<Endpoint> endpoints, Optional<Path> readyLog, String readyMarker, int phase,
    Optional<String> skip, String note) {

  public static ServiceSpec skipped(String name, String node, String kind, String reason) {
    return new ServiceSpec(name, node, kind, List.of(), Path.of("/"), Map.of(), List.of(), Optional.empty(), "", 0,
        Optional.of(reason), "");
  }
}
