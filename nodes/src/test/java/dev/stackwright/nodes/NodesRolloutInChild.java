package dev.stackwright.nodes;

import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Cluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process {@link NodesRolloutKillIT} kills mid-rollout: the engine's apply of the probe cluster with its new
 * text, over the rig's state root, with the servers' key, as a second process of the user would run it.
 *
 * <pre>java -cp ... dev.stackwright.nodes.NodesRolloutInChild STATE_ROOT ROOTFS KEY CLUSTER PROBES TEXT</pre>
 */
public final class NodesRolloutInChild {
  private NodesRolloutInChild() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 6) {
      System.err.println("usage: NodesRolloutInChild STATE_ROOT ROOTFS KEY CLUSTER PROBES TEXT");
      System.exit(2);
    }
    Path root = Path.of(args[0]);
    Path rootfs = Path.of(args[1]);
    Path key = Path.of(args[2]);
    Cluster cluster = ProbeCluster.named(args[3]).probes(Integer.parseInt(args[4]), args[5]).build();
    NodesBackend nodes = NodesBackend.builder().stateRoot(root).network("internal", "10.0.0.0/16")
        .flavor("hpc", 2, 8192).image("debian-12", rootfs).gitRoot(root.resolve("git")).catalogueOf(cluster, rootfs)
        .sshKey(key).build();
    ApplyResult applied = engine(nodes, key).apply(cluster);
    System.out.println(applied.summary());
    System.exit(applied.succeeded() ? 0 : 1);
  }

  /**
   * The engine the ITs of the probe cluster use over {@code nodes}, whose keypair is {@code key}'s public half; its
   * health checks get 30 s, which the probe's service passes in 2 (a check that can never pass costs no more).
   */
  static Engine engine(NodesBackend nodes, Path key) throws IOException {
    return Engine.builder().backend(nodes).renderer(Topologies.renderer()).serverGroupPolicy("soft-anti-affinity")
        .checkTimeout(java.time.Duration.ofSeconds(30)).publicKey(Files.readString(Path.of(key + ".pub"))).build();
  }
}
