package dev.stackwright.local.internal;

import dev.stackwright.local.LocalRunException;
import dev.stackwright.local.LocalEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What must hold before a local apply starts anything: every program it runs is installed, no port a service will
 * listen on is held by a program the run did not start, the application's directory is there, and the planner found
 * no service it cannot run. Every problem is reported at once, and nothing has been started when it is.
 */
final class Preflight {
  private final LocalOptions options;
  private final PidFiles pids;
  private final Path runDir;

  Preflight(LocalOptions options, PidFiles pids, Path runDir) {
    this.options = options;
    this.pids = pids;
    this.runDir = runDir;
  }

  /** Throws a {@link LocalRunException} listing every problem; returns when there is none. */
  void check(String cluster, List<ServiceSpec> specs) {
    List<String> problems = new ArrayList<>();
    options.application().filter(dir -> !Files.isDirectory(dir)).ifPresent(dir -> problems.add("the application's"
        + " directory " + dir.toAbsolutePath() + " is not a directory (a relative path is read from the current"
        + " directory); fix: name the directory of its code with Cli.builder().localApplication(DIR) or"
        + " LocalRun.builder().application(DIR)"));
    if (findOnPath("setsid", System.getenv("PATH")).isEmpty()) {
      problems.add("setsid is not installed, and every service is started as a process group of its own with it;"
          + " fix: apt-get install util-linux");
    }
    // a process of this run holding an endpoint it no longer serves stops before the new one starts (a moved broker)
    java.util.Set<String> ours = new java.util.HashSet<>();
    pids.alive().values().forEach(r -> ours.addAll(r.endpoints()));
    Map<String, List<String>> missing = new LinkedHashMap<>();
    Map<String, String> fixes = new LinkedHashMap<>();
    for (ServiceSpec s : specs) {
      if (s.skip().isPresent() || pids.recorded(s.name()).filter(Processes::alive).isPresent()) {
        continue;
      }
      if (s.problem().isPresent()) {
        problems.add(s.name() + ": " + s.problem().get());
        continue;
      }
      String program = s.command().get(0);
      if (findOnPath(program, s.env().get("PATH")).isEmpty()) {
        missing.computeIfAbsent(program, p -> new ArrayList<>()).add(s.name());
        fixes.put(program, s.installHint());
      }
      for (LocalEndpoint e : s.endpoints()) {
        if (!ours.contains(e.toString()) && Supervisor.answers(e)) {
          problems.add(e + " is already in use by a program this run did not start, and " + s.name() + " listens"
              + " there; fix: stop the program that listens on it (ss -ltnp 'sport = :" + e.port() + "' names it),"
              + " or give this node another address in the model");
        }
      }
    }
    missing.forEach((program, users) -> problems.add(program + " is not installed (" + String.join(", ", users)
        + " run" + (users.size() == 1 ? "s" : "") + " it); fix: " + fixes.get(program)));
    if (!problems.isEmpty()) {
      throw new LocalRunException("the local run of cluster \"" + cluster + "\" cannot start, so nothing was started:\n  - "
          + String.join("\n  - ", problems), runDir);
    }
  }

  /** {@code program} itself when it has a slash, else the first executable of that name on {@code path}. */
  static Optional<Path> findOnPath(String program, String path) {
    if (program.contains("/")) {
      return Optional.of(Path.of(program)).filter(Files::isExecutable);
    }
    for (String dir : (path == null ? "/usr/bin:/usr/sbin:/bin:/sbin" : path).split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(p) && !Files.isDirectory(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
