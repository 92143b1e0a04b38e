package dev.stackwright.nodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A rig for one test class: a backend on a state root of its own, over the base rootfs that
 * {@code STACKWRIGHT_NODES_ROOTFS} (or the system property {@code stackwright.nodes.rootfs}) names, default the image
 * build's, as on the command line ({@code NodesProvider.DEFAULT_ROOTFS}). Without root, systemd-nspawn or that rootfs
 * the class is skipped, saying which; under CI ({@code CI=true}) it fails instead. {@link #close} removes everything it made.
 */
final class TestRig implements AutoCloseable {
  final NodesBackend nodes;
  final Path rootfs;
  final Path stateRoot;
  private final NodesBackend.Builder builder;
  /** The bare repositories git daemon serves: {@code git://10.0.255.254/NAME.git} is {@code gitRoot/NAME.git}. */
  final Path gitRoot;

  private TestRig(NodesBackend.Builder builder, Path rootfs, Path stateRoot) {
    this.builder = builder;
    this.nodes = builder.build();
    this.rootfs = rootfs;
    this.stateRoot = stateRoot;
    this.gitRoot = stateRoot.resolve("git");
  }

  /** Another backend over the same state root and catalogue: what a new process would make after one was killed. */
  NodesBackend another() {
    return builder.build();
  }

  /** A rig with network {@code internal} 10.0.0.0/16, flavour {@code hpc}, image {@code debian-12}; or a skip. */
  static TestRig open(String extraImage, Path extraRootfs) throws IOException {
    return open(extraImage, extraRootfs, null);
  }

  /** A rig whose catalogue is what {@code cluster} names, when it is given. */
  static TestRig open(String extraImage, Path extraRootfs, dev.stackwright.model.Cluster cluster) throws IOException {
    return open(extraImage, extraRootfs, cluster, b -> b);
  }

  /** A rig whose builder {@code more} completes (an SSH key, say). */
  static TestRig open(String extraImage, Path extraRootfs, dev.stackwright.model.Cluster cluster,
      java.util.function.UnaryOperator<NodesBackend.Builder> more) throws IOException {
    Path rootfs = Path.of(Optional.ofNullable(System.getenv(NodesProvider.ROOTFS_VARIABLE))
        .orElse(System.getProperty("stackwright.nodes.rootfs", NodesProvider.DEFAULT_ROOTFS.toString())));
    Optional<String> missing = NodesBackend.Requirements.missing().or(() -> Files.isDirectory(rootfs.resolve("etc"))
        ? Optional.empty() : Optional.of("no base rootfs at " + rootfs + "; build one (nodes/rig/image.sh build) or"
        + " name one with " + NodesProvider.ROOTFS_VARIABLE));
    if (missing.isPresent()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail("the nodes backend's tests must run under CI, but " + missing.get());
      }
      // Surefire counts a class aborted before its tests as nothing run, so the reason is printed too
      System.err.println("[nodes] the real nodes' tests are skipped: " + missing.get());
      Assumptions.abort("skipped: " + missing.get());
    }
    Path root = Files.createTempDirectory("stackwright-nodes-it-");
    NodesBackend.Builder b = NodesBackend.builder().stateRoot(root).network("internal", "10.0.0.0/16")
        .flavor("hpc", 2, 8192).image("debian-12", rootfs).gitRoot(root.resolve("git"));
    if (cluster != null) {
      b.catalogueOf(cluster, rootfs);
    }
    if (extraImage != null) {
      b.image(extraImage, extraRootfs);
    }
    return new TestRig(more.apply(b), rootfs, root);
  }

  /** The network namespace of a port the rig made. */
  String namespaceOf(dev.stackwright.spi.Observed port) {
    return new dev.stackwright.nodes.internal.Names(stateRoot).portNamespace(port.spec().name(), port.cloudId());
  }

  /**
   * Removes everything, then fails naming whatever is left on the host ({@link NothingLeft}). The state root goes
   * too, unless something is still mounted under it (walking into a mounted overlay is not a way to clean it).
   */
  @Override
  public void close() throws IOException {
    try {
      nodes.removeAll();
      NothingLeft.assertNothingLeft(stateRoot);
    } finally {
      if (NothingLeft.mountsUnder(stateRoot).isEmpty()) {
        try (var files = Files.walk(stateRoot)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }
}
