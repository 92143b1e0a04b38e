package dev.stackwright.nodes;

import dev.stackwright.engine.Backend;
import dev.stackwright.engine.BackendContract;
import dev.stackwright.engine.Observed;
import dev.stackwright.engine.OwnershipContract;
import dev.stackwright.engine.ResourceSpec;
import dev.stackwright.engine.ServerSpec;
import dev.stackwright.model.Ipv4Address;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * The backend contract on real nodes: containers booted from the base rootfs that {@code STACKWRIGHT_NODES_ROOTFS}
 * (or the system property {@code stackwright.nodes.rootfs}) names, default the image build's
 * {@value #DEFAULT_ROOTFS}. Without root, systemd-nspawn or that rootfs it is skipped, saying which; under CI
 * ({@code CI=true}) it fails instead. Everything it made is removed after it, also when it fails.
 */
@Tag("integration")
class NodesContractIT extends OwnershipContract {
  static final String DEFAULT_ROOTFS = "/var/lib/stackwright-rig/images/current/rootfs";
  private static NodesBackend nodes;
  private static Path stateRoot;
  private final List<String> byHand = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void boot() throws IOException {
    Path rootfs = Path.of(Optional.ofNullable(System.getenv("STACKWRIGHT_NODES_ROOTFS"))
        .orElse(System.getProperty("stackwright.nodes.rootfs", DEFAULT_ROOTFS)));
    Optional<String> missing = NodesBackend.Requirements.missing().or(() -> Files.isDirectory(rootfs.resolve("etc"))
        ? Optional.empty() : Optional.of("no base rootfs at " + rootfs + "; build one (nodes/rig/image.sh build) or"
        + " name one with STACKWRIGHT_NODES_ROOTFS"));
    if (missing.isPresent()) {
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail("the nodes contract must run under CI, but " + missing.get());
      }
      Assumptions.abort("the nodes contract is skipped: " + missing.get());
    }
    stateRoot = Files.createTempDirectory("stackwright-nodes-it-");
    nodes = NodesBackend.builder().stateRoot(stateRoot).network("internal", "10.0.0.0/16").flavor("hpc", 2, 8192)
        .image("debian-12", rootfs).build();
  }

  @AfterAll
  static void removeEverything() throws IOException {
    if (nodes != null) {
      nodes.removeAll();
    }
    if (stateRoot != null) {
      try (var files = Files.walk(stateRoot)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Override
  protected Backend backend() {
    return nodes;
  }

  @Override
  protected String block() {
    return "10.0.231";
  }

  /** One machine: a strict anti-affinity group holds one server. */
  @Override
  protected int hypervisors() {
    return 1;
  }

  /** Each server's boot time, for the figures. */
  @Override
  protected Observed create(ResourceSpec spec) {
    Observed o = super.create(spec);
    if (spec instanceof ServerSpec) {
      System.out.println("[nodes] " + spec.name() + ": " + o.fact(Observed.Facts.STATUS).orElse("?") + " after "
          + o.fact("boot-seconds").orElse("?") + " s");
    }
    return o;
  }

  @Override
  protected Optional<BackendContract.ByHand> byHand() {
    return Optional.of(new BackendContract.ByHand() {
      @Override
      public String port(String name, String network, Ipv4Address address) {
        String id = nodes.addForeignPort(name, network, address);
        byHand.add(id);
        return id;
      }

      @Override
      public String securityGroup(String name) {
        String id = nodes.addForeignSecurityGroup(name);
        byHand.add(id);
        return id;
      }

      @Override
      public boolean exists(String cloudId) {
        return nodes.exists(cloudId);
      }

      @Override
      public void cleanUp() {
        byHand.forEach(nodes::removeByHand);
        byHand.clear();
      }
    });
  }
}
