package dev.stackwright.cli;

import dev.stackwright.InvalidClusterException;
import dev.stackwright.StackwrightException;
import dev.stackwright.spi.BackendProvider;
import dev.stackwright.local.LocalRun;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.report.AddressPlan;
import dev.stackwright.report.CapacityReport;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import dev.stackwright.engine.Engine;
import dev.stackwright.internal.StateDirectory;

/**
 * Gives any Java main the verbs {@code plan}, {@code apply}, {@code destroy}, {@code output}, {@code render DIR},
 * {@code report}, {@code graph [FILE]} (the topology as Graphviz DOT, and SVG when Graphviz is installed) and
 * {@code export heat FILE} (a Heat template of the cluster); the examples' seed
 * ({@code dev.stackwright.examples.SeedCluster}) has this main, with its own class in place of {@code SeedCluster}:
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   System.exit(Cli.builder().cluster(SeedCluster::build).build().run(args));
 * }
 * }</pre>
 *
 * Options: {@code --yes} (apply or destroy without asking), {@code --backend NAME} (a {@link BackendProvider} by its
 * name: {@code memory}, the embedded in-memory cloud, kept between runs in {@code .stackwright/CLUSTER/} (see
 * {@code InMemoryProvider}), and whichever the class path holds, such as {@code openstack}
 * and {@code nodes}; or {@code local}, the cluster's services run on this machine; the usage text lists them. Without
 * it: the first provider whose environment names a cloud, such as OpenStack's when {@code OS_*} or {@code OS_CLOUD}
 * are set, else the in-memory cloud, the {@link BackendProvider#fallback() fallback}; {@code nodes}, real nodes on this
 * machine, only when named),
 * {@code --parallelism N}, {@code --out DIR} (where apply writes the rendered files), {@code --public-key FILE} (the
 * servers' SSH key; default {@code ~/.ssh/id_ed25519.pub} or {@code id_rsa.pub} when present; its private half, FILE
 * without {@code .pub}, is given to the providers as {@link BackendProvider#SSH_KEY_VARIABLE} unless that is set),
 * {@code --detailed-exitcode} (plan exits {@link ExitCode#CHANGES_PENDING} when there are changes), {@code --json}
 * (plan prints only the plan as JSON, {@code docs/schema/plan-v1.schema.json}), {@code --diff} (plan then shows a
 * unified diff of each file its changes write, secrets masked), {@code --server-group-policy
 * anti-affinity|soft-anti-affinity} (how the VMs of a host kind spread; soft for a cloud with fewer hypervisors than a
 * host kind has VMs), {@code --json} ({@code output --json}: the cluster's entry points as JSON only). Exit codes:
 * {@link ExitCode}. {@code render}, {@code report}, {@code graph} and {@code export} make no backend: they need no cloud, and contact
 * none even when {@code OS_*} name one. {@code --help} or {@code -h} anywhere, or {@code help [VERB]}, prints a verb's
 * usage (what it does, its options, exit codes, an example) or the list of verbs, building no cluster and making no
 * backend; {@code STACKWRIGHT_PROGRAM} in the environment is how its examples start the program.
 */
public final class Cli {
  private final Supplier<Cluster> cluster;
  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;
  private final Map<String, String> environment;
  private final Optional<Path> localApplication;
  private final List<BackendProvider> providers;
  private final Optional<Renderer> renderer;
  private final Optional<LocalRun> localRun;
  private final Consumer<Engine.Builder> engineSettings;

