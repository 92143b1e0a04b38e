package dev.stackwright.memory;

import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.Capabilities;
import dev.stackwright.spi.Created;
import dev.stackwright.spi.ExistingNetwork;
import dev.stackwright.spi.Holdings;
import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.NodeOperation;
import dev.stackwright.spi.NodeUpdate;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.References;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.model.Cluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A cloud in memory that behaves like OpenStack where it matters to a plan: cloud ids, ports with fixed addresses on
 * a network (a taken address is a conflict), MACs, security groups and rules, keypairs, anti-affinity server groups
 * on a number of hypervisors, servers that go BUILD (their port not bound yet) then ACTIVE (or ERROR when no
 * hypervisor is left), quotas, conflicts when deleting what is in use, resources that are not ours, injected faults
 * and latency. Each instance is a separate cloud; thread-safe.
 *
 * <p>A cloud lives in this process, unless it is kept in a file ({@link #keptIn}, or
 * {@link InMemoryCloudBuilder#keptIn}): then it starts from what the file holds and writes every change to it before
 * the call that made the change returns, so the next process observes the same resources (cloud ids, addresses,
 * MACs). It holds the file's lock until {@link #close}: a second process opening it is refused.
 *
 * <pre>{@code
 * InMemoryCloud cloud = InMemoryCloud.forCluster(cluster);          // its flavours, images and networks
 * InMemoryCloud small = InMemoryCloud.builder().flavor("m1", 1, 512).image("debian").instances(2).build();
 * try (InMemoryCloud kept = InMemoryCloud.keptIn(Path.of(".stackwright/seed/memory-cloud.json"), cluster)) {
 *   Engine.builder().backend(kept).build().apply(cluster);          // the next run finds what this one made
 * }
 * }</pre>
 */
public final class InMemoryCloud implements Backend, AutoCloseable {
  private final Map<String, CloudEntry> entries = new LinkedHashMap<>();
  private final CloudRules rules;
  private final ForeignResources foreign;
  private final Calls calls;
  private final Deletion deletion;
  private final Hypervisors hypervisors;
  private final Duration buildTime;
  private final int parallelism;
  private final Map<ResourceKind, Integer> batchSizes;
  private final RunningServers running = new RunningServers();
  private final Optional<StateFile> kept;

  /** A cloud made by {@code b}, kept in {@code kept} if present, holding {@code state} (what the file held). */
  InMemoryCloud(InMemoryCloudBuilder b, Optional<StateFile> kept, Optional<CloudState> state) {
    this.kept = kept;
    this.rules = b.rules(state);
    this.foreign = new ForeignResources(entries, rules);
    this.deletion = new Deletion(entries);
    this.calls = new Calls(b.latency);
    this.hypervisors = new Hypervisors(b.hypervisors);
    this.buildTime = b.buildTime;
    this.parallelism = b.parallelism;
    this.batchSizes = Map.copyOf(b.batchSizes);
    state.ifPresent(this::resume);
  }

  /**
   * Takes the file's entries and counters. A server the file has in BUILD was booting when its process ended; the
   * cloud went on without it, as a real one does, so it is placed now (ACTIVE, or ERROR with no hypervisor left).
   */
  private synchronized void resume(CloudState state) {
    rules.resume(state);
    state.entries().forEach(e -> entries.put(e.cloudId(), e));
    if (hypervisors.placeAllBuilding(entries)) {
      saved();
    }
  }

  /**
   * The cloud {@link #forCluster} makes, kept in {@code file}: it starts from what the file holds (when there is one)
   * and writes every change to it, atomically; holds the file's lock until {@link #close}. Refuses, naming the file
   * and the fix, a file another process holds, a corrupt one, and one of a newer format: it never starts over on its
   * own.
   */
  public static InMemoryCloud keptIn(Path file, Cluster cluster) {
    return InMemoryCloudBuilder.forCluster(cluster).keptIn(file).build();
  }

  /** The file this cloud is kept in; empty for a cloud that lives in this process only. */
  public Optional<Path> stateFile() {
    return kept.map(StateFile::path);
  }

  /** Releases a kept cloud's file for another process; it cannot change after that. Nothing for one in memory. */
  @Override
  public void close() {
    kept.ifPresent(StateFile::close);
  }

  /** Writes a kept cloud's state; called under the cloud's lock after each change. */
  private void saved() {
    kept.ifPresent(f -> f.save(rules.state(List.copyOf(entries.values())).toJson()));
  }

  public static InMemoryCloudBuilder builder() {
    return new InMemoryCloudBuilder();
  }

  /**
   * A cloud that has what {@code cluster} names (its flavours, images, internal and external networks) and room for
   * it: a hypervisor for each VM of its largest host kind (at least the default 4), so that strict anti-affinity
   * places them all, and quotas that hold every VM twice over (a replacement is made before the old server goes).
   */
  public static InMemoryCloud forCluster(Cluster cluster) {
    return InMemoryCloudBuilder.forCluster(cluster).build();
  }

  @Override
  public String name() {
    return "memory";
  }

  /** Its addresses are its own records: nothing answers at them. */
  @Override
  public Optional<String> addressNote() {
    return Optional.of("in-memory cloud: addresses are not reachable");
  }

  @Override
  public Capabilities capabilities() {
    Capabilities caps = Capabilities.full(parallelism).changingNodes(NodeOperation.RECONFIGURE, NodeOperation.REBUILD);
    if (kept.isEmpty()) {
      caps = caps.livingInThisProcess();
    }
    for (Map.Entry<ResourceKind, Integer> e : batchSizes.entrySet()) {
      caps = caps.batching(e.getKey(), e.getValue());
    }
    return caps;
  }

  /** Adds a fault to matching calls; see {@link Fault}. */
  public void inject(Fault fault) {
    calls.inject(fault);
  }

  /** How many times {@code operation} (observe, find, create, createAll, update, delete) was called. */
  public int calls(String operation) {
    return calls.count(operation);
  }

  // ---- the SPI ----

  /** A pre-made network as the builder described it; empty for one given by its range alone, or none. */
  @Override
  public Optional<ExistingNetwork> describeNetwork(String name) {
    calls.call("describeNetwork", null);
    return rules.described(name);
  }

  @Override
  public Observation observe(String cluster) {
    calls.call("observe", null);
    List<Observed> found = new ArrayList<>();
    synchronized (this) {
      entries.values().stream().map(holdings(cluster)::observe).flatMap(Optional::stream).forEach(found::add);
    }
    return Observation.of(cluster, found);
  }

  @Override
  public Optional<Observed> find(String cluster, ResourceId id) {
    calls.call("find", id);
    synchronized (this) {
      return entries.values().stream().map(holdings(cluster)::observe).flatMap(Optional::stream)
          .filter(o -> o.id().equals(id)).findFirst();
    }
  }

  @Override
  public Observed create(String cluster, ResourceSpec spec, References refs) {
    Fault.Kind fault = calls.call("create", spec.id());
    Observed made;
    synchronized (this) {
      Set<String> refIds = new LinkedHashSet<>();
      spec.dependsOn().forEach(d -> refIds.add(refs.require(d)));
      Map<String, String> facts = new HashMap<>();
      rules.check(spec, facts, null, entries.values());
      CloudRules.checkReachable(spec, refIds, entries.values());
      String cloudId = UUID.randomUUID().toString();
      if (spec instanceof ServerSpec) {
        facts.put(Observed.Facts.STATUS, "BUILD");
      }
      CloudEntry e = new CloudEntry(cloudId, Optional.of(cluster), Optional.of(spec.id()), CloudEntry.stored(spec),
          facts, refIds);
      entries.put(cloudId, e);
      saved();
      made = e.observed();
    }
    if (spec instanceof ServerSpec) {
      made = boot(made);
    }
    Calls.throwIfLost(fault, spec.id(), "; the create may have happened");
    return made;
  }

  /** One call, counted as {@code createAll}, then each resource as by {@link #create}, faults and all. */
  @Override
  public List<Created> createAll(String cluster, List<ResourceSpec> specs, References refs) {
    calls.call("createAll", null);
    return Backend.super.createAll(cluster, specs, refs);
  }

  /** One call, counted as {@code updateAll}, then each group as by {@link #update}, faults and all. */
  @Override
  public List<Created> updateAll(String cluster, List<Observed> current, List<ResourceSpec> desired,
      References refs) {
    calls.call("updateAll", null);
    return Backend.super.updateAll(cluster, current, desired, refs);
  }

  @Override
  public Observed update(String cluster, Observed current, ResourceSpec desired, References refs) {
    Fault.Kind fault = calls.call("update", desired.id());
    Observed after;
    synchronized (this) {
      CloudEntry e = ours(cluster, current);
      if (desired instanceof ServerSpec || desired instanceof KeypairSpec || desired instanceof ServerGroupSpec) {
        throw new BackendException(Reason.REFUSED, desired.id(), "a " + desired.id().kind().id()
            + " cannot be changed in place; it must be replaced");
      }
      Set<String> refIds = new LinkedHashSet<>();
      desired.dependsOn().forEach(d -> refIds.add(refs.require(d)));
      Map<String, String> facts = new HashMap<>(e.facts());
      rules.check(desired, facts, e.cloudId(), entries.values());
      CloudEntry updated = new CloudEntry(e.cloudId(), e.cluster(), e.id(), CloudEntry.stored(desired), facts, refIds);
      entries.put(e.cloudId(), updated);
      saved();
      after = updated.observed();
    }
    Calls.throwIfLost(fault, desired.id(), "");
    return after;
  }

  /** Records the update and what the server was given; a cloud in memory has no node to push to. */
  @Override
  public Observed reconfigure(String cluster, Observed server, NodeUpdate update) {
    calls.call("reconfigure", update.server());
    synchronized (this) {
      return put(running.reconfigure(ours(cluster, server), update)).observed();
    }
  }

  /** Records the rebuild; the server keeps its cloud id, port and group, and carries {@code desired}'s digests. */
  @Override
  public Observed rebuild(String cluster, Observed current, ServerSpec desired, References refs) {
    calls.call("rebuild", desired.id());
    synchronized (this) {
      return put(running.rebuild(ours(cluster, current), desired)).observed();
    }
  }

  /** Every update given to a running server, in order: what a cloud with real nodes would have pushed. */
  public List<NodeUpdate> nodeUpdates() {
    synchronized (this) {
      return running.updates();
    }
  }

  /** The servers rebuilt in place, in order. */
  public List<ResourceId> rebuilds() {
    synchronized (this) {
      return running.rebuilds();
    }
  }

  private CloudEntry ours(String cluster, Observed current) {
    CloudEntry e = entries.get(current.cloudId());
    if (e == null || !e.ownedBy(cluster)) {
      throw new BackendException(Reason.GONE, current.id(), "is gone from the cloud (cloud id "
          + current.cloudId() + "); plan again");
    }
    return e;
  }

  private CloudEntry put(CloudEntry e) {
    entries.put(e.cloudId(), e);
    saved();
    return e;
  }

  @Override
  public void delete(String cluster, Observed current) {
    Fault.Kind fault = calls.call("delete", current.id());
    synchronized (this) {
      CloudEntry e = entries.get(current.cloudId());
      if (e == null) {
        return;
      }
      if (!holdings(cluster).owns(e)) {
        throw new BackendException(Reason.REFUSED, current.id(), "cloud id " + current.cloudId()
            + " does not carry cluster " + cluster + "'s marker; it is not ours to delete");
      }
      deletion.remove(e, current.id());
      saved();
    }
    Calls.throwIfLost(fault, current.id(), "");
  }

  // ---- resources that are not ours, as a person or another tool would make them ----

  /** A port made outside stackwright, holding {@code address}, on a pre-made or made network; returns its cloud id. */
  public synchronized String addForeignPort(String name, String network, String address) {
    return foreignSaved(foreign.port(name, network, address));
  }

  /** A server made outside stackwright on a foreign port; returns its cloud id. */
  public synchronized String addForeignServer(String name, String flavor, String image, String portCloudId) {
    return foreignSaved(foreign.server(name, flavor, image, portCloudId));
  }

  /** A security group made outside stackwright; returns its cloud id. */
  public synchronized String addForeignSecurityGroup(String name) {
    return foreignSaved(foreign.securityGroup(name));
  }

  /** A keypair made outside stackwright (a keypair's name is unique, as in Nova); returns its name. */
  public synchronized String addForeignKeypair(String name, String publicKey) {
    return foreignSaved(foreign.keypair(name, publicKey));
  }

  /**
   * A server group made outside stackwright, with the servers of these cloud ids in it (ours or not, as a person
   * could boot them); returns its cloud id.
   */
  public synchronized String addForeignServerGroup(String name, String policy, String... members) {
    return foreignSaved(foreign.serverGroup(name, policy, members));
  }

  private String foreignSaved(String made) {
    saved();
    return made;
  }

  /** Whether a resource with this cloud id exists, ours or not. */
  public synchronized boolean exists(String cloudId) {
    return entries.containsKey(cloudId);
  }

  /** How many resources of {@code kind} the cloud holds, ours or not. */
  public synchronized long count(ResourceKind kind) {
    return entries.values().stream().filter(e -> e.spec().id().kind() == kind).count();
  }

  /** The servers' statuses by name, for tests and the CLI. */
  public synchronized Map<String, String> serverStatuses() {
    Map<String, String> out = new TreeMap<>();
    entries.values().stream().filter(e -> e.spec() instanceof ServerSpec)
        .forEach(e -> out.put(e.spec().name(), e.facts().get(Observed.Facts.STATUS)));
    return out;
  }

  /** Waits through BUILD, then places the server on a hypervisor (see {@link Hypervisors}). */
  private Observed boot(Observed building) {
    Calls.sleep(buildTime);
    synchronized (this) {
      CloudEntry e = entries.get(building.cloudId());
      if (e == null) {
        throw new BackendException(Reason.SERVER_FAILED, building.id(), "was deleted while it was building");
      }
      try {
        return hypervisors.place(e, building.id(), entries).observed();
      } finally {
        saved(); // ACTIVE, or ERROR with its fault
      }
    }
  }

  /** What of this cloud is {@code cluster}'s, and how it sees it. */
  private Holdings<CloudEntry> holdings(String cluster) {
    return new Holdings<>(cluster, entries.values(), CloudEntry::shown);
  }
}
