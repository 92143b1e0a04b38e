package dev.stackwright.services;

import dev.stackwright.local.LocalFile;
import dev.stackwright.local.LocalNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the application's local runs read from its rendered systemd units and env files. */
final class Units {
  private Units() {}

  /** A unit's command, working directory, and what the local run does differently. */
  record Command(List<String> command, Optional<Path> cwd, String note) {}

  /** How to get the Python the application's processes need. */
  static String pythonHint(LocalNode node) {
    return "apt-get install python3 python3-gunicorn python3-celery python3-django, or name a Python that has them"
        + " with LocalRun.builder().python(...) (now " + node.python() + ")";
  }

  /** The command of a unit's ExecStart, with its Environment and EnvironmentFile put into {@code env}. */
  static Command command(LocalNode node, LocalFile unit, Map<String, String> env) {
    Map<String, List<String>> s = ConfigText.unitService(unit.content());
    environment(node, s, env);
    List<String> exec = s.getOrDefault("ExecStart", List.of());
    String line = exec.get(exec.size() - 1).replaceFirst("^[-@:+!]+", "");
    List<String> words = new ArrayList<>();
    for (String w : ConfigText.words(line)) {
      words.add(ConfigText.expand(w, env));
    }
    String note = "";
    String program = words.get(0);
    String python = node.python().toString();
    if (!Files.isExecutable(Path.of(program))) {
      String base = Path.of(program).getFileName().toString();
      if (base.startsWith("python")) {
        words.set(0, python);
      } else {
        words.remove(0);
        words.addAll(0, List.of(python, "-m", base));
      }
      note = " (" + program + " does not exist here: Debian's " + base + " runs in its place)";
    } else if (program.equals("/usr/bin/celery")) {
      words.remove(0);
      words.addAll(0, List.of(python, "-m", "celery"));
    }
    return new Command(words, workingDirectory(s), note);
  }

  /** A unit's Environment and EnvironmentFile variables, put into {@code env}. */
  static void environment(LocalNode node, Map<String, List<String>> unit, Map<String, String> env) {
    for (String envFile : unit.getOrDefault("EnvironmentFile", List.of())) {
      envFile(node, envFile.replaceFirst("^-", "")).ifPresent(env::putAll);
    }
    for (String e : unit.getOrDefault("Environment", List.of())) {
      for (String w : ConfigText.words(e)) {
        int eq = w.indexOf('=');
        if (eq > 0) {
          env.put(w.substring(0, eq), w.substring(eq + 1));
        }
      }
    }
  }

  static Optional<Path> workingDirectory(Map<String, List<String>> unit) {
    return unit.getOrDefault("WorkingDirectory", List.of()).stream().reduce((a, b) -> b)
        .map(w -> Path.of(w.replaceFirst("^-", "")));
  }

  /** An env file by its mapped path: the rendered one, else one this machine has. */
  static Optional<Map<String, String>> envFile(LocalNode node, String hostPath) {
    Optional<LocalFile> f = node.files().stream().filter(x -> x.hostPath().toString().equals(hostPath)).findFirst();
    if (f.isPresent()) {
      return Optional.of(ConfigText.envFile(f.get().content()));
    }
    Path p = Path.of(hostPath);
    try {
      return Files.isRegularFile(p) ? Optional.of(ConfigText.envFile(Files.readString(p))) : Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.of(Map.of());
    }
  }
}
