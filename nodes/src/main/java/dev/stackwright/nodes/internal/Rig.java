package dev.stackwright.nodes.internal;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.Holdings;
import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.References;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.model.Ipv4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The rig's resources: state on disk, made real on the host. Every check and state change happens under this
 * object's lock; a server's boot and stop happen outside it, so nodes boot in parallel. Thread-safe.
 */
public final class Rig {
  /** In a port's host facts while it is being made: its maker ({@link Maker}); gone once the port is whole. */
  static final String PENDING = "pending-maker";
  private final StateStore store;
  private final Names names;
  private final Network network;
  private final Catalogue catalogue;
  private final Servers servers;
  private final Serving serving;

  /** {@code www} is served over HTTP and {@code gitRoot}'s bare repositories by git daemon, on the bridge address. */
  public Rig(Path stateRoot, Catalogue catalogue, Path www, Path gitRoot) {
    this.store = new StateStore(stateRoot);
    this.names = new Names(stateRoot);
    this.catalogue = catalogue;
    this.network = new Network(names, catalogue.bridgeAddress(), catalogue.network().prefixLength());
    this.servers = new Servers(this, store, new Containers(names), catalogue);
    this.serving = new Serving(names, stateRoot, catalogue.bridgeAddress(), www, gitRoot);
  }

  public Names names() {
    return names;
  }

  /** Day two: the cluster's servers read, reached, booted again. */
  public DayTwo dayTwo() {
    return new DayTwo(this, store, servers);
  }

  /** Everything of {@code cluster}'s, as the host has it now. */
  public synchronized List<Observed> observe(String cluster) {
    List<Entry> all = real();
    Holdings<Entry> ownership = Ownership.of(cluster, all);
    return all.stream().map(ownership::observe).flatMap(Optional::stream).toList();
  }

  /** Each of {@code cluster}'s servers as it is inside: cloud-init, the steps, its services, its stand-ins. */
  public List<dev.stackwright.nodes.NodeHealth> health(String cluster) {
    List<Entry> mine;
    synchronized (this) {
      Holdings<Entry> ownership = Ownership.of(cluster, store.all());
      mine = store.all().stream().filter(e -> e.spec() instanceof ServerSpec && ownership.owns(e)).toList();
    }
    return mine.stream().map(e -> {
      long pid = Long.parseLong(e.host().getOrDefault("pid", "0"));
      Optional<Long> leader = pid > 0 && Containers.alive(pid, e.host().get("machine"))
          ? Containers.leader(pid) : Optional.empty();
      return Health.of(e.spec().name(), store.dir(e.cloudId()).resolve("merged"), leader);
    }).toList();
  }

  /** The state, checked against the host: a port whose namespace is gone is forgotten; a dead server is in ERROR. */
  private List<Entry> real() {
    List<Entry> out = new java.util.ArrayList<>();
    for (Entry e : store.all()) {
      if (e.host().containsKey(PENDING)) {
        removeIfAbandoned(e);
        continue;
      }
      if (e.spec() instanceof PortSpec && !Network.namespaceExists(e.host().getOrDefault("netns", ""))) {
        store.forget(e.cloudId());
        continue;
      }
      out.add(e.spec() instanceof ServerSpec ? servers.real(e) : e);
    }
    return out;
  }

  public Observed create(String cluster, ResourceSpec spec, References refs) {
    if (spec instanceof ServerSpec s) {
      return servers.create(cluster, s, resolve(spec, refs));
    }
    synchronized (this) {
      Set<String> refIds = resolve(spec, refs);
      String cloudId = UUID.randomUUID().toString();
      Map<String, String> facts = new HashMap<>();
      Map<String, String> host = new HashMap<>();
      if (spec instanceof KeypairSpec k) {
        requireNameFree(k);
      } else if (spec instanceof PortSpec p) {
        makePort(new Entry(cloudId, Optional.of(cluster), Optional.of(spec.id()), p, facts, host, refIds), facts,
            host);
      } else if (Networks.isRecord(spec)) {
        Networks.check(spec, catalogue);
      } else if (!(spec instanceof SecurityGroupSpec || spec instanceof ServerGroupSpec)) {
        throw new BackendException(Reason.REFUSED, spec.id(), "the nodes backend makes no " + spec.id().kind().id()
            + " (one machine has no external network)");
      }
      Entry e = new Entry(cloudId, Optional.of(cluster), Optional.of(spec.id()), spec, facts, host, refIds);
      store.put(e);
      enforce(spec.id());
      return observed(e);
    }
  }

