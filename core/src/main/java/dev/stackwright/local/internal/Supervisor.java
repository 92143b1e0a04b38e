package dev.stackwright.local.internal;

import dev.stackwright.local.LocalEndpoint;
import dev.stackwright.local.LocalService;
import dev.stackwright.local.LocalServiceState;
import dev.stackwright.local.internal.Processes.Pid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Starts the processes of an apply phase by phase, each a process group with a pid file, and waits until each
 * answers: a later phase starts only when every process of the earlier ones does. A process already running from an
 * earlier apply is left alone here; what a change of its files needs is {@link Rollout}'s.
 */
final class Supervisor {
  private final Path runDir;
  private final PidFiles pids;
  private final Path logs;
  private final RunFiles files;
  private final Duration readyTimeout;
  /** Where each service's ready log ended before it started, so an earlier run's "ready." does not count. */
  private final Map<String, Long> logOffsets = new ConcurrentHashMap<>();

  Supervisor(Path runDir, PidFiles pids, Path logs, RunFiles files, Duration readyTimeout) {
    this.runDir = runDir;
    this.pids = pids;
    this.logs = logs;
    this.files = files;
    this.readyTimeout = readyTimeout;
  }

  /** Every spec's service, in the specs' order, as it ended up: started, running, skipped or failed. */
  Map<String, LocalService> run(List<ServiceSpec> specs) {
    Map<String, LocalService> result = new LinkedHashMap<>();
    for (ServiceSpec s : specs) {
      if (s.setup()) {
        continue;
      }
      result.put(s.name(), s.skip().isPresent()
          ? service(s, LocalServiceState.SKIPPED, s.skip().get(), OptionalLong.empty())
          : service(s, LocalServiceState.NOT_RUNNING, "", OptionalLong.empty()));
    }
    TreeSet<Integer> phases = specs.stream().filter(ServiceSpec::runs).map(ServiceSpec::phase)
        .collect(Collectors.toCollection(TreeSet::new));
    boolean failed = false;
    for (int phase : phases) {
      List<ServiceSpec> inPhase = specs.stream().filter(s -> s.runs() && s.phase() == phase)
          .collect(Collectors.toList());
      if (failed) {
        for (ServiceSpec s : inPhase) {
          result.put(s.name(), service(s, LocalServiceState.FAILED,
              "not started: a service it may need failed first", OptionalLong.empty()));
        }
        continue;
      }
      failed = !runPhase(inPhase, result);
    }
    return result;
  }

  /** Starts one phase and waits for it; false when any of it failed. */
  private boolean runPhase(List<ServiceSpec> inPhase, Map<String, LocalService> result) {
    boolean ok = true;
    Map<ServiceSpec, Pid> started = new LinkedHashMap<>();
    for (ServiceSpec s : inPhase) {
      Optional<Pid> running = pids.recorded(s.name()).filter(Processes::alive);
      if (running.isPresent()) {
        result.put(s.name(), service(s, LocalServiceState.RUNNING, "already running",
            OptionalLong.of(running.get().pid())));
        continue;
      }
      Optional<LocalEndpoint> taken = s.endpoints().stream().filter(Supervisor::answers).findFirst();
      if (taken.isPresent()) {
        result.put(s.name(), service(s, LocalServiceState.FAILED, taken.get()
            + " is already in use by a program this run did not start", OptionalLong.empty()));
        ok = false;
        continue;
      }
      Optional<String> problem = start(s, started);
      if (problem.isPresent()) {
        result.put(s.name(), service(s, LocalServiceState.FAILED, problem.get(), OptionalLong.empty()));
        ok = false;
      }
    }
    for (Map.Entry<ServiceSpec, String> e : awaitReady(started).entrySet()) {
      ServiceSpec s = e.getKey();
      long pid = started.get(s).pid();
      if (e.getValue().isEmpty()) {
        result.put(s.name(), service(s, LocalServiceState.STARTED, s.note(), OptionalLong.of(pid)));
      } else {
        result.put(s.name(), service(s, LocalServiceState.FAILED, e.getValue(), OptionalLong.of(pid)));
        ok = false;
      }
    }
    return ok;
  }

  /** Starts {@code s} (its old process stopped already) and waits until it answers; the problem when it did not. */
  Optional<String> startAndAwait(ServiceSpec s) {
    Map<ServiceSpec, Pid> started = new LinkedHashMap<>();
    Optional<String> problem = start(s, started);
    return problem.isPresent() ? problem : Optional.of(awaitReady(started).get(s)).filter(p -> !p.isEmpty());
  }

  /** True when every endpoint, ready URL and ready log of {@code s} says it is up. */
  boolean isReady(ServiceSpec s) {
    return ready(s);
  }

