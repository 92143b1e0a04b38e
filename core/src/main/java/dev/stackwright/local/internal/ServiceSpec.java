package dev.stackwright.local.internal;

import dev.stackwright.local.LocalEndpoint;
import dev.stackwright.local.LocalProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One process the local run starts, or a service it cannot run and says why: a runner's {@link LocalProcess} with
 * its place in the start order.
 *
 * @param name unique in the run, {@code nginx@webserver-1}; also the name of its pid and log files
 * @param node the node it stands in for
 * @param kind what it is: nginx, redis, dhcp, ...
 * @param command the program and its arguments
 * @param cwd where it runs
 * @param env added to the JVM's environment
 * @param endpoints where it answers once up (a TCP connect succeeds)
 * @param readyUrl a URL that answers below 500 once it is up
 * @param readyLog a log file that shows {@code readyMarker} once the service is up, for services without a socket
 * @param phase services of a phase start once every service of the earlier phases answers
 * @param skip why it does not run here; then nothing is started
 * @param problem why it cannot run; then the apply starts nothing
 * @param note shown with the service (what the local run does differently, say)
 * @param installHint how to install its program
 * @param setup a step that runs to completion before any service starts
 * @param services the names of the services of its node it stands for (nginx for the load balancer and the static
 *     files)
 * @param units the systemd units it stands for; see {@link LocalProcess#units()}
 * @param reloadSignal what reloads its config without a restart
 */
record ServiceSpec(String name, String node, String kind, List<String> command, Path cwd, Map<String, String> env,
    List<LocalEndpoint> endpoints, Optional<String> readyUrl, Optional<Path> readyLog, String readyMarker, int phase,
    Optional<String> skip, Optional<String> problem, String note, String installHint, boolean setup,
    Set<String> services, List<String> units, Optional<String> reloadSignal) {

  static ServiceSpec of(LocalProcess p, int phase, Set<String> services) {
    return new ServiceSpec(p.name(), p.node(), p.kind(), p.command(), p.workingDirectory(), p.environment(),
        p.endpoints(), p.readyUrl(), p.readyLog(), p.readyMarker(), phase, p.skipped(), p.problem(), p.note(),
        p.installHint(), p.setup(), Set.copyOf(services), p.units(), p.reloadSignal());
  }

  static ServiceSpec skipped(String name, String node, String kind, String reason) {
    return new ServiceSpec(name, node, kind, List.of(), Path.of("/"), Map.of(), List.of(), Optional.empty(),
        Optional.empty(), "", 0, Optional.of(reason), Optional.empty(), "", "", false, Set.of(), List.of(),
        Optional.empty());
  }

  /** True for a process the run starts and keeps: not skipped, not a problem, not a setup step. */
  boolean runs() {
    return skip.isEmpty() && problem.isEmpty() && !setup;
  }
}