  public synchronized Observed update(String cluster, Observed current, ResourceSpec desired, References refs) {
    Entry e = store.get(current.cloudId()).filter(x -> x.ownedBy(cluster)).orElseThrow(() -> new BackendException(
        Reason.GONE, desired.id(), "is gone from the rig (cloud id " + current.cloudId() + "); plan again"));
    if (!(desired instanceof PortSpec || desired instanceof SecurityGroupSpec || Networks.isRecord(desired))) {
      throw new BackendException(Reason.REFUSED, desired.id(), "a " + desired.id().kind().id()
          + " cannot be changed in place; it must be replaced");
    }
    if (Networks.isRecord(desired)) {
      Networks.check(desired, catalogue);
    }
    Set<String> refIds = resolve(desired, refs);
    if (desired instanceof PortSpec p) {
      PortSpec had = (PortSpec) e.spec();
      if (!had.network().equals(p.network())) {
        throw new BackendException(Reason.REFUSED, p.id(), "a port cannot move from network " + had.network()
            + " to " + p.network() + "; it must be replaced");
      }
      Ports.check(p, catalogue, store.all(), e.cloudId());
      network.setAddresses(e.host().get("netns"), had.fixedIps(), p.fixedIps());
    }
    Entry updated = e.with(desired, refIds);
    store.put(updated);
    enforce(desired.id());
    return observed(updated);
  }

  public void delete(String cluster, Observed current) {
    Entry e;
    synchronized (this) {
      e = store.get(current.cloudId()).orElse(null);
      if (e == null) {
        return;
      }
      if (!Ownership.of(cluster, store.all()).owns(e)) {
        throw new BackendException(Reason.REFUSED, current.id(), "cloud id " + current.cloudId()
            + " does not carry cluster " + cluster + "'s marker; it is not ours to delete");
      }
      requireUnused(e, current.id());
      if (!(e.spec() instanceof ServerSpec)) {
        remove(e);
        return;
      }
    }
    servers.delete(e);
  }

  /** Removes a resource that is no server from the host and the state; under the lock. */
  private void remove(Entry e) {
    if (e.spec() instanceof PortSpec) {
      network.removePort(e.host().get("netns"), e.cloudId());
    }
    store.forget(e.cloudId());
    if (e.spec() instanceof SecurityGroupSpec) {
      dropRulesNaming(e);
    }
    removeDirectory(e.cloudId());
    enforce(e.spec().id());
    tidyWhenUnused();
  }

  /**
   * The rig's own parts go with the last resource that needs them, so that a destroy leaves nothing on the host:
   * the bridge's namespace (with its mirror and git servers) with the last port, the cgroup parents with the last
   * server. The next port or server makes them again. Under the lock.
   */
  void tidyWhenUnused() {
    List<Entry> all = store.all();
    if (all.stream().noneMatch(o -> o.spec() instanceof PortSpec)) {
      serving.stop();
      network.removeBridge();
    }
    if (all.stream().noneMatch(o -> o.spec() instanceof dev.stackwright.spi.ServerSpec)) {
      new Containers(names).removeCgroupParents();
    }
  }

  /** Sets every port's firewall from the groups as they are now; under the lock. */
  private void enforce(ResourceId changed) {
    if (changed.kind() != ResourceKind.PORT && changed.kind() != ResourceKind.SECURITY_GROUP) {
      return;
    }
    try {
      Firewall.applyAll(store.all().stream().filter(e -> !e.host().containsKey(PENDING)).toList());
    } catch (Host.CommandFailed e) {
      throw new BackendException(Reason.REFUSED, changed, "the security groups could not be enforced: "
          + e.getMessage());
    }
  }

  void removeDirectory(String cloudId) {
    Host.run(List.of("rm", "-rf", "--one-file-system", store.dir(cloudId).toString()), null, Duration.ofSeconds(60));
  }

  /** As Neutron: what still refers to a resource keeps it, but a server (it loses the port) and another group. */
  private void requireUnused(Entry e, ResourceId id) {
    for (Entry other : store.all()) {
      if (other != e && other.refs().contains(e.cloudId()) && !(other.spec() instanceof ServerSpec)
          && !(other.spec() instanceof SecurityGroupSpec && e.spec() instanceof SecurityGroupSpec)) {
        throw new BackendException(Reason.CONFLICT, id, e.spec().name() + " is in use by " + other.spec().name()
            + " (" + other.cloudId() + ")");
      }
    }
  }

  /** As Neutron: the rules of other groups that name a deleted group go with it. */
  private void dropRulesNaming(Entry group) {
    for (Entry other : store.all()) {
      if (other.spec() instanceof SecurityGroupSpec g && other.refs().contains(group.cloudId())) {
        Set<String> refs = new LinkedHashSet<>(other.refs());
        refs.remove(group.cloudId());
        SecurityGroupSpec without = group.id().map(id -> g.withoutRulesNaming(Set.of(id))).orElse(g);
        store.put(other.with(without, refs));
      }
    }
  }

