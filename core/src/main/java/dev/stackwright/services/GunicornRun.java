package dev.stackwright.services;

import dev.stackwright.local.LocalEndpoint;
import dev.stackwright.local.LocalFile;
import dev.stackwright.local.LocalNode;
import dev.stackwright.local.LocalProcess;
import dev.stackwright.model.Application;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The app server's local run: gunicorn as its rendered unit's ExecStart says, or from its gunicorn.conf.py. */
final class GunicornRun {
  private GunicornRun() {}

  static List<LocalProcess> processes(LocalNode node) {
    Application app = node.cluster().application().orElseThrow();
    List<LocalFile> units = node.files().stream().filter(f -> f.fileName().endsWith(".service")
        && ConfigText.unitService(f.content()).getOrDefault("ExecStart", List.of()).stream()
            .anyMatch(s -> s.contains("gunicorn"))).toList();
    List<LocalFile> confs = node.files().stream().filter(f -> f.fileName().startsWith("gunicorn")
        && f.fileName().endsWith(".conf.py")).toList();
    if (units.isEmpty()) {
      return withoutUnit(node, app, confs);
    }
    List<LocalProcess> out = new ArrayList<>();
    for (LocalFile unit : units) {
      String name = units.size() == 1 ? "gunicorn@" + node.name()
          : unit.fileName().replace(".service", "") + "@" + node.name();
      Map<String, String> env = node.environment();
      Units.Command uc = Units.command(node, unit, env);
      Optional<LocalFile> conf = configOf(uc.command(), confs);
      if (conf.isEmpty()) {
        out.add(builder(node, name).problem(unit.nodePath() + " names no rendered gunicorn config").build());
        continue;
      }
      out.add(gunicorn(node, name, conf.get(), uc.command(), uc.cwd().orElse(node.path(app.home())), env,
          "ExecStart of " + unit.nodePath() + uc.note(), Optional.of(unit.fileName().replace(".service", ""))));
    }
    return out;
  }

  private static List<LocalProcess> withoutUnit(LocalNode node, Application app, List<LocalFile> confs) {
    if (confs.isEmpty()) {
      return List.of(builder(node, "gunicorn@" + node.name()).problem("neither a gunicorn unit nor a"
          + " gunicorn.conf.py was rendered for " + node.name()).build());
    }
    List<LocalProcess> out = new ArrayList<>();
    for (LocalFile conf : confs) {
      String name = confs.size() == 1 ? "gunicorn@" + node.name()
          : conf.fileName().replace(".conf.py", "") + "@" + node.name();
      List<String> cmd = List.of(node.python().toString(), "-m", "gunicorn", "-c", conf.hostPath().toString(),
          app.wsgi());
      out.add(gunicorn(node, name, conf, cmd, node.path(app.home()), node.environment(),
          "no unit rendered: gunicorn -c " + conf.nodePath() + " " + app.wsgi(), Optional.empty()));
    }
    return out;
  }

  /** The rendered config the command's -c or --config names; the only one when it names none. */
  private static Optional<LocalFile> configOf(List<String> cmd, List<LocalFile> confs) {
    Optional<LocalFile> conf = Optional.empty();
    for (int i = 0; i < cmd.size() - 1; i++) {
      String path = cmd.get(i).equals("-c") || cmd.get(i).equals("--config") ? cmd.get(i + 1)
          : cmd.get(i).startsWith("--config=") ? cmd.get(i).substring("--config=".length()) : null;
      if (path != null) {
        conf = confs.stream().filter(f -> f.hostPath().toString().equals(path)).findFirst();
      }
    }
    return conf.isEmpty() && confs.size() == 1 ? Optional.of(confs.get(0)) : conf;
  }

  private static LocalProcess gunicorn(LocalNode node, String name, LocalFile conf, List<String> cmd, Path cwd,
      Map<String, String> env, String note, Optional<String> unit) {
    List<LocalEndpoint> binds = ConfigText.gunicornBinds(conf.content());
    // HUP: gunicorn starts new workers (with the code as it is now) and lets the old ones finish
    LocalProcess.Builder b = builder(node, name).reloadSignal("HUP");
    unit.ifPresent(b::unit);
    if (binds.isEmpty()) {
      return b.problem(conf.nodePath() + " on " + node.name() + " has no bind address").build();
    }
    for (LocalEndpoint e : binds) {
      if (!e.host().startsWith("127.")) {
        return b.problem(conf.nodePath() + " binds " + e + ", which is every address of this machine; bind the app"
            + " server's own address").build();
      }
    }
    return b.command(cmd).workingDirectory(cwd).environment(env).endpoints(binds).note(note).build();
  }

  private static LocalProcess.Builder builder(LocalNode node, String name) {
    return LocalProcess.builder("gunicorn", node).name(name).installHint(Units.pythonHint(node));
  }
}
