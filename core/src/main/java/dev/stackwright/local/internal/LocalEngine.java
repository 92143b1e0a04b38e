package dev.stackwright.local.internal;

import dev.stackwright.local.LocalMapping;
import dev.stackwright.local.LocalResult;
import dev.stackwright.local.LocalService;
import dev.stackwright.local.LocalServiceState;
import dev.stackwright.local.internal.ConfigText.Endpoint;
import dev.stackwright.local.LocalRunException;
import dev.stackwright.local.internal.PidFiles.Recorded;
import dev.stackwright.local.internal.Processes.Pid;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * Starts, watches and stops the services of a local run, each a process group with a pid file in {@code RUN_DIR/pids};
 * only processes recorded there are ever signalled. One apply or destroy at a time holds a run directory; what must
 * hold before anything starts is checked first ({@link Preflight}), so a user's mistake starts nothing.
 */
public final class LocalEngine {
  /** The order services stop in: front ends first, the broker's port mapper last. */
  private static final List<String> STOP_ORDER =
      List.of("nginx", "celery", "gunicorn", "couchdb-standin", "rabbitmq", "epmd");

  private final LocalMapping mapping;
  private final LocalOptions options;
  private final Path runDir;
  private final PidFiles pids;
  private final Path logs;
  private final RunFiles files;
  /** Where each service's ready log ended before it started, so an earlier run's "ready." does not count. */
  private final Map<String, Long> logOffsets = new ConcurrentHashMap<>();

  public LocalEngine(LocalMapping mapping, LocalOptions options) {
    this.mapping = mapping;
    this.options = options;
    this.runDir = mapping.runDir();
    this.pids = new PidFiles(runDir);
    this.logs = runDir.resolve("logs");
    this.files = new RunFiles(mapping);
  }

  /**
   * Writes, provisions, checks, deploys and starts what is not running; the result lists every service. A problem
   * found before anything starts (a port taken, a program missing) is a {@link LocalRunException} listing them all.
   */
  public LocalResult apply(Cluster cluster, List<NodeFile> rendered) {
    files.mkdirs(runDir);
    try (AutoCloseable lock = pids.lock(cluster.name())) {
      Set<String> changedNodes = new HashSet<>();
      List<NodeFile> all = write(cluster, rendered, changedNodes);
      files.reachableByServiceUsers();
      List<ServiceSpec> specs = new LocalPlanner(cluster, mapping, all, options).plan();
      new Preflight(options, pids, runDir).check(cluster.name(), specs);
      new Deployment(mapping, options, files, logs).deploy(cluster, all);
      return run(cluster, specs, changedNodes);
    } catch (LocalRunException e) {
      throw e;
    } catch (Exception e) {
      throw new LocalRunException("cannot release the lock of " + runDir + " (" + e.getMessage() + ")", runDir);
    }
  }

  /**
   * Writes the mapped files (only those that differ) and what the nodes' images would provide; returns every file
   * written, the image's included, and adds the nodes whose files changed to {@code changedNodes}.
   */
  public List<NodeFile> write(Cluster cluster, List<NodeFile> rendered, Set<String> changedNodes) {
    files.mkdirs(pids.dir());
    files.mkdirs(logs);
    return files.write(cluster, rendered, changedNodes);
  }

