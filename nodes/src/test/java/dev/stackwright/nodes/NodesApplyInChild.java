package dev.stackwright.nodes;

import dev.stackwright.cli.Cli;
import dev.stackwright.engine.Topologies;
import java.io.ByteArrayInputStream;

/**
 * The process {@link NodesCrashIT} kills: the command line's {@code apply --yes --backend nodes} of the crash
 * cluster, with the state root and rootfs from this process's environment, exactly as a user would run it.
 *
 * <pre>STACKWRIGHT_NODES_STATE=DIR STACKWRIGHT_NODES_ROOTFS=DIR java -cp ... dev.stackwright.nodes.NodesApplyInChild
 *     CLUSTER</pre>
 */
public final class NodesApplyInChild {
  private NodesApplyInChild() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: NodesApplyInChild CLUSTER");
      System.exit(2);
    }
    System.exit(NodesCrashIT.cli(args[0], System.getenv(), System.out).run(NodesCrashIT.applyArgs()));
  }

  /** Never read: keeps the child's stdin closed the same way as the test's own command line. */
  static ByteArrayInputStream nothing() {
    return new ByteArrayInputStream(new byte[0]);
  }
}
