package dev.stackwright.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One process a {@link LocalRunner} asks the local run to start, or one it cannot or will not start, with the reason.
 * A process is ready when every endpoint accepts a TCP connection, its ready URL (if any) answers below 500 and its
 * ready log (if any) shows the marker. Processes of a service start after every process of the services it connects
 * to (from the descriptors' access) and after the ones it names in {@link Builder#after}; processes of one node with
 * the same name are one process (nginx, when the load balancer and the static server share a node).
 */
public final class LocalProcess {
  private final String name;
  private final String node;
  private final String kind;
  private final List<String> command;
  private final Path workingDirectory;
  private final Map<String, String> environment;
  private final List<LocalEndpoint> endpoints;
  private final Optional<String> readyUrl;
  private final Optional<Path> readyLog;
  private final String readyMarker;
  private final List<String> after;
  private final String note;
  private final Optional<String> skipped;
  private final Optional<String> problem;
  private final String installHint;
  private final boolean setup;
  private final List<String> units;
  private final Optional<String> reloadSignal;

  private LocalProcess(Builder b) {
    this.name = b.name == null ? b.kind + "@" + b.node : b.name;
    this.node = b.node;
    this.kind = b.kind;
    this.command = List.copyOf(b.command);
    this.workingDirectory = b.workingDirectory;
    this.environment = Map.copyOf(b.environment);
    this.endpoints = List.copyOf(b.endpoints);
    this.readyUrl = b.readyUrl;
    this.readyLog = b.readyLog;
    this.readyMarker = b.readyMarker;
    this.after = List.copyOf(b.after);
    this.note = b.note;
    this.skipped = b.skipped;
    this.problem = b.problem;
    this.installHint = b.installHint;
    this.setup = b.setup;
    this.units = List.copyOf(b.units);
    this.reloadSignal = b.reloadSignal;
  }

  /** A process of {@code kind} (nginx, redis, ...) on {@code node}; named {@code kind@node} unless said. */
  public static Builder builder(String kind, LocalNode node) {
    return new Builder(kind, node.name(), node.root());
  }

  /** A service that does not run locally, and why; shown as skipped. */
  public static LocalProcess skipped(String kind, LocalNode node, String reason) {
    return builder(kind, node).skip(reason).build();
  }

  /** A service that should run but cannot, and why (a config it needs was not rendered); nothing starts then. */
  public static LocalProcess cannotRun(String kind, LocalNode node, String reason) {
    return builder(kind, node).problem(reason).build();
  }

  /** Unique in the run, {@code nginx@webserver-1}: also its pid file's and log's name. */
  public String name() {
    return name;
  }

  public String node() {
    return node;
  }

  /** What it is: nginx, gunicorn, redis... */
  public String kind() {
    return kind;
  }

  /** The program and its arguments. */
  public List<String> command() {
    return command;
  }

  public Path workingDirectory() {
    return workingDirectory;
  }

  /** Added to the environment of the JVM that starts it. */
  public Map<String, String> environment() {
    return environment;
  }

  /** Where it answers once up; checked free before anything starts. */
  public List<LocalEndpoint> endpoints() {
    return endpoints;
  }

  /** A URL that answers below 500 once it is up. */
  public Optional<String> readyUrl() {
    return readyUrl;
  }

  /** A log that shows {@link #readyMarker()} once it is up, for a process without a socket. */
  public Optional<Path> readyLog() {
    return readyLog;
  }

  public String readyMarker() {
    return readyMarker;
  }

  /** Processes (by name) that must answer before this one starts, beyond the services it connects to. */
  public List<String> after() {
    return after;
  }

  /** Shown with it: what the local run does differently. */
  public String note() {
    return note;
  }

  /** Why it does not run here; nothing starts then. */
  public Optional<String> skipped() {
    return skipped;
  }

  /** Why it cannot run; the apply stops before it starts anything. */
  public Optional<String> problem() {
    return problem;
  }

  /** How to install its program, for the message when it is missing. */
  public String installHint() {
    return installHint;
  }

  /** True for a step that runs to completion before any service starts (collecting static files). */
  public boolean setup() {
    return setup;
  }

  /**
   * The systemd units this process stands for ({@code nginx}, {@code gunicorn-api}): a changed file whose reload or
   * restart names one of them reloads or restarts this process. When no process of a service names any unit, each
   * of them stands for every unit of the service.
   */
  public List<String> units() {
    return units;
  }

  /** The signal that makes it re-read its config without dropping a connection ({@code HUP}); else a reload restarts it. */
  public Optional<String> reloadSignal() {
    return reloadSignal;
  }

  @Override
  public String toString() {
    return name + " " + command;
  }

  /** Builds a process. Single-use and not thread-safe. */
  public static final class Builder {
    private String name;
    private final String node;
    private final String kind;
    private final List<String> command = new ArrayList<>();
    private Path workingDirectory;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<LocalEndpoint> endpoints = new ArrayList<>();
    private Optional<String> readyUrl = Optional.empty();
    private Optional<Path> readyLog = Optional.empty();
    private String readyMarker = "";
    private final List<String> after = new ArrayList<>();
    private String note = "";
    private Optional<String> skipped = Optional.empty();
    private Optional<String> problem = Optional.empty();
    private String installHint = "install the package that provides it";
    private boolean setup;
    private final List<String> units = new ArrayList<>();
    private Optional<String> reloadSignal = Optional.empty();

    private Builder(String kind, String node, Path workingDirectory) {
      this.kind = Objects.requireNonNull(kind, "kind");
      this.node = Objects.requireNonNull(node, "node");
      this.workingDirectory = workingDirectory;
    }

    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder command(List<String> command) {
      this.command.clear();
      this.command.addAll(command);
      return this;
    }

    /** Where it runs; the node's root unless said. */
    public Builder workingDirectory(Path dir) {
      this.workingDirectory = Objects.requireNonNull(dir, "dir");
      return this;
    }

    public Builder environment(Map<String, String> env) {
      this.environment.putAll(env);
      return this;
    }

    public Builder endpoint(String host, int port) {
      return endpoints(List.of(new LocalEndpoint(host, port)));
    }

    public Builder endpoints(List<LocalEndpoint> endpoints) {
      this.endpoints.addAll(endpoints);
      return this;
    }

    public Builder readyUrl(String url) {
      this.readyUrl = Optional.of(url);
      return this;
    }

    public Builder readyLog(Path log, String marker) {
      this.readyLog = Optional.of(log);
      this.readyMarker = Objects.requireNonNull(marker, "marker");
      return this;
    }

    public Builder after(String processName) {
      this.after.add(processName);
      return this;
    }

    public Builder note(String note) {
      this.note = Objects.requireNonNull(note, "note");
      return this;
    }

    public Builder skip(String reason) {
      this.skipped = Optional.of(reason);
      return this;
    }

    public Builder problem(String reason) {
      this.problem = Optional.of(reason);
      return this;
    }

    public Builder installHint(String hint) {
      this.installHint = Objects.requireNonNull(hint, "hint");
      return this;
    }

    /** Makes it a step that runs to completion, after the application is deployed and before any service starts. */
    public Builder setup() {
      this.setup = true;
      return this;
    }

    /** A systemd unit this process stands for; see {@link LocalProcess#units()}. */
    public Builder unit(String unit) {
      this.units.add(Objects.requireNonNull(unit, "unit"));
      return this;
    }

    /** The signal, sent to the process alone, that reloads its config: {@code HUP} for nginx. */
    public Builder reloadSignal(String signal) {
      if (!signal.matches("[A-Z0-9]{1,10}")) {
        throw new IllegalArgumentException("reload signal \"" + signal + "\" is not a signal name; write it like"
            + " \"HUP\" or \"USR2\"");
      }
      this.reloadSignal = Optional.of(signal);
      return this;
    }

    public LocalProcess build() {
      if (command.isEmpty() && skipped.isEmpty() && problem.isEmpty()) {
        throw new IllegalStateException("process " + (name == null ? kind + "@" + node : name) + " has no command;"
            + " give it one, or make it skipped or unable to run with the reason");
      }
      return new LocalProcess(this);
    }
  }
}
