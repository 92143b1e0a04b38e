package dev.stackwright.memory;

import dev.stackwright.spi.NodeUpdate;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ServerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What the in-memory cloud's running servers were given after their boot: every {@link NodeUpdate} (so a test can
 * assert "scaling the app servers reloads nginx on the load balancer") and every rebuild, in order. A server's entry
 * then carries what it was given: the update's digests and metadata, or the rebuild's spec under the same cloud id.
 * Not thread-safe: the cloud calls it under its own lock.
 */
final class RunningServers {
  private final List<NodeUpdate> updates = new ArrayList<>();
  private final List<ResourceId> rebuilds = new ArrayList<>();

  CloudEntry reconfigure(CloudEntry e, NodeUpdate update) {
    updates.add(update);
    return with(e, update.given());
  }

  CloudEntry rebuild(CloudEntry e, ServerSpec desired) {
    rebuilds.add(desired.id());
    return with(e, desired);
  }

  /** The entry carrying {@code given}'s digests and metadata, on the port and in the group it has. */
  private static CloudEntry with(CloudEntry e, ServerSpec given) {
    ServerSpec had = (ServerSpec) e.spec();
    ServerSpec now = new ServerSpec(had.id(), had.name(), given.flavor(), given.image(), had.port(), had.keypair(),
        had.serverGroup(), "", given.userDataSha256(), given.fileDigests(), given.metadata());
    return new CloudEntry(e.cloudId(), e.cluster(), e.id(), now, e.facts(), e.refs());
  }

  List<NodeUpdate> updates() {
    return List.copyOf(updates);
  }

  List<ResourceId> rebuilds() {
    return List.copyOf(rebuilds);
  }
}