  private LocalResult run(Cluster cluster, List<ServiceSpec> specs, Set<String> changedNodes) {
    Map<String, LocalService> result = new LinkedHashMap<>();
    for (ServiceSpec s : specs) {
      result.put(s.name(), service(s, LocalServiceState.NOT_RUNNING, "", OptionalLong.empty()));
    }
    boolean failed = false;
    for (ServiceSpec s : specs) {
      if (s.skip().isPresent()) {
        result.put(s.name(), service(s, LocalServiceState.SKIPPED, s.skip().get(), OptionalLong.empty()));
      }
    }
    TreeSet<Integer> phases = specs.stream().filter(s -> s.skip().isEmpty() && s.phase() >= 0)
        .map(ServiceSpec::phase).collect(Collectors.toCollection(TreeSet::new));
    for (int phase : phases) {
      List<ServiceSpec> inPhase = specs.stream().filter(s -> s.skip().isEmpty() && s.phase() == phase)
          .collect(Collectors.toList());
      if (failed) {
        for (ServiceSpec s : inPhase) {
          result.put(s.name(), service(s, LocalServiceState.FAILED,
              "not started: a service it may need failed first", OptionalLong.empty()));
        }
        continue;
      }
      Map<ServiceSpec, Pid> started = new LinkedHashMap<>();
      for (ServiceSpec s : inPhase) {
        Optional<Pid> running = pids.recorded(s.name()).filter(Processes::alive);
        if (running.isPresent()) {
          String note = changedNodes.contains(s.node())
              ? "already running; its node's files changed: destroy and apply again to restart it"
              : "already running";
          result.put(s.name(), service(s, LocalServiceState.RUNNING, note, OptionalLong.of(running.get().pid())));
          continue;
        }
        Optional<Endpoint> taken = s.endpoints().stream().filter(LocalEngine::answers).findFirst();
        if (taken.isPresent()) {
          result.put(s.name(), service(s, LocalServiceState.FAILED, taken.get()
              + " is already in use by a program this run did not start", OptionalLong.empty()));
          failed = true;
          continue;
        }
        Optional<String> problem = start(s, started);
        if (problem.isPresent()) {
          result.put(s.name(), service(s, LocalServiceState.FAILED, problem.get(), OptionalLong.empty()));
          failed = true;
        }
      }
      for (Map.Entry<ServiceSpec, String> e : awaitReady(started).entrySet()) {
        ServiceSpec s = e.getKey();
        String problem = e.getValue();
        long pid = started.get(s).pid();
        if (problem.isEmpty()) {
          result.put(s.name(), service(s, LocalServiceState.STARTED, s.note(), OptionalLong.of(pid)));
        } else {
          result.put(s.name(), service(s, LocalServiceState.FAILED, problem, OptionalLong.of(pid)));
          failed = true;
        }
      }
    }
    return new LocalResult(runDir, List.copyOf(result.values()), url(cluster, result, BuiltInServices.WEBSERVER),
        url(cluster, result, BuiltInServices.CONTROLLER));
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
      pid = Processes.start(s.command(), s.cwd(), s.env(), logs.resolve(s.name() + ".log"));
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

  private Optional<String> url(Cluster cluster, Map<String, LocalService> result, Service kind) {
    for (Node node : cluster.nodesWith(kind)) {
      LocalService s = result.get("nginx@" + node.name());
      if (s == null || s.endpoints().isEmpty()) {
        continue;
      }
      String own = mapping.address(node.role(kind).orElseThrow().address()).toString();
      String ep = s.endpoints().stream().filter(e -> e.startsWith(own + ":")).findFirst().orElse(s.endpoints().get(0));
      return Optional.of("http://" + ep + "/");
    }
    return Optional.empty();
  }

  private static LocalService service(ServiceSpec s, LocalServiceState state, String detail, OptionalLong pid) {
    return new LocalService(s.name(), s.node(), s.kind(), state, detail, pid,
        s.endpoints().stream().map(Endpoint::toString).collect(Collectors.toList()));
  }

  /** Waits until every started service answers, dies, or the time is up; the value is "" or the problem. */
  private Map<ServiceSpec, String> awaitReady(Map<ServiceSpec, Pid> started) {
    Map<ServiceSpec, String> out = new ConcurrentHashMap<>();
    long deadline = System.nanoTime() + options.readyTimeout().toNanos();
    Set<ServiceSpec> waiting = new HashSet<>(started.keySet());
    while (!waiting.isEmpty()) {
      for (ServiceSpec s : List.copyOf(waiting)) {
        if (ready(s)) {
          out.put(s, "");
          waiting.remove(s);
        } else if (!Processes.alive(started.get(s))) {
          out.put(s, "exited before it answered; its log " + logs.resolve(s.name() + ".log") + " ends with: "
              + tail(logs.resolve(s.name() + ".log"), 6));
          waiting.remove(s);
        }
      }
      if (waiting.isEmpty()) {
        break;
      }
      if (System.nanoTime() > deadline) {
        for (ServiceSpec s : waiting) {
          out.put(s, "did not answer on " + s.endpoints() + s.readyLog().map(l -> " / log " + l).orElse("")
              + " within " + options.readyTimeout().toSeconds() + " s; its log " + logs.resolve(s.name() + ".log")
              + " ends with: " + tail(logs.resolve(s.name() + ".log"), 6));
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

  private boolean ready(ServiceSpec s) {
    for (Endpoint e : s.endpoints()) {
      if (!answers(e)) {
        return false;
      }
    }
    if (s.readyLog().isPresent()) {
      Path log = s.readyLog().get();
      try {
        if (!Files.exists(log)) {
          return false;
        }
        byte[] bytes = Files.readAllBytes(log);
        int from = (int) Math.min(bytes.length, logOffsets.getOrDefault(s.name(), 0L));
        return new String(bytes, from, bytes.length - from, java.nio.charset.StandardCharsets.UTF_8)
            .contains(s.readyMarker());
      } catch (IOException | UncheckedIOException e) {
        return false;
      }
    }
    return true;
  }

  /** True when something accepts a TCP connection on {@code e}. */
  static boolean answers(Endpoint e) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(e.host(), e.port()), 300);
      return true;
    } catch (IOException ex) {
      return false;
    }
  }

  private void prepareDirs(ServiceSpec s) {
    RunFiles mk = files;
    mk.mkdirs(s.cwd());
    for (Map.Entry<String, String> e : s.env().entrySet()) {
      if (!e.getValue().startsWith(runDir.toString())) {
        continue;
      }
      Path p = Path.of(e.getValue());
      boolean file = e.getKey().contains("FILE") || e.getKey().contains("DUMP");
      mk.mkdirs(file ? p.getParent() : p);
    }
    s.readyLog().ifPresent(l -> mk.mkdirs(l.getParent()));
  }

  /** What runs now, from the pid files. */
  public LocalResult status() {
    List<LocalService> services = new ArrayList<>();
    for (Recorded r : pids.all(services)) {
      boolean alive = Processes.alive(r.pid());
      services.add(new LocalService(r.name(), r.node(), r.kind(),
          alive ? LocalServiceState.RUNNING : LocalServiceState.NOT_RUNNING, alive ? "" : "recorded but not running",
          OptionalLong.of(r.pid().pid()), r.endpoints()));
    }
    return new LocalResult(runDir, services, Optional.empty(), Optional.empty());
  }

  /** Stops every recorded process group, by pid, front ends first; leaves the files for a look afterwards. */
  public LocalResult destroy(String cluster) {
    if (!Files.isDirectory(pids.dir())) {
      return new LocalResult(runDir, List.of(), Optional.empty(), Optional.empty());
    }
    try (AutoCloseable lock = pids.lock(cluster)) {
      return stopAll();
    } catch (LocalRunException e) {
      throw e;
    } catch (Exception e) {
      throw new LocalRunException("cannot release the lock of " + runDir + " (" + e.getMessage() + ")", runDir);
    }
  }

  private LocalResult stopAll() {
    List<LocalService> removed = new ArrayList<>();
    List<Recorded> all = pids.all(removed);
    Map<String, LocalService> out = new ConcurrentHashMap<>();
    List<List<Recorded>> tiers = new ArrayList<>();
    for (String kind : STOP_ORDER) {
      tiers.add(all.stream().filter(r -> r.kind().equals(kind)).collect(Collectors.toList()));
    }
    tiers.add(all.stream().filter(r -> !STOP_ORDER.contains(r.kind())).collect(Collectors.toList()));
    for (List<Recorded> tier : tiers) {
      List<Thread> threads = new ArrayList<>();
      for (Recorded r : tier) {
        Thread t = new Thread(() -> out.put(r.name(), stop(r)), "stop-" + r.name());
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while stopping", e);
        }
      }
    }
    try (var stream = Files.list(pids.dir())) {
      stream.filter(p -> p.toString().endsWith("port")).forEach(pids::delete);
    } catch (IOException e) {
      // the ports are chosen again when their files are unreadable
    }
    List<LocalService> ordered = all.stream().map(r -> out.get(r.name())).collect(Collectors.toList());
    ordered.addAll(removed);
    return new LocalResult(runDir, ordered, Optional.empty(), Optional.empty());
  }

  /** Stops one recorded process group; a failure to stop it is its result, not an end to the others'. */
  private LocalService stop(Recorded r) {
    long t0 = System.nanoTime();
    try {
      boolean stopped = Processes.stopGroup(r.pid(), "TERM", options.stopGrace());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      pids.delete(r.file());
      return new LocalService(r.name(), r.node(), r.kind(), stopped ? LocalServiceState.STOPPED
          : LocalServiceState.NOT_RUNNING, stopped ? "stopped in " + ms + " ms" : "was not running",
          OptionalLong.of(r.pid().pid()), r.endpoints());
    } catch (RuntimeException e) {
      return new LocalService(r.name(), r.node(), r.kind(), LocalServiceState.FAILED, "could not be stopped: "
          + e.getMessage(), OptionalLong.of(r.pid().pid()), r.endpoints());
    }
  }

  /** The pids of every recorded process and its descendants that are alive. */
  public Set<Long> processTrees() {
    Set<Long> roots = new HashSet<>();
    for (Recorded r : pids.all(new ArrayList<>())) {
      if (Processes.alive(r.pid())) {
        roots.add(r.pid().pid());
      }
    }
    return Processes.trees(roots);
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
