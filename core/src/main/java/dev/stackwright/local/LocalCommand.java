package dev.stackwright.local;

import dev.stackwright.internal.CommandWords;
import dev.stackwright.local.internal.ProcessLogs;
import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's local run as data: one command line, split on spaces (single and double quotes group), with
 * placeholders filled in per node:
 *
 * <ul>
 *   <li>{@code {address}}: the service's loopback address on the node, {@code 127.0.40.1};
 *   <li>{@code {port:redis}}: the number of its port {@code redis} here;
 *   <li>{@code {file:/etc/redis/redis.conf}}: where the rendered file is on this machine (it must be rendered);
 *   <li>{@code {path:/var/log/redis.log}}: where any path of the node is on this machine;
 *   <li>{@code {dir:/var/lib/redis}}: the same for a directory, made when it is not there (a data directory).
 * </ul>
 *
 * It answers on the ports its TCP and HTTP health checks name (on all its TCP ports when it has none), and is ready
 * when each accepts a connection, each HTTP check's path answers below 500, and its output (what the unit's journal
 * holds on a node) shows each log-line check's text. It runs in the node's root directory
 * with the minimal environment. For example {@code redis-server {file:/etc/redis/redis.conf}}.
 *
 * @param commandLine the command line with placeholders
 */
public record LocalCommand(String commandLine) implements LocalRunner {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(address|port|file|path|dir)(?::([^}]*))?}");

  public LocalCommand {
    Objects.requireNonNull(commandLine, "commandLine");
    if (commandLine.isBlank()) {
      throw new IllegalArgumentException("a local command line is empty; write the program and its arguments, such"
          + " as \"my-daemon --config {file:/etc/my-daemon.conf}\"");
    }
  }

  @Override
  public List<LocalProcess> processes(LocalNode node) {
    Service service = node.service();
    List<String> command = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String word : CommandWords.split(commandLine)) {
      command.add(fill(word, node, problems));
    }
    List<LocalEndpoint> endpoints = new ArrayList<>();
    List<String> urls = new ArrayList<>();
    for (String port : readyPorts(service)) {
      if (service.port(port).isEmpty()) {
        problems.add("its health check names port \"" + port + "\", which the service does not have");
        continue;
      }
      endpoints.add(new LocalEndpoint(node.address(), node.port(port)));
    }
    for (HealthCheck h : service.health()) {
      if (h.kind() == HealthCheck.Kind.HTTP && h.port().flatMap(service::port).isPresent()) {
        urls.add("http://" + node.address() + ":" + node.port(h.port().get()) + h.target().orElse("/"));
      }
    }
    if (!problems.isEmpty()) {
      return List.of(LocalProcess.cannotRun(service.name(), node, "service[" + service.name() + "].localRun \""
          + commandLine + "\" on " + node.name() + ": " + String.join("; ", problems)));
    }
    String name = service.name() + "@" + node.name();
    LocalProcess.Builder b = LocalProcess.builder(service.name(), node).name(name).command(command)
        .environment(node.environment()).endpoints(endpoints).note("local command of service " + service.name());
    urls.stream().findFirst().ifPresent(b::readyUrl);
    ProcessLogs.readyLine(service).ifPresent(text -> b.readyLog(ProcessLogs.of(node.runDir(), name), text));
    List<String> packages = service.packagesOn(dev.stackwright.model.OsRelease.TEMPLATES);
    if (!packages.isEmpty()) {
      b.installHint("apt-get install " + String.join(" ", packages));
    }
    return List.of(b.build());
  }

  /** The ports the health checks name, else every TCP port. */
  private static Set<String> readyPorts(Service service) {
    Set<String> ports = new LinkedHashSet<>();
    for (HealthCheck h : service.health()) {
      if (h.kind() != HealthCheck.Kind.LOG_LINE) {
        h.port().ifPresent(ports::add);
      }
    }
    if (ports.isEmpty()) {
      service.ports().stream().filter(p -> p.protocol().equals("tcp")).map(ServicePort::name).forEach(ports::add);
    }
    return ports;
  }

  private static String fill(String word, LocalNode node, List<String> problems) {
    Matcher m = PLACEHOLDER.matcher(word);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Optional<String> value = value(m.group(1), m.group(2), node, problems);
      m.appendReplacement(out, Matcher.quoteReplacement(value.orElse(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Optional<String> value(String kind, String arg, LocalNode node, List<String> problems) {
    Service service = node.service();
    switch (kind) {
      case "address":
        return Optional.of(node.address());
      case "port":
        if (arg == null || service.port(arg).isEmpty()) {
          problems.add("{port:" + arg + "} names no port of the service; name one of "
              + service.ports().stream().map(ServicePort::name).toList());
          return Optional.empty();
        }
        return Optional.of(String.valueOf(node.port(arg)));
      case "file":
        if (arg == null || node.file(arg).isEmpty()) {
          problems.add("{file:" + arg + "} is not a file rendered for the node; render it (a file of the service)"
              + " or use {path:...} for a path the program makes itself");
          return Optional.empty();
        }
        return Optional.of(node.file(arg).get().hostPath().toString());
      default:
        if (arg == null || !arg.startsWith("/")) {
          problems.add("{" + kind + ":" + arg + "} is not an absolute path; write it like {" + kind + ":/var/lib/"
              + service.name() + "}");
          return Optional.empty();
        }
        Path path = node.path(arg);
        if (kind.equals("dir")) {
          makeDirectory(path, node);
        }
        return Optional.of(path.toString());
    }
  }

  private static void makeDirectory(Path dir, LocalNode node) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new LocalRunException("cannot create " + dir + " (" + e.getMessage() + "), a directory service "
          + node.service().name() + " needs; fix: make " + node.runDir() + " a directory you can write, or choose"
          + " another run directory with LocalRun.builder().runDir(...)", node.runDir());
    }
  }
}
