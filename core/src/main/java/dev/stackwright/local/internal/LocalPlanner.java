package dev.stackwright.local.internal;

import dev.stackwright.local.LocalMapping;
import dev.stackwright.local.internal.ConfigText.Endpoint;
import dev.stackwright.model.Application;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.RoleKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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

  private final Cluster cluster;
  private final LocalMapping mapping;
  private final Map<String, List<NodeFile>> files;
  private final LocalOptions options;
  private final Path pids;

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
      if (node.has(RoleKind.WEBSERVER) || node.has(RoleKind.STATIC) || node.has(RoleKind.CONTROLLER)) {
        out.add(nginx(node));
      }
      if (node.has(RoleKind.CONTROLLER)) {
        out.add(ServiceSpec.skipped("flower@" + node.name(), node.name(), "flower", FLOWER_SKIP));
      }
      if (node.has(RoleKind.BROKER)) {
        out.addAll(rabbitmq(node));
      }
      if (node.has(RoleKind.DATABASE)) {
        out.add(couchdbStandIn(node));
      }
      if (node.has(RoleKind.APPSERVER)) {
        out.addAll(gunicorn(node));
      }
      if (files.getOrDefault(node.name(), List.of()).stream().anyMatch(f -> f.nodePath().startsWith("/etc/php/"))) {
        out.add(ServiceSpec.skipped("php-fpm@" + node.name(), node.name(), "php-fpm", PHP_SKIP));
      }
      if (node.has(RoleKind.WORKER)) {
        out.addAll(celery(node));
      }
    }
    out.add(ServiceSpec.skipped("dhcp", "-", "dhcp", DHCP_SKIP + " (on the VMs the cloud hands out "
        + cluster.dhcpPool() + ")"));
    out.add(ServiceSpec.skipped("cloud-init", "-", "cloud-init", CLOUD_INIT_SKIP));
    return out;
  }

  private Optional<NodeFile> file(Node node, String nodePath) {
    return files.getOrDefault(node.name(), List.of()).stream().filter(f -> f.nodePath().equals(nodePath)).findFirst();
  }

  private List<NodeFile> filesNamed(Node node, java.util.function.Predicate<NodeFile> p) {
    return files.getOrDefault(node.name(), List.of()).stream().filter(p).collect(Collectors.toList());
  }

  private Optional<NodeFile> byHostPath(Node node, String hostPath) {
    return files.getOrDefault(node.name(), List.of()).stream()
        .filter(f -> f.hostPath().toString().equals(hostPath)).findFirst();
  }

  private String ip(RoleInstance r) {
    return mapping.address(r.address()).toString();
  }

  private Map<String, String> baseEnv(Node node) {
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

  // ---------------------------------------------------------------- rabbitmq

  private List<ServiceSpec> rabbitmq(Node node) {
    RoleInstance broker = node.role(RoleKind.BROKER).orElseThrow();
    String ip = ip(broker);
    String name = "rabbitmq@" + node.name();
    Optional<NodeFile> conf = filesNamed(node, f -> f.fileName().equals("rabbitmq.conf")).stream().findFirst();
    if (conf.isEmpty()) {
      return List.of(failedSpec(name, node, "rabbitmq", "no rabbitmq.conf was rendered for " + node.name()));
    }
    Path server = options.rabbitmqServer();
    if (!Files.isExecutable(server)) {
      return List.of(failedSpec(name, node, "rabbitmq", server + " is missing: install the rabbitmq-server package "
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
      return List.of(failedSpec(name, node, "rabbitmq", "rabbitmq.conf on " + node.name()
          + " sets no listeners.tcp.* address, so the broker would listen on every address of this machine"));
    }
    Optional<NodeFile> plugins = filesNamed(node, f -> f.fileName().equals("enabled_plugins")).stream().findFirst();
    if (plugins.isPresent() && plugins.get().content().contains("rabbitmq_management")) {
      String mip = kv.getOrDefault("management.tcp.ip", "0.0.0.0");
      int mport = Integer.parseInt(kv.getOrDefault("management.tcp.port", "15672"));
      if (!mip.startsWith("127.")) {
        return List.of(failedSpec(name, node, "rabbitmq", "rabbitmq.conf enables the management plugin without "
            + "management.tcp.ip, so it would listen on every address of this machine"));
      }
      endpoints.add(new Endpoint(mip, mport));
    }
    Path root = mapping.nodeRoot(node.name());
    int epmdPort = chosenPort(pids.resolve("epmd@" + node.name() + ".port"), ip, 4380);
    int distPort = chosenPort(pids.resolve("rabbitmq@" + node.name() + ".distport"), ip, 25672);
    Map<String, String> epmdEnv = baseEnv(node);
    ServiceSpec epmd = new ServiceSpec("epmd@" + node.name(), node.name(), "epmd",
        List.of("epmd", "-address", ip, "-port", String.valueOf(epmdPort)), root, epmdEnv,
        List.of(new Endpoint(ip, epmdPort)), Optional.empty(), "", 0, Optional.empty(),
        "Erlang port mapper of the broker only, not 4369");
    Map<String, String> env = baseEnv(node);
    env.put("HOME", mapping.path(node.name(), "/var/lib/rabbitmq").toString());
    env.put("RABBITMQ_CONFIG_FILE", conf.get().hostPath().toString());
    env.put("RABBITMQ_ENABLED_PLUGINS_FILE", plugins.map(f -> f.hostPath().toString())
        .orElse(mapping.path(node.name(), "/etc/rabbitmq/enabled_plugins").toString()));
    env.put("RABBITMQ_CONF_ENV_FILE", mapping.path(node.name(), "/etc/rabbitmq/rabbitmq-env.conf").toString());
    env.put("RABBITMQ_ADVANCED_CONFIG_FILE", mapping.path(node.name(), "/etc/rabbitmq/advanced.config").toString());
    env.put("RABBITMQ_MNESIA_BASE", mapping.path(node.name(), "/var/lib/rabbitmq/mnesia").toString());
    env.put("RABBITMQ_LOG_BASE", mapping.path(node.name(), "/var/log/rabbitmq").toString());
    env.put("RABBITMQ_PID_FILE", mapping.path(node.name(), "/var/lib/rabbitmq/mnesia/rabbit.pid").toString());
    env.put("RABBITMQ_USE_LONGNAME", "true");
    env.put("RABBITMQ_NODENAME", "rabbit@" + ip);
    env.put("RABBITMQ_DIST_PORT", String.valueOf(distPort));
    env.put("ERL_EPMD_ADDRESS", ip);
    env.put("ERL_EPMD_PORT", String.valueOf(epmdPort));
    env.put("ERL_CRASH_DUMP", mapping.path(node.name(), "/var/log/rabbitmq/erl_crash.dump").toString());
    env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS",
        "-kernel inet_dist_use_interface {" + ip.replace('.', ',') + "}");
    ServiceSpec rabbit = new ServiceSpec(name, node.name(), "rabbitmq", List.of(server.toString()),
        mapping.path(node.name(), "/var/lib/rabbitmq"), env, endpoints, Optional.empty(), "", 1, Optional.empty(),
        "node rabbit@" + ip + ", epmd port " + epmdPort + ", dist port " + distPort);
    return List.of(epmd, rabbit);
  }

  /** A port kept from an earlier apply, else the first one from {@code from} that is free on {@code ip}. */
  private static int chosenPort(Path record, String ip, int from) {
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
          throw new IllegalStateException("cannot write " + record + ": " + e.getMessage(), e);
        }
        return port;
      }
    }
    throw new IllegalStateException("no free port on " + ip + " from " + from);
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

  // ---------------------------------------------------------------- CouchDB stand-in

  private ServiceSpec couchdbStandIn(Node node) {
    RoleInstance db = node.role(RoleKind.DATABASE).orElseThrow();
    String name = "couchdb@" + node.name();
    Optional<Path> server = options.pouchdbServer();
    if (server.isEmpty()) {
      return failedSpec(name, node, "couchdb-standin", "pouchdb-server, the CouchDB API stand-in, is not installed: "
          + "run 'bash core/src/test/local/install-pouchdb.sh' (CouchDB itself is not packaged for Debian 12)");
    }
    Optional<NodeFile> ini = filesNamed(node, f -> f.fileName().equals("local.ini")).stream().findFirst();
    Map<String, Map<String, String>> sections = ini.map(f -> ConfigText.ini(f.content())).orElse(Map.of());
    Map<String, String> chttpd = sections.getOrDefault("chttpd", sections.getOrDefault("httpd", Map.of()));
    String bind = chttpd.getOrDefault("bind_address", ip(db));
    int port = Integer.parseInt(chttpd.getOrDefault("port", "5984"));
    if (!bind.startsWith("127.")) {
      return failedSpec(name, node, "couchdb-standin", "local.ini binds " + bind
          + ", which is every address of this machine; bind the database role's own address");
    }
    String dataDir = sections.getOrDefault("couchdb", Map.of()).getOrDefault("database_dir",
        mapping.path(node.name(), "/var/lib/couchdb").toString());
    Path standIn = mapping.nodeRoot(node.name()).resolve("stand-in");
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("httpd", Map.of("bind_address", bind, "port", String.valueOf(port)));
    config.put("couchdb", Map.of("database_dir", dataDir));
    config.put("log", Map.of("file", standIn.resolve("pouchdb-server.log").toString()));
    Map<String, String> admins = sections.getOrDefault("admins", Map.of());
    if (!admins.isEmpty()) {
      config.put("admins", admins);
    }
    Path configFile = standIn.resolve("config.json");
    try {
      Files.createDirectories(standIn);
      Files.createDirectories(Path.of(dataDir));
      String json = Json.write(config);
      if (!Files.exists(configFile) || !Files.readString(configFile).equals(json)) {
        Files.writeString(configFile, json);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + configFile + ": " + e.getMessage(), e);
    }
    List<String> cmd = List.of(server.get().toString(), "-o", bind, "-p", String.valueOf(port), "-d", dataDir, "-c",
        configFile.toString(), "-n");
    return new ServiceSpec(name, node.name(), "couchdb-standin", cmd, standIn, baseEnv(node),
        List.of(new Endpoint(bind, port)), Optional.empty(), "", 1, Optional.empty(),
        "pouchdb-server stand-in for CouchDB (CouchDB HTTP API; reads "
            + (ini.isPresent() ? "bind address, port and admins from local.ini" : "no local.ini: none rendered")
            + ")");
  }

  // ---------------------------------------------------------------- gunicorn

  private List<ServiceSpec> gunicorn(Node node) {
    Application app = cluster.application().orElseThrow();
    List<NodeFile> units = filesNamed(node, f -> f.fileName().endsWith(".service")
        && ConfigText.unitService(f.content()).getOrDefault("ExecStart", List.of()).stream()
            .anyMatch(s -> s.contains("gunicorn")));
    List<NodeFile> confs = filesNamed(node, f -> f.fileName().startsWith("gunicorn")
        && f.fileName().endsWith(".conf.py"));
    List<ServiceSpec> out = new ArrayList<>();
    if (units.isEmpty()) {
      if (confs.isEmpty()) {
        return List.of(failedSpec("gunicorn@" + node.name(), node, "gunicorn",
            "neither a gunicorn unit nor a gunicorn.conf.py was rendered for " + node.name()));
      }
      for (NodeFile conf : confs) {
        String name = confs.size() == 1 ? "gunicorn@" + node.name()
            : conf.fileName().replace(".conf.py", "") + "@" + node.name();
        List<String> cmd = List.of(options.python().toString(), "-m", "gunicorn", "-c", conf.hostPath().toString(),
            app.wsgi());
        out.add(gunicornSpec(name, node, conf, cmd, mapping.path(node.name(), app.home()), baseEnv(node),
            "no unit rendered: gunicorn -c " + conf.nodePath() + " " + app.wsgi()));
      }
      return out;
    }
    for (NodeFile unit : units) {
      String name = units.size() == 1 ? "gunicorn@" + node.name()
          : unit.fileName().replace(".service", "") + "@" + node.name();
      Map<String, String> env = baseEnv(node);
      UnitCommand uc = unitCommand(node, unit, env);
      Optional<NodeFile> conf = Optional.empty();
      List<String> cmd = uc.command();
      for (int i = 0; i < cmd.size() - 1; i++) {
        if (cmd.get(i).equals("-c") || cmd.get(i).equals("--config")) {
          String path = cmd.get(i + 1);
          conf = confs.stream().filter(f -> f.hostPath().toString().equals(path)).findFirst();
        } else if (cmd.get(i).startsWith("--config=")) {
          String path = cmd.get(i).substring("--config=".length());
          conf = confs.stream().filter(f -> f.hostPath().toString().equals(path)).findFirst();
        }
      }
      if (conf.isEmpty() && confs.size() == 1) {
        conf = Optional.of(confs.get(0));
      }
      if (conf.isEmpty()) {
        out.add(failedSpec(name, node, "gunicorn", unit.nodePath() + " names no rendered gunicorn config"));
        continue;
      }
      out.add(gunicornSpec(name, node, conf.get(), cmd, uc.cwd().orElse(mapping.path(node.name(), app.home())), env,
          "ExecStart of " + unit.nodePath() + uc.note()));
    }
    return out;
  }

  private ServiceSpec gunicornSpec(String name, Node node, NodeFile conf, List<String> cmd, Path cwd,
      Map<String, String> env, String note) {
    List<Endpoint> binds = ConfigText.gunicornBinds(conf.content());
    if (binds.isEmpty()) {
      return failedSpec(name, node, "gunicorn", conf.nodePath() + " on " + node.name() + " has no bind address");
    }
    for (Endpoint b : binds) {
      if (!b.host().startsWith("127.")) {
        return failedSpec(name, node, "gunicorn", conf.nodePath() + " binds " + b
            + ", which is every address of this machine; bind the app server's own address");
      }
    }
    return new ServiceSpec(name, node.name(), "gunicorn", cmd, cwd, env, binds, Optional.empty(), "", 1,
        Optional.empty(), note);
  }

  record UnitCommand(List<String> command, Optional<Path> cwd, String note) {}

  /** The command of a unit's ExecStart, with its Environment and EnvironmentFile put into {@code env}. */
  private UnitCommand unitCommand(Node node, NodeFile unit, Map<String, String> env) {
    Map<String, List<String>> s = ConfigText.unitService(unit.content());
    for (String envFile : s.getOrDefault("EnvironmentFile", List.of())) {
      String p = envFile.startsWith("-") ? envFile.substring(1) : envFile;
      readEnvFile(node, p).ifPresent(env::putAll);
    }
    for (String e : s.getOrDefault("Environment", List.of())) {
      for (String w : ConfigText.words(e)) {
        int eq = w.indexOf('=');
        if (eq > 0) {
          env.put(w.substring(0, eq), w.substring(eq + 1));
        }
      }
    }
    List<String> exec = s.getOrDefault("ExecStart", List.of());
    String line = exec.get(exec.size() - 1).replaceFirst("^[-@:+!]+", "");
    List<String> words = new ArrayList<>();
    for (String w : ConfigText.words(line)) {
      words.add(ConfigText.expand(w, env));
    }
    String note = "";
    String program = words.get(0);
    if (!Files.isExecutable(Path.of(program))) {
      String base = Path.of(program).getFileName().toString();
      if (base.startsWith("python")) {
        words.set(0, options.python().toString());
      } else {
        words.remove(0);
        words.addAll(0, List.of(options.python().toString(), "-m", base));
      }
      note = " (" + program + " does not exist here: Debian's " + base + " runs in its place)";
    } else if (program.equals("/usr/bin/celery")) {
      words.remove(0);
      words.addAll(0, List.of(options.python().toString(), "-m", "celery"));
    }
    Optional<Path> cwd = s.getOrDefault("WorkingDirectory", List.of()).stream().reduce((a, b) -> b)
        .map(w -> Path.of(w.replaceFirst("^-", "")));
    return new UnitCommand(words, cwd, note);
  }

  private Optional<Map<String, String>> readEnvFile(Node node, String hostPath) {
    Optional<NodeFile> f = byHostPath(node, hostPath);
    if (f.isPresent()) {
      return Optional.of(ConfigText.envFile(f.get().content()));
    }
    Path p = Path.of(hostPath);
    return Files.isRegularFile(p) ? Optional.of(ConfigText.envFile(read(p))) : Optional.empty();
  }

  // ---------------------------------------------------------------- celery

  private List<ServiceSpec> celery(Node node) {
    Application app = cluster.application().orElseThrow();
    Map<String, String> env = baseEnv(node);
    Optional<NodeFile> unit = filesNamed(node, f -> f.fileName().endsWith(".service")
        && (f.fileName().startsWith("celery") || ConfigText.unitService(f.content())
            .getOrDefault("ExecStart", List.of()).stream()
            .anyMatch(s -> s.toLowerCase(java.util.Locale.ROOT).contains("celery")))).stream().findFirst();
    Path cwd = mapping.path(node.name(), app.home());
    Map<String, String> conf = new LinkedHashMap<>();
    String source;
    if (unit.isPresent()) {
      Map<String, List<String>> s = ConfigText.unitService(unit.get().content());
      for (String envFile : s.getOrDefault("EnvironmentFile", List.of())) {
        readEnvFile(node, envFile.replaceFirst("^-", "")).ifPresent(conf::putAll);
      }
      for (String e : s.getOrDefault("Environment", List.of())) {
        for (String w : ConfigText.words(e)) {
          int eq = w.indexOf('=');
          if (eq > 0) {
            conf.put(w.substring(0, eq), w.substring(eq + 1));
          }
        }
      }
      cwd = s.getOrDefault("WorkingDirectory", List.of()).stream().reduce((a, b) -> b)
          .map(w -> Path.of(w.replaceFirst("^-", ""))).orElse(cwd);
      source = unit.get().nodePath();
    } else {
      Optional<NodeFile> envFile = filesNamed(node, f -> f.nodePath().equals("/etc/conf.d/celery")
          || f.nodePath().startsWith("/etc/default/celery")).stream().findFirst();
      envFile.ifPresent(f -> conf.putAll(ConfigText.envFile(f.content())));
      source = envFile.map(NodeFile::nodePath).orElse("no unit or env file rendered");
    }
    env.putAll(conf); // systemd hands an EnvironmentFile's variables to the process
    String celeryApp = conf.getOrDefault("CELERY_APP", app.celeryApp());
    String nodes = conf.getOrDefault("CELERYD_NODES", "w1");
    List<String> names = new ArrayList<>();
    if (nodes.strip().matches("\\d+")) {
      for (int i = 1; i <= Integer.parseInt(nodes.strip()); i++) {
        names.add("celery" + i);
      }
    } else {
      names.addAll(ConfigText.words(nodes));
    }
    List<ServiceSpec> out = new ArrayList<>();
    for (String n : names) {
      String full = n.contains("@") ? n : n + "@" + node.hostname();
      String shortName = full.substring(0, full.indexOf('@'));
      List<String> cmd = new ArrayList<>(List.of(options.python().toString(), "-m", "celery", "-A", celeryApp,
          "worker", "-n", full));
      String pidFile = conf.get("CELERYD_PID_FILE");
      String logFile = conf.get("CELERYD_LOG_FILE");
      Optional<Path> log = Optional.empty();
      if (pidFile != null) {
        cmd.add("--pidfile=" + expandCelery(pidFile, shortName, node));
      }
      if (logFile != null) {
        String l = expandCelery(logFile, shortName, node);
        cmd.add("--logfile=" + l);
        log = Optional.of(Path.of(l));
      }
      cmd.add("--loglevel=" + conf.getOrDefault("CELERYD_LOG_LEVEL", "INFO"));
      for (String o : ConfigText.words(conf.getOrDefault("CELERYD_OPTS", ""))) {
        cmd.add(expandCelery(o, shortName, node));
      }
      String name = names.size() == 1 ? "celery@" + node.name() : "celery-" + shortName + "@" + node.name();
      out.add(new ServiceSpec(name, node.name(), "celery", cmd, cwd, new LinkedHashMap<>(env), List.of(), log,
          "ready.", 2, Optional.empty(), "worker " + full + " in the foreground, as celery multi would start it from "
              + source));
    }
    return out;
  }

  private static String expandCelery(String s, String shortName, Node node) {
    return s.replace("%n", shortName).replace("%h", shortName + "@" + node.hostname()).replace("%I", "");
  }

  // ---------------------------------------------------------------- helpers

  private ServiceSpec failedSpec(String name, Node node, String kind, String reason) {
    return new ServiceSpec(name, node.name(), kind, List.of(), mapping.nodeRoot(node.name()), Map.of(), List.of(),
        Optional.empty(), "", -1, Optional.empty(), reason);
  }

  private static List<Endpoint> dedupe(List<Endpoint> endpoints) {
    return endpoints.stream().distinct().collect(Collectors.toList());
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }
}
