package dev.stackwright.services;

import dev.stackwright.local.LocalFile;
import dev.stackwright.local.LocalNode;
import dev.stackwright.local.LocalProcess;
import dev.stackwright.local.internal.ProcessLogs;
import dev.stackwright.model.Application;
import dev.stackwright.model.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The worker's local run: each Celery worker as {@code celery multi} would start it from the rendered settings, in
 * the foreground so its pid is the run's; ready when its log shows the line the worker's health check names.
 */
final class CeleryRun {
  private CeleryRun() {}

  static List<LocalProcess> processes(LocalNode node) {
    Application app = node.cluster().application().orElseThrow();
    Map<String, String> env = node.environment();
    Optional<LocalFile> unit = node.files().stream().filter(f -> f.fileName().endsWith(".service")
        && (f.fileName().startsWith("celery") || ConfigText.unitService(f.content())
            .getOrDefault("ExecStart", List.of()).stream()
            .anyMatch(s -> s.toLowerCase(Locale.ROOT).contains("celery")))).findFirst();
    Path cwd = node.path(app.home());
    Map<String, String> conf = new LinkedHashMap<>();
    String source;
    if (unit.isPresent()) {
      Map<String, List<String>> s = ConfigText.unitService(unit.get().content());
      Units.environment(node, s, conf);
      cwd = Units.workingDirectory(s).orElse(cwd);
      source = unit.get().nodePath();
    } else {
      Optional<LocalFile> envFile = node.files().stream().filter(f -> f.nodePath().equals("/etc/conf.d/celery")
          || f.nodePath().startsWith("/etc/default/celery")).findFirst();
      envFile.ifPresent(f -> conf.putAll(ConfigText.envFile(f.content())));
      source = envFile.map(LocalFile::nodePath).orElse("no unit or env file rendered");
    }
    env.putAll(conf); // systemd hands an EnvironmentFile's variables to the process
    List<String> names = workerNames(conf.getOrDefault("CELERYD_NODES", "w1"));
    List<LocalProcess> out = new ArrayList<>();
    for (String n : names) {
      String full = n.contains("@") ? n : n + "@" + node.node().hostname();
      String name = names.size() == 1 ? "celery@" + node.name()
          : "celery-" + full.substring(0, full.indexOf('@')) + "@" + node.name();
      out.add(worker(node, name, full, conf.getOrDefault("CELERY_APP", app.celeryApp()), conf, env, cwd, source));
    }
    return out;
  }

  private static List<String> workerNames(String nodes) {
    List<String> names = new ArrayList<>();
    if (nodes.strip().matches("\\d+")) {
      for (int i = 1; i <= Integer.parseInt(nodes.strip()); i++) {
        names.add("celery" + i);
      }
    } else {
      names.addAll(ConfigText.words(nodes));
    }
    return names;
  }

  private static LocalProcess worker(LocalNode node, String name, String full, String celeryApp,
      Map<String, String> conf, Map<String, String> env, Path cwd, String source) {
    String shortName = full.substring(0, full.indexOf('@'));
    Node n = node.node();
    List<String> cmd = new ArrayList<>(List.of(node.python().toString(), "-m", "celery", "-A", celeryApp, "worker",
        "-n", full));
    LocalProcess.Builder b = LocalProcess.builder("celery", node).name(name).installHint(Units.pythonHint(node));
    String pidFile = conf.get("CELERYD_PID_FILE");
    String logFile = conf.get("CELERYD_LOG_FILE");
    if (pidFile != null) {
      cmd.add("--pidfile=" + expand(pidFile, shortName, n));
    }
    if (logFile != null) {
      String l = expand(logFile, shortName, n);
      cmd.add("--logfile=" + l);
      ProcessLogs.readyLine(node.service()).ifPresent(text -> b.readyLog(Path.of(l), text));
    }
    cmd.add("--loglevel=" + conf.getOrDefault("CELERYD_LOG_LEVEL", "INFO"));
    for (String o : ConfigText.words(conf.getOrDefault("CELERYD_OPTS", ""))) {
      cmd.add(expand(o, shortName, n));
    }
    return b.command(cmd).workingDirectory(cwd).environment(env)
        .note("worker " + full + " in the foreground, as celery multi would start it from " + source).build();
  }

  private static String expand(String s, String shortName, Node node) {
    return s.replace("%n", shortName).replace("%h", shortName + "@" + node.hostname()).replace("%I", "");
  }
}
