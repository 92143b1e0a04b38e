package dev.stackwright.services;

import dev.stackwright.local.LocalEndpoint;
import dev.stackwright.local.LocalFile;
import dev.stackwright.local.LocalNode;
import dev.stackwright.local.LocalProcess;
import dev.stackwright.local.LocalRunException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The broker's local run: RabbitMQ from its rendered rabbitmq.conf, enabled_plugins and definitions, with an epmd of
 * its own on a port that is not 4369, so it never meets this machine's RabbitMQ.
 */
final class BrokerRun {
  private static final String INSTALL = "apt-get install rabbitmq-server (it brings epmd)";

  private BrokerRun() {}

  static List<LocalProcess> processes(LocalNode node) {
    String ip = node.address();
    LocalProcess.Builder rabbit = LocalProcess.builder("rabbitmq", node).installHint(INSTALL).unit("rabbitmq-server");
    Optional<LocalFile> conf = named(node, "rabbitmq.conf");
    if (conf.isEmpty()) {
      return List.of(rabbit.problem("no rabbitmq.conf was rendered for " + node.name()).build());
    }
    Path server = node.program("rabbitmq-server").orElse(Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server"));
    if (!Files.isExecutable(server)) {
      return List.of(rabbit.problem(server + " is missing: install the rabbitmq-server package "
          + "(apt-get install rabbitmq-server)").build());
    }
    Map<String, String> kv = ConfigText.keyValues(conf.get().content());
    // RabbitMQ's own defaults are the ports the descriptor names
    int amqp = port(node, Ports.AMQP.name());
    int management = port(node, Ports.RABBITMQ_MANAGEMENT.name());
    List<LocalEndpoint> endpoints = new ArrayList<>();
    kv.forEach((k, v) -> {
      if (k.startsWith("listeners.tcp.")) {
        ConfigText.endpoint(v, amqp).ifPresent(endpoints::add);
      }
    });
    if (endpoints.isEmpty()) {
      return List.of(rabbit.problem("rabbitmq.conf on " + node.name() + " sets no listeners.tcp.* address, so the"
          + " broker would listen on every address of this machine").build());
    }
    Optional<LocalFile> plugins = named(node, "enabled_plugins");
    if (plugins.isPresent() && plugins.get().content().contains("rabbitmq_management")) {
      String mip = kv.getOrDefault("management.tcp.ip", "0.0.0.0");
      if (!mip.startsWith("127.")) {
        return List.of(rabbit.problem("rabbitmq.conf enables the management plugin without management.tcp.ip, so"
            + " it would listen on every address of this machine").build());
      }
      endpoints.add(new LocalEndpoint(mip, kv.containsKey("management.tcp.port")
          ? Integer.parseInt(kv.get("management.tcp.port")) : management));
    }
    int epmdPort = chosenPort(node, "epmd@" + node.name() + ".port", 4380);
    int distPort = chosenPort(node, "rabbitmq@" + node.name() + ".distport", 25672);
    LocalProcess epmd = LocalProcess.builder("epmd", node).installHint(INSTALL)
        .command(List.of("epmd", "-address", ip, "-port", String.valueOf(epmdPort))).environment(node.environment())
        .endpoint(ip, epmdPort).note("Erlang port mapper of the broker only, not 4369").build();
    Map<String, String> env = env(node, conf.get(), plugins, epmdPort, distPort);
    return List.of(epmd, rabbit.command(List.of(server.toString())).workingDirectory(node.path("/var/lib/rabbitmq"))
        .environment(env).endpoints(endpoints).after(epmd.name())
        .note("node rabbit@" + ip + ", epmd port " + epmdPort + ", dist port " + distPort).build());
  }

  /** The number of the broker's port {@code name}, from its descriptor. */
  private static int port(LocalNode node, String name) {
    return node.service().port(name).orElseThrow(() -> new IllegalStateException("service[" + node.service().name()
        + "] has no port " + name + ", which its local run reads; fix: give it the port")).number();
  }

  private static Map<String, String> env(LocalNode node, LocalFile conf, Optional<LocalFile> plugins, int epmdPort,
      int distPort) {
    String ip = node.address();
    Map<String, String> env = node.environment();
    env.put("HOME", node.path("/var/lib/rabbitmq").toString());
    env.put("RABBITMQ_CONFIG_FILE", conf.hostPath().toString());
    env.put("RABBITMQ_ENABLED_PLUGINS_FILE", plugins.map(f -> f.hostPath().toString())
        .orElse(node.path("/etc/rabbitmq/enabled_plugins").toString()));
    env.put("RABBITMQ_CONF_ENV_FILE", node.path("/etc/rabbitmq/rabbitmq-env.conf").toString());
    env.put("RABBITMQ_ADVANCED_CONFIG_FILE", node.path("/etc/rabbitmq/advanced.config").toString());
    env.put("RABBITMQ_MNESIA_BASE", node.path("/var/lib/rabbitmq/mnesia").toString());
    env.put("RABBITMQ_LOG_BASE", node.path("/var/log/rabbitmq").toString());
    env.put("RABBITMQ_PID_FILE", node.path("/var/lib/rabbitmq/mnesia/rabbit.pid").toString());
    env.put("RABBITMQ_USE_LONGNAME", "true");
    env.put("RABBITMQ_NODENAME", "rabbit@" + ip);
    env.put("RABBITMQ_DIST_PORT", String.valueOf(distPort));
    env.put("ERL_EPMD_ADDRESS", ip);
    env.put("ERL_EPMD_PORT", String.valueOf(epmdPort));
    env.put("ERL_CRASH_DUMP", node.path("/var/log/rabbitmq/erl_crash.dump").toString());
    env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {" + ip.replace('.', ',') + "}");
    return env;
  }

  private static Optional<LocalFile> named(LocalNode node, String fileName) {
    return node.files().stream().filter(f -> f.fileName().equals(fileName)).findFirst();
  }

  /** A port kept from an earlier apply, else the first one from {@code from} that is free on the node's address. */
  private static int chosenPort(LocalNode node, String name, int from) {
    Path record = node.stateFile(name);
    try {
      if (Files.exists(record)) {
        return Integer.parseInt(Files.readString(record).strip());
      }
    } catch (IOException | NumberFormatException e) {
      // choose again
    }
    for (int port = from; port < from + 200; port++) {
      if (port != 4369 && port != 4371 && free(node.address(), port)) {
        keep(node, record, port);
        return port;
      }
    }
    throw new LocalRunException("every port from " + from + " to " + (from + 199) + " on " + node.address()
        + " is in use, and the broker needs one; fix: stop the programs that listen there (ss -ltnp shows them)",
        node.runDir());
  }

  private static void keep(LocalNode node, Path record, int port) {
    try {
      Files.createDirectories(record.getParent());
      Files.writeString(record, port + "\n");
    } catch (IOException e) {
      throw new LocalRunException("cannot write " + record + " (" + e.getMessage() + "), where the local run keeps"
          + " the broker's port; fix: make " + record.getParent() + " a directory you can write, or choose another"
          + " run directory with LocalRun.builder().runDir(...)", node.runDir());
    }
  }

  private static boolean free(String ip, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
