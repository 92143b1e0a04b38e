package dev.stackwright.local.internal;

import dev.stackwright.local.internal.ConfigText.Endpoint;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
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
import dev.stackwright.local.LocalRunException;
/**
 * The broker's processes: RabbitMQ from its rendered rabbitmq.conf, enabled_plugins and definitions, with an epmd of
 * its own on a port that is not 4369, so it never meets this machine's RabbitMQ.
 */
final class BrokerSpecs {
  private final LocalPlanner p;

  BrokerSpecs(LocalPlanner planner) {
    this.p = planner;
  }

  List<ServiceSpec> rabbitmq(Node node) {
    RoleInstance broker = node.role(BuiltInServices.BROKER).orElseThrow();
    String ip = p.ip(broker);
    String name = "rabbitmq@" + node.name();
    Optional<NodeFile> conf = p.filesNamed(node, f -> f.fileName().equals("rabbitmq.conf")).stream().findFirst();
    if (conf.isEmpty()) {
      return List.of(p.failedSpec(name, node, "rabbitmq", "no rabbitmq.conf was rendered for " + node.name()));
    }
    Path server = p.options.rabbitmqServer();
    if (!Files.isExecutable(server)) {
      return List.of(p.failedSpec(name, node, "rabbitmq", server + " is missing: install the rabbitmq-server package "
          + "(apt-get install rabbitmq-server)"));
    }
    Map<String, String> kv = ConfigText.keyValues(conf.get().content());
    List<Endpoint> endpoints = new ArrayList<>();
    kv.forEach((k, v) -> {
      if (k.startsWith("listeners.tcp.")) {
        ConfigText.endpoint(v, 5672).ifPresent(endpoints::add);
      }
    });
    if (endpoints.isEmpty()) {
      return List.of(p.failedSpec(name, node, "rabbitmq", "rabbitmq.conf on " + node.name()
          + " sets no listeners.tcp.* address, so the broker would listen on every address of this machine"));
    }
    Optional<NodeFile> plugins = p.filesNamed(node, f -> f.fileName().equals("enabled_plugins")).stream().findFirst();
    if (plugins.isPresent() && plugins.get().content().contains("rabbitmq_management")) {
      String mip = kv.getOrDefault("management.tcp.ip", "0.0.0.0");
      int mport = Integer.parseInt(kv.getOrDefault("management.tcp.port", "15672"));
      if (!mip.startsWith("127.")) {
        return List.of(p.failedSpec(name, node, "rabbitmq", "rabbitmq.conf enables the management plugin without "
            + "management.tcp.ip, so it would listen on every address of this machine"));
      }
      endpoints.add(new Endpoint(mip, mport));
    }
    Path root = p.mapping.nodeRoot(node.name());
    int epmdPort = chosenPort(p.pids.resolve("epmd@" + node.name() + ".port"), ip, 4380);
    int distPort = chosenPort(p.pids.resolve("rabbitmq@" + node.name() + ".distport"), ip, 25672);
    Map<String, String> epmdEnv = p.baseEnv(node);
    ServiceSpec epmd = new ServiceSpec("epmd@" + node.name(), node.name(), "epmd",
        List.of("epmd", "-address", ip, "-port", String.valueOf(epmdPort)), root, epmdEnv,
        List.of(new Endpoint(ip, epmdPort)), Optional.empty(), "", 0, Optional.empty(),
        "Erlang port mapper of the broker only, not 4369");
    Map<String, String> env = p.baseEnv(node);
    env.put("HOME", p.mapping.path(node.name(), "/var/lib/rabbitmq").toString());
    env.put("RABBITMQ_CONFIG_FILE", conf.get().hostPath().toString());
    env.put("RABBITMQ_ENABLED_PLUGINS_FILE", plugins.map(f -> f.hostPath().toString())
        .orElse(p.mapping.path(node.name(), "/etc/rabbitmq/enabled_plugins").toString()));
    env.put("RABBITMQ_CONF_ENV_FILE", p.mapping.path(node.name(), "/etc/rabbitmq/rabbitmq-env.conf").toString());
    env.put("RABBITMQ_ADVANCED_CONFIG_FILE", p.mapping.path(node.name(), "/etc/rabbitmq/advanced.config").toString());
    env.put("RABBITMQ_MNESIA_BASE", p.mapping.path(node.name(), "/var/lib/rabbitmq/mnesia").toString());
    env.put("RABBITMQ_LOG_BASE", p.mapping.path(node.name(), "/var/log/rabbitmq").toString());
    env.put("RABBITMQ_PID_FILE", p.mapping.path(node.name(), "/var/lib/rabbitmq/mnesia/rabbit.pid").toString());
    env.put("RABBITMQ_USE_LONGNAME", "true");
    env.put("RABBITMQ_NODENAME", "rabbit@" + ip);
    env.put("RABBITMQ_DIST_PORT", String.valueOf(distPort));
    env.put("ERL_EPMD_ADDRESS", ip);
    env.put("ERL_EPMD_PORT", String.valueOf(epmdPort));
    env.put("ERL_CRASH_DUMP", p.mapping.path(node.name(), "/var/log/rabbitmq/erl_crash.dump").toString());
    env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS",
        "-kernel inet_dist_use_interface {" + ip.replace('.', ',') + "}");
    ServiceSpec rabbit = new ServiceSpec(name, node.name(), "rabbitmq", List.of(server.toString()),
        p.mapping.path(node.name(), "/var/lib/rabbitmq"), env, endpoints, Optional.empty(), "", 1, Optional.empty(),
        "node rabbit@" + ip + ", epmd port " + epmdPort + ", dist port " + distPort);
    return List.of(epmd, rabbit);
  }

  /** A port kept from an earlier apply, else the first one from {@code from} that is free on {@code ip}. */
  private int chosenPort(Path record, String ip, int from) {
    try {
      if (Files.exists(record)) {
        return Integer.parseInt(Files.readString(record).strip());
      }
    } catch (IOException | NumberFormatException e) {
      // choose again
    }
    for (int port = from; port < from + 200; port++) {
      if (port == 4369 || port == 4371) {
        continue;
      }
      if (free(ip, port)) {
        try {
          Files.createDirectories(record.getParent());
          Files.writeString(record, port + "\n");
        } catch (IOException e) {
          throw new LocalRunException("cannot write " + record + " (" + e.getMessage() + "), where the local run keeps"
              + " the broker's port; fix: make " + record.getParent() + " a directory you can write, or choose another"
              + " run directory with LocalRun.builder().runDir(...)", p.mapping.runDir());
        }
        return port;
      }
    }
    throw new LocalRunException("every port from " + from + " to " + (from + 199) + " on " + ip + " is in use, and"
        + " the broker needs one; fix: stop the programs that listen there (ss -ltnp shows them)", p.mapping.runDir());
  }

  static boolean free(String ip, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