  /**
   * Makes a port's namespace. Its state is written first, pending, naming the namespace and this process as its
   * maker: a kill half-way leaves a state the next observation finds and removes, never a namespace nothing names.
   */
  private void makePort(Entry intent, Map<String, String> facts, Map<String, String> host) {
    PortSpec p = (PortSpec) intent.spec();
    String cloudId = intent.cloudId();
    Ports.check(p, catalogue, store.all(), null);
    String ns = names.portNamespace(p.name(), cloudId);
    host.put("netns", ns);
    store.put(new Entry(cloudId, intent.cluster(), intent.id(), p, Map.of(), Map.of("netns", ns, PENDING,
        Maker.current()), intent.refs()));
    try {
      facts.put(Observed.Facts.MAC, network.addPort(ns, cloudId, p.sortedFixedIps()));
      serving.ensure();
    } catch (Host.CommandFailed | java.io.UncheckedIOException e) {
      network.removePort(ns, cloudId);
      store.forget(cloudId);
      removeDirectory(cloudId);
      throw new BackendException(Reason.REFUSED, p.id(), "cannot make its namespace " + ns + " or serve the rig's"
          + " mirror and git repositories: " + e.getMessage());
    }
  }

  /** A port whose making a process that ended left pending: its namespace and state go. Under the lock. */
  private void removeIfAbandoned(Entry e) {
    if (Maker.elsewhere(e.host().get(PENDING))) {
      return; // another process is making it now
    }
    network.removePort(e.host().getOrDefault("netns", ""), e.cloudId());
    store.forget(e.cloudId());
    removeDirectory(e.cloudId());
  }

  private void requireNameFree(KeypairSpec k) {
    if (store.all().stream().anyMatch(e -> e.spec() instanceof KeypairSpec o && o.name().equals(k.name()))) {
      throw new BackendException(Reason.CONFLICT, k.id(), "a keypair named " + k.name() + " already exists");
    }
  }

  /** The cloud ids of what {@code spec} refers to, each of which must be in the state. */
  synchronized Set<String> resolve(ResourceSpec spec, References refs) {
    Set<String> out = new LinkedHashSet<>();
    for (ResourceId d : spec.dependsOn()) {
      String cloudId = refs.require(d);
      if (store.get(cloudId).isEmpty()) {
        throw new BackendException(Reason.DEPENDENCY, spec.id(), d + " (cloud id " + cloudId
            + ") is not on the rig; it must be created first");
      }
      out.add(cloudId);
    }
    return out;
  }

  synchronized Optional<Entry> entry(String cloudId) {
    return store.get(cloudId);
  }

  synchronized List<Entry> entries() {
    return store.all();
  }

  synchronized void put(Entry e) {
    store.put(e);
  }

  static Observed observed(Entry e) {
    return new Observed(e.spec().id(), e.cloudId(), e.spec(), e.facts());
  }

  // ---- made by hand (no marker), for tests, and everything at once ----

  public synchronized String addForeignPort(String name, String networkName, Ipv4Address address) {
    PortSpec p = new PortSpec(ResourceId.of(ResourceKind.PORT, "foreign"), name, networkName, Set.of(address),
        Set.of());
    String cloudId = UUID.randomUUID().toString();
    Map<String, String> facts = new HashMap<>();
    Map<String, String> host = new HashMap<>();
    Set<String> refs = Networks.madeUnder(networkName, store.all()); // on a made network's subnet, as Neutron's
    makePort(new Entry(cloudId, Optional.empty(), Optional.empty(), p, facts, host, refs), facts, host);
    store.put(new Entry(cloudId, Optional.empty(), Optional.empty(), p, facts, host, refs));
    enforce(p.id());
    return cloudId;
  }

  public synchronized String addForeignSecurityGroup(String name) {
    String cloudId = UUID.randomUUID().toString();
    store.put(new Entry(cloudId, Optional.empty(), Optional.empty(), new SecurityGroupSpec(ResourceId.of(
        ResourceKind.SECURITY_GROUP, "foreign"), name, "made by hand", List.of()), Map.of(), Map.of(), Set.of()));
    return cloudId;
  }

  /** Removes a resource made by hand (one without a marker); what is gone already is no error. */
  public synchronized void removeByHand(String cloudId) {
    store.get(cloudId).filter(e -> e.cluster().isEmpty()).ifPresent(this::remove);
  }

  public synchronized boolean exists(String cloudId) {
    return store.get(cloudId).isPresent();
  }

  /** Stops every container, removes every port, the bridge, the cgroups and the state: whatever cluster. */
  public void removeAll() {
    for (Entry e : entries()) {
      if (e.spec() instanceof ServerSpec) {
        servers.delete(e);
      }
    }
    synchronized (this) {
      for (Entry e : store.all()) {
        remove(e);
      }
      serving.stop();
      network.removeBridge();
      new Containers(names).removeCgroupParents();
    }
  }
}
