package dev.stackwright.local.internal;

import dev.stackwright.local.LocalMapping;
import dev.stackwright.local.internal.ConfigText.Endpoint;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides, from the model and the mapped files, which processes stand in for each node's services, with which
 * commands. Every config a process reads is a rendered file after the mapping; the only files made here are the
 * ones a program needs that the renderer does not write (pouchdb-server's config.json, since it does not read
 * CouchDB's local.ini).
 */
public final class LocalPlanner {
  public static final String FLOWER_SKIP = "Flower is not packaged for Debian 12 (it is on PyPI only), so the "
      + "controller's /flower/ has nothing behind it locally";
  public static final String PHP_SKIP = "php-fpm is not run locally (the local run covers nginx, gunicorn, "
      + "RabbitMQ, Celery and the database); PHP pages behind it answer 502";
  public static final String DHCP_SKIP = "DHCP is not run locally: every service binds its fixed loopback address, "
      + "so nothing needs a lease";
  public static final String CLOUD_INIT_SKIP = "cloud-init runs only when a VM boots: the local run writes each "
      + "node's rendered files itself and deploys the application from a local directory; /etc/hosts is written to "
      + "the run directory but this machine's resolver is used";

  final Cluster cluster;
  final LocalMapping mapping;
  private final Map<String, List<NodeFile>> files;
  final LocalOptions options;
  final Path pids;

  public LocalPlanner(Cluster cluster, LocalMapping mapping, List<NodeFile> files, LocalOptions options) {
    this.cluster = cluster;
    this.mapping = mapping;
    Map<String, List<NodeFile>> byNode = new LinkedHashMap<>();
    for (NodeFile f : files) {
      byNode.computeIfAbsent(f.node(), k -> new ArrayList<>()).add(f);
    }
    this.files = byNode;
    this.options = options;
    this.pids = mapping.runDir().resolve("pids");
  }

  /** Every service of the cluster, in start order within each phase. */
  public List<ServiceSpec> plan() {
    List<ServiceSpec> out = new ArrayList<>();
    for (Node node : cluster.nodes()) {
      if (node.has(BuiltInServices.WEBSERVER) || node.has(BuiltInServices.STATIC) || node.has(BuiltInServices.CONTROLLER)) {
        out.add(nginx(node));
      }
      if (node.has(BuiltInServices.CONTROLLER)) {
        out.add(ServiceSpec.skipped("flower@" + node.name(), node.name(), "flower", FLOWER_SKIP));
      }
      if (node.has(BuiltInServices.BROKER)) {
        out.addAll(new BrokerSpecs(this).rabbitmq(node));
      }
      if (node.has(BuiltInServices.DATABASE)) {
        out.add(new DatabaseSpecs(this).couchdbStandIn(node));
      }
      if (node.has(BuiltInServices.APPSERVER)) {
        out.addAll(new AppSpecs(this).gunicorn(node));
      }
      if (files.getOrDefault(node.name(), List.of()).stream().anyMatch(f -> f.nodePath().startsWith("/etc/php/"))) {
        out.add(ServiceSpec.skipped("php-fpm@" + node.name(), node.name(), "php-fpm", PHP_SKIP));
      }
      if (node.has(BuiltInServices.WORKER)) {
        out.addAll(new AppSpecs(this).celery(node));
      }
    }
    out.add(ServiceSpec.skipped("dhcp", "-", "dhcp", DHCP_SKIP + " (on the VMs the cloud hands out "
        + cluster.dhcpPool() + ")"));
    out.add(ServiceSpec.skipped("cloud-init", "-", "cloud-init", CLOUD_INIT_SKIP));
    return out;
  }

  Optional<NodeFile> file(Node node, String nodePath) {
    return files.getOrDefault(node.name(), List.of()).stream().filter(f -> f.nodePath().equals(nodePath)).findFirst();
  }

  List<NodeFile> filesNamed(Node node, java.util.function.Predicate<NodeFile> p) {
    return files.getOrDefault(node.name(), List.of()).stream().filter(p).collect(Collectors.toList());
  }

  Optional<NodeFile> byHostPath(Node node, String hostPath) {
    return files.getOrDefault(node.name(), List.of()).stream()
        .filter(f -> f.hostPath().toString().equals(hostPath)).findFirst();
  }

  String ip(RoleInstance r) {
    return mapping.address(r.address()).toString();
  }

  Map<String, String> baseEnv(Node node) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/bin:/usr/sbin:/bin:/sbin");
    env.put("LANG", "C.UTF-8");
    env.put("HOME", mapping.nodeRoot(node.name()).resolve("root").toString());
    return env;
  }

  // ---------------------------------------------------------------- nginx

  private ServiceSpec nginx(Node node) {
    String name = "nginx@" + node.name();
    Optional<NodeFile> conf = file(node, "/etc/nginx/nginx.conf");
    Path confPath;
    String text;
    String note = "";
    if (conf.isPresent()) {
      confPath = conf.get().hostPath();
      text = conf.get().content();
    } else {
      // the node's image has Debian's nginx.conf, which includes the rendered sites from conf.d and sites-enabled
      confPath = mapping.path(node.name(), "/etc/nginx/nginx.conf");
      text = Files.exists(confPath) ? read(confPath) : "";
      note = "nginx.conf from the nginx package, mapped; sites as rendered";
    }
    List<Endpoint> listens = new ArrayList<>(ConfigText.nginxListens(text));
    for (NodeFile site : filesNamed(node, f -> f.nodePath().startsWith("/etc/nginx/") && !f.nodePath()
        .equals("/etc/nginx/nginx.conf"))) {
      listens.addAll(ConfigText.nginxListens(site.content()));
    }
    if (listens.isEmpty()) {
      return failedSpec(name, node, "nginx", "no rendered nginx config on " + node.name()
          + " has a listen directive (looked for /etc/nginx/nginx.conf and /etc/nginx/**)");
    }
    for (Endpoint e : listens) {
      if (!e.host().startsWith("127.")) {
        return failedSpec(name, node, "nginx", "the rendered config has \"listen " + e
            + "\", which binds every address of this machine; a node's nginx must listen on its own address "
            + "(listen ADDRESS:PORT) so nodes do not collide");
      }
    }
    // no -p: modules load from the package's prefix; relative includes resolve next to the -c file
    List<String> cmd = new ArrayList<>(List.of("nginx", "-c", confPath.toString()));
    StringBuilder g = new StringBuilder();
    if (!ConfigText.nginxHas(text, "daemon")) {
      g.append("daemon off;");
    }
    if (!ConfigText.nginxHas(text, "pid")) {
      g.append(" pid ").append(mapping.path(node.name(), "/run/nginx.pid")).append(';');
    }
    if (g.length() > 0) {
      cmd.add("-g");
      cmd.add(g.toString().strip());
    }
    return new ServiceSpec(name, node.name(), "nginx", cmd, mapping.nodeRoot(node.name()), baseEnv(node),
        dedupe(listens), Optional.empty(), "", 1, Optional.empty(), note);
  }

  // ---------------------------------------------------------------- helpers

  ServiceSpec failedSpec(String name, Node node, String kind, String reason) {
    return new ServiceSpec(name, node.name(), kind, List.of(), mapping.nodeRoot(node.name()), Map.of(), List.of(),
        Optional.empty(), "", -1, Optional.empty(), reason);
  }

  static List<Endpoint> dedupe(List<Endpoint> endpoints) {
    return endpoints.stream().distinct().collect(Collectors.toList());
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }
}

