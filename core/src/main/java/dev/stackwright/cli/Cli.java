package dev.stackwright.cli;

import dev.stackwright.InvalidClusterException;
import dev.stackwright.StackwrightException;
import dev.stackwright.engine.ApplyResult;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendProvider;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Plan;
import dev.stackwright.local.LocalRun;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.report.AddressPlan;
import dev.stackwright.report.CapacityReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Gives any Java main the verbs {@code plan}, {@code apply}, {@code destroy}, {@code render DIR} and {@code report}:
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   System.exit(Cli.builder().cluster(MyCluster::build).build().run(args));
 * }
 * }</pre>
 *
 * Options: {@code --yes} (apply or destroy without asking), {@code --backend memory|local|openstack|nodes} (default:
 * OpenStack when {@code OS_*} or {@code OS_CLOUD} name a cloud, else the embedded in-memory cloud; {@code nodes},
 * real nodes on this machine, only when named),
 * {@code --parallelism N}, {@code --out DIR} (where apply writes the rendered files), {@code --public-key FILE} (the
 * servers' SSH key; default {@code ~/.ssh/id_ed25519.pub} or {@code id_rsa.pub} when present), {@code --detailed-exitcode}
 * (plan exits {@link ExitCode#CHANGES_PENDING} when there are changes), {@code --server-group-policy
 * anti-affinity|soft-anti-affinity} (how the VMs of a host kind spread; soft for a cloud with fewer hypervisors than a
 * host kind has VMs). Exit codes: {@link ExitCode}. {@code render} and {@code report} make no backend: they need no
 * cloud, and contact none even when {@code OS_*} name one.
 */
public final class Cli {
  static final String USAGE = "usage: plan|apply|destroy|report|render DIR [--yes] [--backend memory|local|openstack|nodes]"
      + " [--parallelism N] [--out DIR] [--public-key FILE] [--detailed-exitcode]"
      + " [--server-group-policy anti-affinity|soft-anti-affinity]";

  private final Supplier<Cluster> cluster;
  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;
  private final Map<String, String> environment;
  private final Optional<Path> localApplication;
  private final Optional<Backend> memory;
  private final Optional<Renderer> renderer;
  private final Optional<LocalRun> localRun;

  private Cli(Builder b) {
    this.cluster = Objects.requireNonNull(b.cluster, "the cluster: Cli.builder().cluster(...)");
    this.out = b.out;
    this.err = b.err;
    this.in = b.in;
    this.environment = b.environment;
    this.localApplication = Optional.ofNullable(b.localApplication);
    this.memory = Optional.ofNullable(b.memory);
    this.renderer = Optional.ofNullable(b.renderer);
    this.localRun = Optional.ofNullable(b.localRun);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Runs one verb; returns the exit code for {@code System.exit}. */
  public int run(String... args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return ExitCode.USAGE;
    }
    Cluster model;
    try {
      model = cluster.get();
    } catch (InvalidClusterException e) {
      err.println(e.getMessage());
      return ExitCode.USAGE;
    }
    try {
      if (options.verb().equals("report")) {
        out.print(CapacityReport.of(model));
        out.println();
        out.print(AddressPlan.of(model));
        return ExitCode.OK;
      }
      if (options.verb().equals("render")) {
        return render(model, options);
      }
      if (options.backend().filter("local"::equals).isPresent()) {
        return local(options, model);
      }
      Backend backend = backend(options, model);
      Engine.Builder eb = Engine.builder().backend(backend).listener(new ProgressPrinter(out));
      options.parallelism().ifPresent(eb::parallelism);
      options.serverGroupPolicy().ifPresent(eb::serverGroupPolicy);
      renderer.ifPresent(eb::renderer);
      try {
        (options.publicKey().isPresent() ? Optional.of(publicKeyFrom(options.publicKey().get())) : publicKey())
            .ifPresent(eb::publicKey);
      } catch (IllegalArgumentException e) {
        err.println(e.getMessage());
        return ExitCode.USAGE;
      }
      Engine engine = eb.build();
      out.println("backend: " + backend.name());
      return switch (options.verb()) {
        case "plan" -> plan(engine, model, options);
        case "apply" -> apply(engine, model, options);
        case "destroy" -> destroy(engine, model, options);
        default -> throw new IllegalStateException(options.verb());
      };
    } catch (StackwrightException e) {
      err.println(e.getMessage());
      return ExitCode.USAGE;
    }
  }

  private int plan(Engine engine, Cluster model, Options options) {
    Plan plan = engine.plan(model);
    out.print(plan.render());
    return options.detailedExitCode() && !plan.isEmpty() ? ExitCode.CHANGES_PENDING : ExitCode.OK;
  }

  private int apply(Engine engine, Cluster model, Options options) {
    Plan plan = engine.plan(model);
    out.print(plan.render());
    if (plan.isEmpty()) {
      out.println("Nothing to do: the cloud matches the model.");
      return ExitCode.OK;
    }
    if (!options.yes() && !confirm("apply", plan)) {
      return ExitCode.ABORTED;
    }
    ApplyResult result = options.yes() ? Settling.apply(engine, model, plan, out) : engine.apply(model, plan);
    out.println(result.summary());
    List<String> reports = engine.backend().serverReports(model.name());
    if (!reports.isEmpty()) {
      out.println("The servers, as they are inside:");
      reports.forEach(r -> out.println("  " + r));
    }
    if (result.succeeded()) {
      Path dir = options.out().orElse(Path.of("target", "stackwright", model.name()));
      engine.render(model).writeTo(dir);
      out.println("Rendered files of every node: " + dir.toAbsolutePath());
      if (engine.backend() instanceof InMemoryCloud) {
        out.println("(The in-memory cloud lives in this process: it is gone when the process ends.)");
      }
    }
    return result.succeeded() ? ExitCode.OK : ExitCode.FAILED;
  }

  private int destroy(Engine engine, Cluster model, Options options) {
    Plan plan = engine.destroyPlan(model.name());
    out.print(plan.render());
    if (plan.isEmpty()) {
      out.println("Nothing to destroy: no resource carries cluster " + model.name() + "'s marker.");
      return ExitCode.OK;
    }
    if (!options.yes() && !confirm("destroy", plan)) {
      return ExitCode.ABORTED;
    }
    ApplyResult result = engine.destroy(model.name());
    out.println(result.summary());
    return result.succeeded() ? ExitCode.OK : ExitCode.FAILED;
  }

  /** Renders without a backend: the files need no cloud (a node's MAC is left out until its port exists). */
  private int render(Cluster model, Options options) {
    Path dir = options.argument().map(Path::of).orElseThrow();
    RenderedCluster files = renderer.orElseGet(() -> Renderer.builder().build()).render(model);
    files.writeTo(dir);
    for (String node : files.nodes()) {
      out.println(node + ": " + files.files(node).size() + " files, user-data sha256 " + files.userDataSha256(node));
    }
    out.println("written under " + dir.toAbsolutePath());
    return ExitCode.OK;
  }

  private int local(Options options, Cluster model) {
    LocalRun local = localRun.orElseGet(() -> {
      LocalRun.Builder lb = LocalRun.builder();
      localApplication.ifPresent(lb::application);
      return lb.build();
    });
    return new LocalCommands(local, renderer.orElseGet(() -> Renderer.builder().build()), out, err).run(options.verb(), model);
  }

  private Backend backend(Options options, Cluster model) {
    List<BackendProvider> providers = new ArrayList<>();
    ServiceLoader.load(BackendProvider.class).forEach(providers::add);
    String wanted = options.backend().orElse(null);
    if (wanted == null || !wanted.equals("memory")) {
      for (BackendProvider p : providers) {
        if (wanted == null ? p.chosenWithoutBeingNamed() : p.name().equals(wanted)) {
          Optional<Backend> b = wanted == null ? p.fromEnvironment(environment) : p.forCluster(model, environment);
          if (b.isPresent()) {
            return b.get();
          }
          if (wanted != null) {
            throw new StackwrightException("--backend " + wanted + ": the environment names no cloud; source an"
                + " openrc file (OS_AUTH_URL, OS_USERNAME...) or set OS_CLOUD");
          }
        }
      }
      if (wanted != null) {
        throw new StackwrightException("--backend " + wanted + " is not available; known: memory, local"
            + providers.stream().map(p -> ", " + p.name()).reduce("", String::concat)
            + (wanted.equals("openstack") ? " (put stackwright-openstack-backend on the class path)" : ""));
      }
    }
    return memory.orElseGet(() -> InMemoryCloud.forCluster(model));
  }

  /** The one-line OpenSSH public key in {@code file}, or an error saying what is wrong with it and what to pass. */
  static String publicKeyFrom(Path file) {
    return publicKeyIn(file, "--public-key " + file);
  }

  /**
   * The key in {@code file}, checked as the engine checks it, so that a key the cloud cannot take is refused here
   * naming the file ({@code what}) rather than later by the engine.
   */
  private static String publicKeyIn(Path file, String what) {
    String text;
    try {
      text = Files.readString(file).strip();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException(what + ": cannot read it (" + e.getMessage()
          + "); pass the .pub file of an SSH key, e.g. --public-key ~/.ssh/id_ed25519.pub");
    }
    if (text.contains("PRIVATE KEY")) {
      throw new IllegalArgumentException(what + " is a PRIVATE key; pass its .pub file instead"
          + " (ssh-keygen -y -f " + file + " prints it)");
    }
    try {
      Engine.builder().publicKey(text);
    } catch (IllegalArgumentException e) {
      String type = text.split("\\s+", 2)[0];
      throw new IllegalArgumentException(what + " does not hold one OpenSSH public key line of a type the cloud"
          + " takes" + (type.matches("[a-z0-9@.-]{3,60}") && text.contains(" ") ? " (it holds a " + type + " key)"
          : "") + "; pass the .pub file of an ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp256 key"
          + " (ssh-keygen -t ed25519 makes one)");
    }
    return text;
  }

  /** The key of {@code ~/.ssh/id_ed25519.pub} or {@code id_rsa.pub}, the first that exists, checked. */
  private Optional<String> publicKey() {
    String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
    for (String name : List.of("id_ed25519.pub", "id_rsa.pub")) {
      Path p = Path.of(home, ".ssh", name);
      if (Files.isRegularFile(p) && !Files.isReadable(p)) {
        err.println("could not read " + p + "; the servers get no SSH key (--public-key FILE names one)");
      } else if (Files.isRegularFile(p)) {
        return Optional.of(publicKeyIn(p, p + " (read as the servers' key by default; --public-key FILE names"
            + " another)"));
      }
    }
    return Optional.empty();
  }

  private boolean confirm(String verb, Plan plan) {
    out.print("Do you want to " + verb + " these changes" + (plan.destroysData() ? " (some DESTROY DATA)" : "")
        + "? Only 'yes' is accepted: ");
    out.flush();
    try {
      String answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      if (answer == null) {
        out.println();
        err.println("No answer (no terminal on stdin): nothing was changed. Pass --yes to " + verb
            + " without asking.");
        return false;
      }
      if (!answer.strip().equals("yes")) {
        err.println(verb + " cancelled: nothing was changed.");
        return false;
      }
      return true;
    } catch (IOException e) {
      err.println("could not read the answer: " + e.getMessage() + "; nothing was changed");
      return false;
    }
  }

  /** Configures the command line; only the cluster is required. */
  public static final class Builder {
    private Supplier<Cluster> cluster;
    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private InputStream in = System.in;
    private Map<String, String> environment = System.getenv();
    private Path localApplication;
    private Backend memory;
    private Renderer renderer;
    private LocalRun localRun;

    private Builder() {}

    /** Builds the cluster; called once per run, so an invalid cluster is reported with every problem. */
    public Builder cluster(Supplier<Cluster> cluster) {
      this.cluster = Objects.requireNonNull(cluster, "cluster");
      return this;
    }

    public Builder out(PrintStream out) {
      this.out = Objects.requireNonNull(out, "out");
      return this;
    }

    public Builder err(PrintStream err) {
      this.err = Objects.requireNonNull(err, "err");
      return this;
    }

    public Builder in(InputStream in) {
      this.in = Objects.requireNonNull(in, "in");
      return this;
    }

    /** The environment the backend providers read ({@code OS_*}); the process's unless set. */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** The application's source directory the local backend runs. */
    public Builder localApplication(Path dir) {
      this.localApplication = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** The in-memory cloud to use for {@code --backend memory}; a fresh one for the cluster unless set. */
    public Builder memoryCloud(Backend cloud) {
      this.memory = Objects.requireNonNull(cloud, "cloud");
      return this;
    }

    /** Renders the nodes' files; a default renderer (secrets from the environment or generated) unless set. */
    public Builder renderer(Renderer renderer) {
      this.renderer = Objects.requireNonNull(renderer, "renderer");
      return this;
    }

    /**
     * The local run for {@code --backend local}, with its run directory, programs and ports; unless set, one with the
     * defaults and the {@link #localApplication} directory.
     */
    public Builder localRun(LocalRun run) {
      this.localRun = Objects.requireNonNull(run, "run");
      return this;
    }

    public Cli build() {
      return new Cli(this);
    }
  }
}
