package dev.stackwright.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a running server is given in place of a new boot, in this order: its {@code files} written (every one to a
 * temporary file first, then each renamed over the old, so none is half-written), its {@code commands} run one after
 * another (a daemon-reload, the reload or restart of the units that own the files, a redeploy's steps), a reboot when
 * {@code reboot}, then its {@code checks} until each passes. On success the backend records {@code given}'s digests and
 * metadata with the server, so the next observation shows what the node now has and the next plan is empty.
 *
 * <p>When a command or check fails, the backend puts the files it replaced back (and removes the ones it added), runs
 * {@code revert} (the same reloads and restarts, so the units run the old files again), records nothing, and throws
 * {@link BackendException} naming the step and its output: the node is as it was, and the next plan offers the same
 * update again.
 *
 * @param server the server's logical id
 * @param node the node's name, for messages
 * @param via the server to reach it through (the cluster's jump host), empty to reach it directly
 * @param given the server as it will be observed afterwards: its file digests, user-data digest and metadata
 */
public record NodeUpdate(ResourceId server, String node, Optional<ResourceId> via, List<NodeFile> files,
    List<NodeCommand> commands, boolean reboot, List<NodeCommand> checks, List<NodeCommand> revert,
    ServerSpec given) {
  public NodeUpdate {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(via, "via");
    files = List.copyOf(files);
    commands = List.copyOf(commands);
    checks = List.copyOf(checks);
    revert = List.copyOf(revert);
    Objects.requireNonNull(given, "given");
    if (server.kind() != ResourceKind.SERVER || !given.id().equals(server)) {
      throw new IllegalArgumentException("a node update is for a server, given as itself: " + server + ", "
          + given.id());
    }
    if (via.filter(server::equals).isPresent()) {
      throw new IllegalArgumentException(server + " cannot be reached through itself");
    }
  }

  /** The command named {@code name}, such as {@code reload nginx}. */
  public Optional<NodeCommand> command(String name) {
    return commands.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
