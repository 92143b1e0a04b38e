package dev.stackwright.nodes;

import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendProvider;
import dev.stackwright.model.Cluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Lets the command line ({@code dev.stackwright.cli.Cli}) run a cluster on real nodes of this machine:
 * {@code --backend nodes}, never taken unless named (it makes namespaces, mounts and containers here). Its catalogue
 * is what the model names, every image booted from the base rootfs ({@value #ROOTFS_VARIABLE}, default
 * {@code /var/lib/stackwright-rig/images/current/rootfs}); its state lives in {@code <state>/<cluster>}
 * ({@value #STATE_VARIABLE}, default {@code /var/lib/stackwright-nodes}); the servers' private SSH key, for day two's
 * pushes, is the file {@value BackendProvider#SSH_KEY_VARIABLE} names. When the machine lacks root,
 * systemd-nspawn or the base image, it throws {@link NodesUnavailableException} naming each and its fix: the command
 * line prints that and exits 2.
 */
public final class NodesProvider implements BackendProvider {
  /** The environment variable naming the base rootfs. */
  public static final String ROOTFS_VARIABLE = "STACKWRIGHT_NODES_ROOTFS";
  /** The environment variable naming the directory that holds each cluster's state root. */
  public static final String STATE_VARIABLE = "STACKWRIGHT_NODES_STATE";
  static final Path DEFAULT_ROOTFS = Path.of("/var/lib/stackwright-rig/images/current/rootfs");
  static final Path DEFAULT_STATE = Path.of("/var/lib/stackwright-nodes");

  private final Supplier<List<String>> hostLacks;
  private final Consumer<NodesBackend.Builder> settings;

  /** The provider the ServiceLoader makes: the machine's own requirements. */
  public NodesProvider() {
    this(() -> NodesBackend.Requirements.missing().stream().toList());
  }

  /** With the host's requirements checked by {@code hostLacks} (what is missing, with its fix): for tests. */
  NodesProvider(Supplier<List<String>> hostLacks) {
    this(hostLacks, b -> { });
  }

  NodesProvider(Supplier<List<String>> hostLacks, Consumer<NodesBackend.Builder> settings) {
    this.hostLacks = hostLacks;
    this.settings = settings;
  }

  /**
   * A provider whose backends get {@code settings} after what the model and the environment give them (boot timeout,
   * parallelism, the SSH user...): for a program's command line, through {@code Cli.builder().provider(...)}, where it
   * wins over the ServiceLoader's provider of the same name.
   */
  public static NodesProvider configured(Consumer<NodesBackend.Builder> settings) {
    return new NodesProvider(() -> NodesBackend.Requirements.missing().stream().toList(),
        Objects.requireNonNull(settings, "settings"));
  }

  @Override
  public String name() {
    return "nodes";
  }

  @Override
  public boolean chosenWithoutBeingNamed() {
    return false;
  }

  /** Nothing without a model: the catalogue comes from the cluster ({@link #forCluster}). */
  @Override
  public Optional<Backend> fromEnvironment(Map<String, String> environment) {
    return Optional.empty();
  }

  @Override
  public Optional<Backend> forCluster(Cluster cluster, Map<String, String> environment) {
    Path rootfs = rootfs(environment);
    List<String> missing = new ArrayList<>(hostLacks.get());
    if (!Files.isDirectory(rootfs.resolve("etc"))) {
      missing.add("there is no base image at " + rootfs + "; build it once as root with nodes/rig/image.sh build"
          + " (about 2 minutes, cached under /var/lib/stackwright-rig), or name one with " + ROOTFS_VARIABLE);
    }
    if (!missing.isEmpty()) {
      throw new NodesUnavailableException("--backend nodes cannot run here: " + String.join("; ", missing));
    }
    NodesBackend.Builder b = NodesBackend.builder().stateRoot(stateRoot(cluster, environment))
        .catalogueOf(cluster, rootfs);
    sshKey(environment).ifPresent(b::sshKey);
    settings.accept(b);
    return Optional.of(b.build());
  }

  /** The private key {@value BackendProvider#SSH_KEY_VARIABLE} names, when it names one. */
  static Optional<Path> sshKey(Map<String, String> environment) {
    return Optional.ofNullable(environment.get(SSH_KEY_VARIABLE)).filter(s -> !s.isBlank()).map(Path::of);
  }

  static Path rootfs(Map<String, String> environment) {
    return Optional.ofNullable(environment.get(ROOTFS_VARIABLE)).filter(s -> !s.isBlank()).map(Path::of)
        .orElse(DEFAULT_ROOTFS);
  }

  /** {@code /var/lib/stackwright-nodes/<cluster>}, or under the directory {@value #STATE_VARIABLE} names. */
  static Path stateRoot(Cluster cluster, Map<String, String> environment) {
    return Optional.ofNullable(environment.get(STATE_VARIABLE)).filter(s -> !s.isBlank()).map(Path::of)
        .orElse(DEFAULT_STATE).resolve(cluster.name());
  }
}
