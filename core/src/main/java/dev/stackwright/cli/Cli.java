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
import java.util.function.Supplier;

/**
 * Gives any Java main the verbs {@code plan}, {@code apply}, {@code destroy}, {@code render DIR}, {@code report} and
 * {@code export heat FILE} (a Heat template of the cluster):
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   System.exit(Cli.builder().cluster(MyCluster::build).build().run(args));
 * }
 * }</pre>
 *
 * Options: {@code --yes} (apply or destroy without asking), {@code --backend NAME} (a {@link BackendProvider} by its
 * name: {@code memory}, the embedded in-memory cloud, and whichever the class path holds, such as {@code openstack}
 * and {@code nodes}; or {@code local}, the cluster's services run on this machine; the usage text lists them. Without
 * it: the first provider whose environment names a cloud, such as OpenStack's when {@code OS_*} or {@code OS_CLOUD}
 * are set, else the in-memory cloud, the {@link BackendProvider#fallback() fallback}; {@code nodes}, real nodes on this
 * machine, only when named),
 * {@code --parallelism N}, {@code --out DIR} (where apply writes the rendered files), {@code --public-key FILE} (the
 * servers' SSH key; default {@code ~/.ssh/id_ed25519.pub} or {@code id_rsa.pub} when present; its private half, FILE
 * without {@code .pub}, is given to the providers as {@link BackendProvider#SSH_KEY_VARIABLE} unless that is set),
 * {@code --detailed-exitcode} (plan exits {@link ExitCode#CHANGES_PENDING} when there are changes), {@code --server-group-policy
 * anti-affinity|soft-anti-affinity} (how the VMs of a host kind spread; soft for a cloud with fewer hypervisors than a
 * host kind has VMs). Exit codes: {@link ExitCode}. {@code render}, {@code report} and {@code export} make no
 * backend: they need no cloud, and contact none even when {@code OS_*} name one.
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
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Runs one verb; returns the exit code for {@code System.exit}. */
  public int run(String... args) {
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
      return targets(PublicKeys.withPrivateHalf(environment, options.publicKey())).choose(options.backend(), model)
          .run(options, model);
    } catch (StackwrightException e) {
      err.println(e.getMessage());
      return ExitCode.USAGE;
    }
  }

  /** The usage line, with every name {@code --backend} takes here. */
  String usage() {
    return "usage: plan|apply|destroy|report|render DIR|export heat FILE [--yes] [--backend "
        + String.join("|", targets(environment).names())
        + "] [--parallelism N] [--out DIR] [--public-key FILE] [--detailed-exitcode] [--allow-data-loss]"
        + " [--server-group-policy anti-affinity|soft-anti-affinity]";
  }

  /**
   * What runs the verbs under each name: the providers' backends, made from {@code providersSee}, under the engine,
   * and the local run.
   */
  private Targets targets(Map<String, String> providersSee) {
    Map<String, Supplier<Target>> others = Map.of(LocalCommands.NAME, this::local);
    return Targets.of(providers, providersSee,
        backend -> new BackendCommands(backend, renderer, environment, out, err, in), others);
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