  private Cli(Builder b) {
    this.cluster = Objects.requireNonNull(b.cluster, "the cluster: Cli.builder().cluster(...)");
    this.out = b.out;
    this.err = b.err;
    this.in = b.in;
    this.environment = b.environment;
    this.localApplication = Optional.ofNullable(b.localApplication);
    this.providers = List.copyOf(b.providers.values());
    this.renderer = Optional.ofNullable(b.renderer);
    this.localRun = Optional.ofNullable(b.localRun);
    this.engineSettings = b.engineSettings;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Runs one verb; returns the exit code for {@code System.exit}. */
  public int run(String... args) {
    if (Help.asked(args)) {
      return Help.print(args, program(), targets(environment).names(), out, err);
    }
    if (args.length > 0 && args[0].equals(ExportCommand.VERB)) {
      return new ExportCommand(renderer.orElseGet(() -> Renderer.builder().build()), out, err).run(args, cluster);
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(usage());
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
      if (options.verb().equals("graph")) {
        return new GraphCommand(out, err).run(model, options.argument());
      }
      return targets(PublicKeys.withPrivateHalf(environment, options.publicKey())).choose(options.backend(), model)
          .run(options, model);
    } catch (StackwrightException e) {
      err.println(e.getMessage());
      return ExitCode.USAGE;
    }
  }

  /** The usage line, with every name {@code --backend} takes here. */
  String usage() {
    return "usage: plan|apply|destroy|output|report|render DIR|graph [FILE]|export heat FILE [--yes] [--json] [--backend "
        + String.join("|", targets(environment).names())
        + "] [--parallelism N] [--out DIR] [--public-key FILE] [--detailed-exitcode] [--json|--diff]"
        + " [--allow-data-loss] [--server-group-policy anti-affinity|soft-anti-affinity]";
  }

  /**
   * How the user starts this command line, for the help's usage and examples: {@code STACKWRIGHT_PROGRAM} (the
   * examples' launch scripts set it), else {@code java} and the main class.
   */
  private String program() {
    String command = System.getProperty("sun.java.command", "YOUR_MAIN").split(" ")[0];
    return environment.getOrDefault("STACKWRIGHT_PROGRAM", "java " + (command.endsWith(".jar") ? "-jar " : "")
        + command);
  }

  /**
   * What runs the verbs under each name: the providers' backends, made from {@code providersSee}, under the engine,
   * and the local run.
   */
  private Targets targets(Map<String, String> providersSee) {
    Map<String, Supplier<Target>> others = Map.of(LocalCommands.NAME, this::local);
    return Targets.of(providers, providersSee,
        backend -> new BackendCommands(backend, renderer, engineSettings, environment, out, err, in,
            StateDirectory.of(environment)), others);
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

  private Target local() {
    LocalRun local = localRun.orElseGet(() -> {
      LocalRun.Builder lb = LocalRun.builder();
      localApplication.ifPresent(lb::application);
      return lb.build();
    });
    return new LocalCommands(local, renderer.orElseGet(() -> Renderer.builder().build()), out, err);
  }

  /** Configures the command line; only the cluster is required. */
  public static final class Builder {
    private Supplier<Cluster> cluster;
    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private InputStream in = System.in;
    private Map<String, String> environment = System.getenv();
    private Path localApplication;
    private final Map<String, BackendProvider> providers = new LinkedHashMap<>();
    private Renderer renderer;
    private LocalRun localRun;
    private Consumer<Engine.Builder> engineSettings = e -> { };

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

    /**
     * A backend provider for {@code --backend} to find by its name, ahead of the ServiceLoader's: it wins over theirs
     * of the same name (and over a given one of that name before it). {@code provider(InMemoryProvider.of(cloud))}
     * makes {@code --backend memory}, and the run without {@code --backend} when no other provider answers, use
     * {@code cloud}.
     */
    public Builder provider(BackendProvider provider) {
      Objects.requireNonNull(provider, "provider");
      this.providers.put(provider.name(), provider);
      return this;
    }

    /** Renders the nodes' files; a default renderer (secrets from the environment or generated) unless set. */
    public Builder renderer(Renderer renderer) {
      this.renderer = Objects.requireNonNull(renderer, "renderer");
      return this;
    }

    /**
     * The engine's settings for {@code plan}, {@code apply} and {@code destroy}: extra rules, the server group policy,
     * parallelism, maxUnavailable, checkTimeout, allowDataLoss, a public key, a listener... Applied after the command
     * line's defaults (the progress lines, the default key file) and before its options, which win:
     * {@code --parallelism}, {@code --server-group-policy}, {@code --allow-data-loss}, {@code --public-key}. A listener
     * set here replaces the progress lines. The backend is the one {@code --backend} chooses (give a configured one
     * with {@link #provider}); the renderer, for every verb, is {@link #renderer}'s. Several calls add up, in order.
     *
     * <pre>{@code
     * Cli cli = Cli.builder()
     *     .cluster(() -> cluster)
     *     .renderer(Renderer.builder().secrets(SecretSource.forTests()).build())
     *     .engine(e -> e.serverGroupPolicy("soft-anti-affinity")
     *         .rule(BuiltInServices.WORKER, RuleSpec.tcpFrom(9100, "192.0.2.0/24", "node exporter")))
     *     .provider(InMemoryProvider.of(InMemoryCloud.forCluster(cluster)))
     *     .build();
     * }</pre>
     */
    public Builder engine(Consumer<Engine.Builder> settings) {
      this.engineSettings = this.engineSettings.andThen(Objects.requireNonNull(settings, "settings"));
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
