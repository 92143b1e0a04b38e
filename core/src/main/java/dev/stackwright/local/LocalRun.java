package dev.stackwright.local;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.local.internal.LocalEngine;
import dev.stackwright.local.internal.LocalOptions;
import dev.stackwright.local.internal.NodeFile;
import dev.stackwright.local.internal.Processes;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.OnChange;
import dev.stackwright.render.NetworkFacts;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.RenderedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The local backend: runs a rendered cluster on this machine, each service a plain background process, so a user can
 * try the whole cluster before paying for VMs and the project can prove that the rendered files work together.
 *
 * <p>The configs it runs are the renderer's own files after a {@link LocalMapping} (cluster addresses to loopback
 * addresses, privileged ports when not root, node paths into the run directory) and nothing else. Each service's
 * descriptor says how it runs ({@code Service.localRun()}, a {@link LocalRunner}): the built-in ones run nginx,
 * gunicorn, RabbitMQ with its own epmd and Celery workers as Debian packages them, and pouchdb-server, a stand-in that
 * speaks CouchDB's HTTP API, for the database; a user's service runs its own command line. What does not run here
 * (DHCP, cloud-init, a service without a local run) is reported as skipped, with the reason. Processes start in the
 * order of the services' dependencies: a client after the services it connects to.
 *
 * <p>{@link #apply} starts what is missing and waits until each service answers; a second apply changes nothing. On a
 * run that is up, it brings the processes to the new model as a node would be: each changed file's {@code OnChange}
 * reloads or restarts the processes that read it, a new application version (or environment) is copied again and
 * its processes restarted one at a time, new services start and those the model no longer has stop, after the load
 * balancer stopped naming them. {@link #plan} says what an apply would do.
 * {@link #destroy} stops exactly the processes apply started, by the pid files in the run directory (process group,
 * SIGTERM, SIGKILL after a grace period), never by name. Thread-safe for different run directories; one run
 * directory is one cluster.
 */
public final class LocalRun {
  /** The program name the database stand-in is found by. */
  private static final String POUCHDB_SERVER = "pouchdb-server";

  private final Optional<Path> runDir;
  private final Path python;
  private final Map<String, Path> programs;
  private final Optional<Path> application;
  private final Optional<Boolean> privilegedPorts;
  private final Map<String, int[]> ports;
  private final Duration readyTimeout;
  private final Duration stopGrace;
  private final Duration rollPause;

  private LocalRun(Builder b) {
    this.runDir = b.runDir;
    this.python = b.python;
    Map<String, Path> found = new HashMap<>(b.programs);
    if (!found.containsKey(POUCHDB_SERVER)) {
      findPouchdbServer().ifPresent(p -> found.put(POUCHDB_SERVER, p));
    }
    this.programs = Map.copyOf(found);
    this.application = b.application;
    this.privilegedPorts = b.privilegedPorts;
    this.ports = Map.copyOf(b.ports);
    this.readyTimeout = b.readyTimeout;
    this.stopGrace = b.stopGrace;
    this.rollPause = b.rollPause;
  }

  /** A local run with every default: run directory {@code .stackwright/local/<cluster>} under the current one. */
  public static LocalRun create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Where {@code cluster} runs: the configured directory, else {@code .stackwright/local/<cluster>}. Every operation
   * of a local run starts here, so here the model meets the validator (a model the DSL would refuse goes no further).
   */
  public Path runDir(Cluster cluster) {
    ClusterDsl.validate(cluster);
    return runDir.orElse(Path.of(".stackwright", "local", cluster.name())).toAbsolutePath().normalize();
  }

  /** The mapping this run applies to {@code cluster}'s files. */
  public LocalMapping mapping(Cluster cluster) {
    LocalMapping.Builder b = LocalMapping.builder(cluster, runDir(cluster));
    privilegedPorts.ifPresent(b::privilegedPorts);
    ports.forEach((key, v) -> b.port(key.substring(0, key.indexOf(':')), v[0], v[1]));
    return b.build();
  }

  /**
   * What a local run renders {@code cluster} with: each node with a public entry (the load balancer, the controller)
   * has the loopback address of that instance as its public address, the address a client on this machine connects
   * to, so that with TLS its certificate names it and Django answers to it:
   * {@code local.apply(cluster, renderer.render(cluster, local.networkFacts(cluster)))}.
   */
  public NetworkFacts networkFacts(Cluster cluster) {
    LocalMapping mapping = mapping(cluster);
    NetworkFacts.Builder facts = NetworkFacts.builder();
    for (Node node : cluster.nodes()) {
      node.roles().stream().filter(r -> r.kind().publicEntry()).findFirst()
          .ifPresent(r -> facts.publicAddress(node.name(), mapping.address(r.address())));
    }
    return facts.build();
  }

  /**
   * Writes every rendered file after the mapping, deploys the application, starts each service that is not running
   * yet and waits until it answers. Returns every service (started, already running, or skipped with the reason)
   * and the URLs of the load balancer and the controller.
   *
   * @param rendered the renderer's output for {@code cluster}
   * @throws LocalRunException when a service cannot start or does not answer in time; its result lists what did
   *     start, so {@link #destroy} can stop it
   */
  public LocalResult apply(Cluster cluster, RenderedCluster rendered) {
    return applyFiles(cluster, texts(cluster, rendered), facts(rendered));
  }

  /**
   * What {@link #apply} would do to what runs now, per process: start, reload, restart, redeploy or stop, each with
   * the file or version that needs it. Empty when what runs is the model. Writes nothing and touches no process.
   */
  public LocalPlan plan(Cluster cluster, RenderedCluster rendered) {
    return new LocalPlan(engine(cluster).plan(cluster, mapped(cluster, texts(cluster, rendered)), facts(rendered)));
  }

  private static LocalEngine.NodeFacts facts(RenderedCluster rendered) {
    Map<String, String> applications = new HashMap<>();
    Map<String, List<OnChange>> units = new HashMap<>();
    for (String node : rendered.nodes()) {
      rendered.node(node).application().ifPresent(a -> applications.put(node, a));
      units.put(node, rendered.node(node).redeployUnits());
    }
    return new LocalEngine.NodeFacts(applications, units);
  }

  /** Writes the mapped files into the run directory, as {@link #apply} does, without starting anything. */
  public List<Path> write(Cluster cluster, RenderedCluster rendered) {
    return writeFiles(cluster, texts(cluster, rendered));
  }

  private static List<RenderedText> texts(Cluster cluster, RenderedCluster rendered) {
    if (!rendered.cluster().equals(cluster.name())) {
      throw new IllegalArgumentException("the rendered files are cluster \"" + rendered.cluster()
          + "\"'s, not \"" + cluster.name() + "\"'s; fix: render the cluster you apply");
    }
    List<RenderedText> texts = new ArrayList<>();
    for (RenderedFile f : rendered.allFiles()) {
      texts.add(new RenderedText(f.node(), f.path(), f.mode(), f.owner(), f.content(), f.onChange()));
    }
    return texts;
  }

  LocalResult applyFiles(Cluster cluster, List<RenderedText> files) {
    return applyFiles(cluster, files, new LocalEngine.NodeFacts(Map.of(), Map.of()));
  }

  private LocalResult applyFiles(Cluster cluster, List<RenderedText> files, LocalEngine.NodeFacts facts) {
    LocalResult result = engine(cluster).apply(cluster, mapped(cluster, files), facts);
    if (!result.ok()) {
      StringBuilder why = new StringBuilder();
      for (LocalService s : result.services(LocalServiceState.FAILED)) {
        why.append("\n  - ").append(s.name()).append(": ").append(s.detail());
      }
      throw new LocalRunException("the local run of cluster \"" + cluster.name() + "\" did not come up: "
          + result.services(LocalServiceState.FAILED).size() + " service(s) failed:" + why + "\nThe services that"
          + " started are still running: stop them with destroy --backend local (LocalRun.destroy in code), fix what each failed service's"
          + " log says, then apply again", result);
    }
    return result;
  }

  /** Writes the mapped files into the run directory without starting anything; returns where each went. */
  List<Path> writeFiles(Cluster cluster, List<RenderedText> files) {
    List<NodeFile> mapped = mapped(cluster, files);
    engine(cluster).write(cluster, mapped, new ArrayList<>());
    return mapped.stream().map(NodeFile::hostPath).collect(java.util.stream.Collectors.toList());
  }

  private List<NodeFile> mapped(Cluster cluster, List<RenderedText> files) {
    LocalMapping mapping = mapping(cluster);
    List<NodeFile> mapped = new ArrayList<>();
    for (RenderedText f : files) {
      mapped.add(new NodeFile(f.node(), f.path(), mapping.path(f.node(), f.path()), f.mode(), f.owner(),
          mapping.content(f.node(), f.content()), f.onChange()));
    }
    return mapped;
  }

  /** A rendered file as the local run takes it, with what a change of it needs. */
  record RenderedText(String node, String path, int mode, String owner, String content, OnChange onChange) {
    RenderedText(String node, String path, int mode, String owner, String content) {
      this(node, path, mode, owner, content, OnChange.NOTHING);
    }
  }

  /**
   * What runs now, from the pid files, and the URLs of the load balancer and the controller when a running process
   * of theirs is recorded there.
   */
  public LocalResult status(Cluster cluster) {
    return engine(cluster).status(cluster);
  }

  /** Stops every process this run started for {@code cluster}, by pid; leaves the run directory for a look. */
  public LocalResult destroy(Cluster cluster) {
    return engine(cluster).destroy(cluster.name());
  }

  /** The resident memory, in bytes, of every process this run started and their children, summed. */
  public long residentBytes(Cluster cluster) {
    Set<Long> pids = engine(cluster).processTrees();
    return pids.stream().mapToLong(Processes::rssBytes).sum();
  }

  /** How many processes {@link #residentBytes} counts. */
  public int processCount(Cluster cluster) {
    return engine(cluster).processTrees().size();
  }

  private LocalEngine engine(Cluster cluster) {
    return new LocalEngine(mapping(cluster), new LocalOptions(python, programs, application, readyTimeout,
        stopGrace, rollPause));
  }

  /** pouchdb-server where install-pouchdb.sh puts it, when it is there. */
  static Optional<Path> findPouchdbServer() {
    List<Path> candidates = new ArrayList<>();
    String env = System.getenv("STACKWRIGHT_POUCHDB_HOME");
    if (env != null && !env.isBlank()) {
      candidates.add(Path.of(env));
    }
    candidates.add(Path.of("/var/cache/stackwright/pouchdb-server"));
    String xdg = System.getenv("XDG_CACHE_HOME");
    candidates.add(xdg != null && !xdg.isBlank() ? Path.of(xdg, "stackwright", "pouchdb-server")
        : Path.of(System.getProperty("user.home"), ".cache", "stackwright", "pouchdb-server"));
    return candidates.stream().map(p -> p.resolve("node_modules/.bin/pouchdb-server")).filter(Files::isExecutable)
        .findFirst();
  }

  /** Configures a local run. Single-use and not thread-safe, like any builder. */
  public static final class Builder {
    private Optional<Path> runDir = Optional.empty();
    private Path python = Path.of("/usr/bin/python3");
    private final Map<String, Path> programs = new HashMap<>();
    private Optional<Path> application = Optional.empty();
    private Optional<Boolean> privilegedPorts = Optional.empty();
    private final Map<String, int[]> ports = new HashMap<>();
    private Duration readyTimeout = Duration.ofSeconds(60);
    private Duration stopGrace = Duration.ofSeconds(20);
    private Duration rollPause = Duration.ofSeconds(11);

    private Builder() {}

    /** The run directory of the cluster, instead of {@code .stackwright/local/<cluster>}. */
    public Builder runDir(Path dir) {
      this.runDir = Optional.of(dir);
      return this;
    }

    /** The directory the application's code is copied from onto the nodes that run it. */
    public Builder application(Path sourceDir) {
      this.application = Optional.of(sourceDir);
      return this;
    }

    /** The Python with Django, Celery and gunicorn; {@code /usr/bin/python3} (Debian's) unless set. */
    public Builder python(Path python) {
      this.python = Objects.requireNonNull(python, "python");
      return this;
    }

    /** The pouchdb-server executable, instead of the one install-pouchdb.sh installed. */
    public Builder pouchdbServer(Path executable) {
      return program(POUCHDB_SERVER, executable);
    }

    /**
     * Where the executable a service's local run knows by {@code name} is, instead of where it looks by default
     * ({@code rabbitmq-server}, {@code pouchdb-server}, or a user service's own).
     */
    public Builder program(String name, Path executable) {
      programs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(executable, "executable"));
      return this;
    }

    /** Keep ports below 1024 (default when root) or move them to 8000 + port (default otherwise). */
    public Builder privilegedPorts(boolean keep) {
      this.privilegedPorts = Optional.of(keep);
      return this;
    }

    /** When privileged ports move, {@code port} of {@code role} becomes {@code localPort}. */
    public Builder port(String role, int port, int localPort) {
      ports.put(role + ":" + port, new int[] {port, localPort});
      return this;
    }

    /** How long the services of one start phase may take to answer; 60 s unless set. */
    public Builder readyTimeout(Duration timeout) {
      this.readyTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** How long a service has between SIGTERM and SIGKILL; 20 s unless set. */
    public Builder stopGrace(Duration grace) {
      this.stopGrace = Objects.requireNonNull(grace, "grace");
      return this;
    }

    /**
     * How long a rolling restart waits, after a restarted process that serves others answers, before it stops the
     * next one; 11 s unless set: the load balancer's passive health check (max_fails=3 fail_timeout=10s) leaves an
     * upstream that refused connections out for 10 s, and a faster roll could find every upstream left out.
     */
    public Builder rollPause(Duration pause) {
      this.rollPause = Objects.requireNonNull(pause, "pause");
      return this;
    }

    public LocalRun build() {
      return new LocalRun(this);
    }
  }
}
