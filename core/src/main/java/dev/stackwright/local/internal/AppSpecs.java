package dev.stackwright.local.internal;

import dev.stackwright.local.internal.ConfigText.Endpoint;
import dev.stackwright.model.Application;
import dev.stackwright.model.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The application's processes: gunicorn as its rendered unit's ExecStart says (or from its gunicorn.conf.py), and
 * Celery workers as {@code celery multi} would start them from the rendered settings, each in the foreground.
 */
final class AppSpecs {
  private final LocalPlanner p;

  AppSpecs(LocalPlanner planner) {
    this.p = planner;
  }

  List<ServiceSpec> gunicorn(Node node) {
    Application app = p.cluster.application().orElseThrow();
    List<NodeFile> units = p.filesNamed(node, f -> f.fileName().endsWith(".service")
        && ConfigText.unitService(f.content()).getOrDefault("ExecStart", List.of()).stream()
            .anyMatch(s -> s.contains("gunicorn")));
    List<NodeFile> confs = p.filesNamed(node, f -> f.fileName().startsWith("gunicorn")
        && f.fileName().endsWith(".conf.py"));
    List<ServiceSpec> out = new ArrayList<>();
    if (units.isEmpty()) {
      if (confs.isEmpty()) {
        return List.of(p.failedSpec("gunicorn@" + node.name(), node, "gunicorn",
            "neither a gunicorn unit nor a gunicorn.conf.py was rendered for " + node.name()));
      }
      for (NodeFile conf : confs) {
        String name = confs.size() == 1 ? "gunicorn@" + node.name()
            : conf.fileName().replace(".conf.py", "") + "@" + node.name();
        List<String> cmd = List.of(p.options.python().toString(), "-m", "gunicorn", "-c", conf.hostPath().toString(),
            app.wsgi());
        out.add(gunicornSpec(name, node, conf, cmd, p.mapping.path(node.name(), app.home()), p.baseEnv(node),
            "no unit rendered: gunicorn -c " + conf.nodePath() + " " + app.wsgi()));
      }
      return out;
    }
    for (NodeFile unit : units) {
      String name = units.size() == 1 ? "gunicorn@" + node.name()
          : unit.fileName().replace(".service", "") + "@" + node.name();
      Map<String, String> env = p.baseEnv(node);
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
        out.add(p.failedSpec(name, node, "gunicorn", unit.nodePath() + " names no rendered gunicorn config"));
        continue;
      }
      out.add(gunicornSpec(name, node, conf.get(), cmd, uc.cwd().orElse(p.mapping.path(node.name(), app.home())), env,
          "ExecStart of " + unit.nodePath() + uc.note()));
    }
    return out;
  }

  private ServiceSpec gunicornSpec(String name, Node node, NodeFile conf, List<String> cmd, Path cwd,
      Map<String, String> env, String note) {
    List<Endpoint> binds = ConfigText.gunicornBinds(conf.content());
    if (binds.isEmpty()) {
      return p.failedSpec(name, node, "gunicorn", conf.nodePath() + " on " + node.name() + " has no bind address");
    }
    for (Endpoint b : binds) {
      if (!b.host().startsWith("127.")) {
        return p.failedSpec(name, node, "gunicorn", conf.nodePath() + " binds " + b
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
        words.set(0, p.options.python().toString());
      } else {
        words.remove(0);
        words.addAll(0, List.of(p.options.python().toString(), "-m", base));
      }
      note = " (" + program + " does not exist here: Debian's " + base + " runs in its place)";
    } else if (program.equals("/usr/bin/celery")) {
      words.remove(0);
      words.addAll(0, List.of(p.options.python().toString(), "-m", "celery"));
    }
    Optional<Path> cwd = s.getOrDefault("WorkingDirectory", List.of()).stream().reduce((a, b) -> b)
        .map(w -> Path.of(w.replaceFirst("^-", "")));
    return new UnitCommand(words, cwd, note);
  }

  private Optional<Map<String, String>> readEnvFile(Node node, String hostPath) {
    Optional<NodeFile> f = p.byHostPath(node, hostPath);
    if (f.isPresent()) {
      return Optional.of(ConfigText.envFile(f.get().content()));
    }
    Path p = Path.of(hostPath);
    return Files.isRegularFile(p) ? Optional.of(ConfigText.envFile(LocalPlanner.read(p))) : Optional.empty();
  }

  // ---------------------------------------------------------------- celery

  List<ServiceSpec> celery(Node node) {
    Application app = p.cluster.application().orElseThrow();
    Map<String, String> env = p.baseEnv(node);
    Optional<NodeFile> unit = p.filesNamed(node, f -> f.fileName().endsWith(".service")
        && (f.fileName().startsWith("celery") || ConfigText.unitService(f.content())
            .getOrDefault("ExecStart", List.of()).stream()
            .anyMatch(s -> s.toLowerCase(java.util.Locale.ROOT).contains("celery")))).stream().findFirst();
    Path cwd = p.mapping.path(node.name(), app.home());
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
      Optional<NodeFile> envFile = p.filesNamed(node, f -> f.nodePath().equals("/etc/conf.d/celery")
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
      List<String> cmd = new ArrayList<>(List.of(p.options.python().toString(), "-m", "celery", "-A", celeryApp,
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
}
