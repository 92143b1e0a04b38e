package dev.stackwright.openstack.internal;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.Capabilities;
import dev.stackwright.spi.Created;
import dev.stackwright.spi.NodeOperation;
import dev.stackwright.spi.NodeUpdate;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.References;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.List;
import java.util.Optional;

/**
 * The engine's backend calls on OpenStack: observation through {@link Observer}, changes through {@link Applier},
 * failures as {@link dev.stackwright.spi.BackendException}s. Thread-safe: the client's session starts every call
 * on every thread from the same token.
 */
public final class CloudBackend {
  /**
   * Ports per bulk create: 33 new ports (the seed with 30 workers) go in one request; a bigger cluster's in a few,
   * each small enough to stay well inside a read timeout on a busy cloud.
   */
  public static final int PORTS_PER_REQUEST = 50;
  /**
   * Servers booted and waited for together: 33 new servers are all in Nova's hands at once and their wait costs one
   * list request a poll; a bigger cluster's go in a few such batches.
   */
  public static final int SERVERS_PER_BATCH = 50;
  /**
   * Security groups per batch: a cluster's groups (one per kind of host) go in one request, their tags several at a
   * time, and the rules of them all in one more; the rules naming other new groups in one request after.
   */
  public static final int GROUPS_PER_BATCH = 50;
  private final CloudClient client;
  private final Observer observer;
  private final Applier applier;
  private final RunningServers running;
  private final int parallelism;
  private final int portsPerRequest;
  private final int serversPerBatch;
  private final Optional<Reconfigures> reconfigures;

  public CloudBackend(CloudClient client, int parallelism, int portsPerRequest, int serversPerBatch) {
    this(client, parallelism, portsPerRequest, serversPerBatch, Optional.empty());
  }

  /** {@code ssh}: how running servers are reached to be given new files; none, and they are not. */
  public CloudBackend(CloudClient client, int parallelism, int portsPerRequest, int serversPerBatch,
      Optional<Reconfigures.Settings> ssh) {
    this.client = client;
    this.observer = new Observer(client);
    this.applier = new Applier(client, parallelism);
    this.running = new RunningServers(client);
    this.parallelism = parallelism;
    this.portsPerRequest = portsPerRequest;
    this.serversPerBatch = serversPerBatch;
    this.reconfigures = ssh.map(settings -> new Reconfigures(settings, running));
  }

  public Capabilities capabilities() {
    Capabilities caps = Capabilities.full(parallelism).batching(ResourceKind.SECURITY_GROUP, GROUPS_PER_BATCH)
        .changingNodes(NodeOperation.REBUILD);
    if (reconfigures.isPresent()) {
      caps = caps.changingNodes(NodeOperation.RECONFIGURE);
    }
    if (portsPerRequest > 1) {
      caps = caps.batching(ResourceKind.PORT, portsPerRequest);
    }
    // servers in batches are booted by ServerBuilds, which paces strict anti-affinity groups itself
    return serversPerBatch > 1 ? caps.batching(ResourceKind.SERVER, serversPerBatch).pacingStrictGroups() : caps;
  }

  public Observation observe(String cluster) {
    return Failures.translated(null, () -> observer.observe(cluster));
  }

  /** The existing network by name, as {@link Lookups#describeNetwork} reads it. */
  public Optional<dev.stackwright.spi.ExistingNetwork> describeNetwork(String name) {
    return Failures.translated(null, () -> client.lookups().describeNetwork(name, Optional.empty()));
  }

  /** By observing the cluster: used only before a create whose first answer was lost, so its cost is rare. */
  public Optional<Observed> find(String cluster, ResourceId id) {
    return observe(cluster).get(id);
  }

  public Observed create(String cluster, ResourceSpec spec, References refs) {
    return Failures.translated(spec.id(), () -> applier.create(cluster, spec, refs));
  }

  /**
   * Ports in bulk ({@link Applier#createPorts}), security groups too ({@link Applier#createSecurityGroups}), servers
   * together ({@link Applier#createServers}); anything else one after another.
   */
  public List<Created> createAll(String cluster, List<ResourceSpec> specs, References refs) {
    if (!specs.isEmpty() && specs.stream().allMatch(s -> s instanceof SecurityGroupSpec)) {
      return applier.createSecurityGroups(cluster, specs.stream().map(SecurityGroupSpec.class::cast).toList(), refs);
    }
    if (!specs.isEmpty() && specs.stream().allMatch(s -> s instanceof PortSpec)) {
      return applier.createPorts(cluster, specs.stream().map(PortSpec.class::cast).toList(), refs);
    }
    if (!specs.isEmpty() && specs.stream().allMatch(s -> s instanceof ServerSpec)) {
      return applier.createServers(cluster, specs.stream().map(ServerSpec.class::cast).toList(), refs);
    }
    return Created.oneByOne(specs, spec -> create(cluster, spec, refs));
  }

  /** New security groups linked together ({@link Applier#updateSecurityGroups}). */
  public List<Created> updateGroups(String cluster, List<Observed> current, List<SecurityGroupSpec> desired,
      References refs) {
    return applier.updateSecurityGroups(cluster, current, desired, refs);
  }

  public Observed update(String cluster, Observed current, ResourceSpec desired, References refs) {
    return Failures.translated(desired.id(), () -> applier.update(cluster, current, desired, refs));
  }

  public void delete(String cluster, Observed current) {
    Failures.translated(current.id(), () -> applier.delete(cluster, current));
  }

  /** Nova's rebuild with new user-data (compute microversion 2.57), then the new digests in its metadata. */
  public Observed rebuild(String cluster, Observed current, ServerSpec desired, References refs) {
    return Failures.translated(desired.id(), () -> running.rebuild(cluster, current, desired, refs));
  }

  /**
   * The update over SSH (addresses from one observation of the cluster), then its digests in Nova's metadata.
   * REFUSED without an SSH key.
   */
  public Observed reconfigure(String cluster, Observed server, NodeUpdate update) {
    Reconfigures r = reconfigures.orElseThrow(() -> new BackendException(BackendException.Reason.REFUSED,
        server.id(), "the OpenStack backend has no SSH key to change running server " + server.spec().name()
        + "; build it with sshKey(PRIVATE_KEY_FILE) or set STACKWRIGHT_SSH_KEY, the private half of the cluster's"
        + " keypair"));
    Observation seen = observe(cluster);
    return Failures.translated(server.id(), () -> r.reconfigure(seen, server, update));
  }

  /** The last lines of the server's console log (Nova's os-getConsoleOutput); empty when Nova has none. */
  public Optional<String> consoleOutput(Observed server) {
    return Failures.translated(server.id(), () -> running.consoleOutput(server));
  }
}