  /** Starts {@code s} and records its pid; the problem when it could not, and then nothing of it runs. */
  private Optional<String> start(ServiceSpec s, Map<ServiceSpec, Pid> started) {
    prepareDirs(s);
    Pid pid;
    try {
      if (s.readyLog().isPresent()) {
        Path readyLog = s.readyLog().get();
        logOffsets.put(s.name(), Files.exists(readyLog) ? Files.size(readyLog) : 0L);
      }
      pid = Processes.start(s.command(), s.cwd(), s.env(), log(s));
    } catch (IOException e) {
      return Optional.of("cannot start " + s.command().get(0) + ": " + e.getMessage());
    }
    try {
      pids.record(s, pid);
    } catch (IOException e) {
      // a process whose pid is not recorded could never be stopped by destroy: it must not outlive this call
      Processes.stopGroup(pid, "KILL", Duration.ofSeconds(5));
      return Optional.of("stopped at once: its pid file in " + pids.dir() + " could not be written (" + e.getMessage()
          + "); fix: make that directory writable");
    }
    started.put(s, pid);
    return Optional.empty();
  }

  static LocalService service(ServiceSpec s, LocalServiceState state, String detail, OptionalLong pid) {
    return new LocalService(s.name(), s.node(), s.kind(), state, detail, pid,
        s.endpoints().stream().map(LocalEndpoint::toString).collect(Collectors.toList()));
  }

  /** Waits until every started service answers, dies, or the time is up; the value is "" or the problem. */
  private Map<ServiceSpec, String> awaitReady(Map<ServiceSpec, Pid> started) {
    Map<ServiceSpec, String> out = new ConcurrentHashMap<>();
    long deadline = System.nanoTime() + readyTimeout.toNanos();
    Set<ServiceSpec> waiting = new HashSet<>(started.keySet());
    while (!waiting.isEmpty()) {
      for (ServiceSpec s : List.copyOf(waiting)) {
        if (ready(s)) {
          out.put(s, "");
          waiting.remove(s);
        } else if (!Processes.alive(started.get(s))) {
          out.put(s, "exited before it answered; its log " + log(s) + " ends with: " + tail(log(s), 6));
          waiting.remove(s);
        }
      }
      if (waiting.isEmpty()) {
        break;
      }
      if (System.nanoTime() > deadline) {
        for (ServiceSpec s : waiting) {
          out.put(s, "did not answer on " + s.endpoints() + s.readyUrl().map(u -> " / " + u).orElse("")
              + s.readyLog().map(l -> " / log " + l).orElse("") + " within " + readyTimeout.toSeconds()
              + " s; its log " + log(s) + " ends with: " + tail(log(s), 6));
        }
        break;
      }
      Processes.sleep(Duration.ofMillis(100));
    }
    Map<ServiceSpec, String> ordered = new LinkedHashMap<>();
    for (ServiceSpec s : started.keySet()) {
      ordered.put(s, out.get(s));
    }
    return ordered;
  }

  private Path log(ServiceSpec s) {
    return logs.resolve(s.name() + ".log");
  }

  private boolean ready(ServiceSpec s) {
    for (LocalEndpoint e : s.endpoints()) {
      if (!answers(e)) {
        return false;
      }
    }
    if (s.readyUrl().isPresent() && !answersHttp(s.readyUrl().get())) {
      return false;
    }
    return s.readyLog().isEmpty() || logShows(s);
  }

  private boolean logShows(ServiceSpec s) {
    Path log = s.readyLog().get();
    try {
      if (!Files.exists(log)) {
        return false;
      }
      byte[] bytes = Files.readAllBytes(log);
      int from = (int) Math.min(bytes.length, logOffsets.getOrDefault(s.name(), 0L));
      return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).contains(s.readyMarker());
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /** True when something accepts a TCP connection on {@code e}. */
  static boolean answers(LocalEndpoint e) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(e.host(), e.port()), 300);
      return true;
    } catch (IOException ex) {
      return false;
    }
  }

  /** True when a GET of {@code url} answers with a status below 500. */
  static boolean answersHttp(String url) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      c.setConnectTimeout(300);
      c.setReadTimeout(1000);
      try {
        return c.getResponseCode() < 500;
      } finally {
        c.disconnect();
      }
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The directories a process needs before it starts: its own, its ready log's, and those its env names. */
  private void prepareDirs(ServiceSpec s) {
    files.mkdirs(s.cwd());
    for (Map.Entry<String, String> e : s.env().entrySet()) {
      if (!e.getValue().startsWith(runDir.toString())) {
        continue;
      }
      Path p = Path.of(e.getValue());
      boolean file = e.getKey().contains("FILE") || e.getKey().contains("DUMP");
      files.mkdirs(file ? p.getParent() : p);
    }
    s.readyLog().ifPresent(l -> files.mkdirs(l.getParent()));
  }

  /** The last {@code lines} lines of a log, joined, for a message. */
  static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log)";
    }
  }
}
