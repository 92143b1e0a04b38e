package dev.stackwright.memory;

import dev.stackwright.engine.Backend;
import dev.stackwright.engine.BackendException;
import dev.stackwright.engine.BackendException.Reason;
import dev.stackwright.engine.Capabilities;
import dev.stackwright.engine.Created;
import dev.stackwright.engine.FloatingIpSpec;
import dev.stackwright.engine.KeypairSpec;
import dev.stackwright.engine.Observation;
import dev.stackwright.engine.Observed;
import dev.stackwright.engine.PortSpec;
import dev.stackwright.engine.References;
import dev.stackwright.engine.ResourceId;
import dev.stackwright.engine.ResourceKind;
import dev.stackwright.engine.ResourceSpec;
import dev.stackwright.engine.SecurityGroupSpec;
import dev.stackwright.engine.ServerGroupSpec;
import dev.stackwright.engine.ServerSpec;
import dev.stackwright.internal.Closest;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Flavor;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cloud in memory that behaves like OpenStack where it matters to a plan: cloud ids, ports with fixed addresses on
 * a network (a taken address is a conflict), MACs, security groups and rules, keypairs, anti-affinity server groups
 * on a number of hypervisors, servers that go BUILD (their port not bound yet) then ACTIVE (or ERROR when no
 * hypervisor is left), quotas,
 * conflicts when deleting what is in use, resources that are not ours, injected faults and latency. Each instance
 * is a separate cloud; thread-safe.
 *
 * <pre>{@code
 * InMemoryCloud cloud = InMemoryCloud.forCluster(cluster);          // its flavours, images and networks
 * InMemoryCloud small = InMemoryCloud.builder().flavor("m1", 1, 512).image("debian").instances(2).build();
 * }</pre>
 */
public final class InMemoryCloud implements Backend {
  private final Map<String, CloudEntry> entries = new LinkedHashMap<>();
  private final Map<String, Flavor> flavors;
  private final Set<String> images;
  private final Map<String, Ipv4Network> networks;
  private final Set<String> externalNetworks;
  private final int hypervisors;
  private final Duration buildTime;
  private final Duration latency;
  private final int maxInstances;
  private final int maxCores;
  private final long maxRamMb;
  private final int maxPorts;
  private final int parallelism;
  private final Map<ResourceKind, Integer> batchSizes;
  private final List<FaultState> faults = new ArrayList<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final AtomicInteger macs = new AtomicInteger();
  private final AtomicInteger floating = new AtomicInteger(10);

  private InMemoryCloud(Builder b) {
    this.flavors = Map.copyOf(b.flavors);
    this.images = Set.copyOf(b.images);
    this.networks = Map.copyOf(b.networks);
    this.externalNetworks = Set.copyOf(b.externalNetworks);
    this.hypervisors = b.hypervisors;
    this.buildTime = b.buildTime;
    this.latency = b.latency;
    this.maxInstances = b.instances;
    this.maxCores = b.cores;
    this.maxRamMb = b.ramMb;
    this.maxPorts = b.ports;
    this.parallelism = b.parallelism;
    this.batchSizes = Map.copyOf(b.batchSizes);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A cloud that has what {@code cluster} names (its flavours, images, internal and external networks) and room for
   * it: a hypervisor for each VM of its largest host kind (at least the default 4), so that strict anti-affinity
   * places them all, and quotas that hold every VM twice over (a replacement is made before the old server goes).
   */
  public static InMemoryCloud forCluster(Cluster cluster) {
    Builder b = builder().network(cluster.internalNetworkName(), cluster.network().toString());
    cluster.flavors().forEach(f -> b.flavor(f.name(), f.vcpus(), f.ramMb()));
    b.image(cluster.defaultImage());
    cluster.images().forEach(b::image);
    cluster.hosts().forEach(h -> h.image().ifPresent(b::image));
    cluster.externalNetwork().ifPresent(b::externalNetwork);
    return roomFor(cluster, b).build();
  }

  private static Builder roomFor(Cluster cluster, Builder b) {
    long vms = 0;
    long cores = 0;
    long ramMb = 0;
    int largest = 0;
    for (var h : cluster.hosts()) {
      Optional<Flavor> f = cluster.flavor(h.flavor());
      vms += h.count();
      cores += (long) h.count() * f.map(Flavor::vcpus).orElse(1);
      ramMb += (long) h.count() * f.map(Flavor::ramMb).orElse(1);
      largest = Math.max(largest, h.count());
    }
    b.hypervisors(Math.max(b.hypervisors, largest));
    b.instances(atLeast(b.instances, 2 * vms));
    b.cores(atLeast(b.cores, 2 * cores));
    b.ramMb(Math.max(b.ramMb, 2 * ramMb));
    b.ports(atLeast(b.ports, 2 * vms));
    return b;
  }

  private static int atLeast(int floor, long wanted) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(floor, wanted));
  }

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Capabilities capabilities() {
    Capabilities caps = Capabilities.full(parallelism);
    for (Map.Entry<ResourceKind, Integer> e : batchSizes.entrySet()) {
      caps = caps.batching(e.getKey(), e.getValue());
    }
    return caps;
  }

  /** Adds a fault to matching calls; see {@link Fault}. */
  public void inject(Fault fault) {
    synchronized (faults) {
      faults.add(new FaultState(fault, new AtomicInteger(fault.times())));
    }
  }

  /** How many times {@code operation} (observe, find, create, createAll, update, delete) was called. */
  public int calls(String operation) {
    return calls.getOrDefault(operation, new AtomicInteger()).get();
  }

  // ---- the SPI ----

  @Override
  public Observation observe(String cluster) {
    call("observe", null);
    List<Observed> found = new ArrayList<>();
    synchronized (this) {
      Ownership ownership = new Ownership(cluster, entries.values());
      entries.values().forEach(e -> ownership.observe(e).ifPresent(found::add));
    }
    return Observation.of(cluster, found);
  }

  @Override
  public Optional<Observed> find(String cluster, ResourceId id) {
    call("find", id);
    synchronized (this) {
      Ownership ownership = new Ownership(cluster, entries.values());
      return entries.values().stream().map(ownership::observe).flatMap(Optional::stream)
          .filter(o -> o.id().equals(id)).findFirst();
    }
  }

  @Override
  public Observed create(String cluster, ResourceSpec spec, References refs) {
    Fault.Kind fault = call("create", spec.id());
    Observed made;
    synchronized (this) {
      Set<String> refIds = new LinkedHashSet<>();
      spec.dependsOn().forEach(d -> refIds.add(refs.require(d)));
      Map<String, String> facts = new HashMap<>();
      check(spec, facts, null);
      String cloudId = UUID.randomUUID().toString();
      if (spec instanceof ServerSpec) {
        facts.put(Observed.Facts.STATUS, "BUILD");
      }
      CloudEntry e = new CloudEntry(cloudId, Optional.of(cluster), Optional.of(spec.id()), stored(spec), facts,
          refIds);
      entries.put(cloudId, e);
      made = observed(e);
    }
    if (spec instanceof ServerSpec) {
      made = boot(made);
    }
    if (fault == Fault.Kind.LOST_ANSWER) {
      throw new BackendException(Reason.TRANSIENT, spec.id(), "connection reset before the answer (injected);"
          + " the create may have happened");
    }
    return made;
  }

  /** One call, counted as {@code createAll}, then each resource as by {@link #create}, faults and all. */
  @Override
  public List<Created> createAll(String cluster, List<ResourceSpec> specs, References refs) {
    call("createAll", null);
    return Backend.super.createAll(cluster, specs, refs);
  }

  /** One call, counted as {@code updateAll}, then each group as by {@link #update}, faults and all. */
  @Override
  public List<Created> updateAll(String cluster, List<Observed> current, List<ResourceSpec> desired,
      References refs) {
    call("updateAll", null);
    return Backend.super.updateAll(cluster, current, desired, refs);
  }

  @Override
  public Observed update(String cluster, Observed current, ResourceSpec desired, References refs) {
    Fault.Kind fault = call("update", desired.id());
    Observed after;
    synchronized (this) {
      CloudEntry e = entries.get(current.cloudId());
      if (e == null || !e.ownedBy(cluster)) {
        throw new BackendException(Reason.GONE, desired.id(), "is gone from the cloud (cloud id "
            + current.cloudId() + "); plan again");
      }
      if (desired instanceof ServerSpec || desired instanceof KeypairSpec || desired instanceof ServerGroupSpec) {
        throw new BackendException(Reason.REFUSED, desired.id(), "a " + desired.id().kind().id()
            + " cannot be changed in place; it must be replaced");
      }
      Set<String> refIds = new LinkedHashSet<>();
      desired.dependsOn().forEach(d -> refIds.add(refs.require(d)));
      Map<String, String> facts = new HashMap<>(e.facts());
      check(desired, facts, e.cloudId());
      CloudEntry updated = new CloudEntry(e.cloudId(), e.cluster(), e.id(), stored(desired), facts, refIds);
      entries.put(e.cloudId(), updated);
      after = observed(updated);
    }
    if (fault == Fault.Kind.LOST_ANSWER) {
      throw new BackendException(Reason.TRANSIENT, desired.id(), "connection reset before the answer (injected)");
    }
    return after;
  }

  @Override
  public void delete(String cluster, Observed current) {
    Fault.Kind fault = call("delete", current.id());
    synchronized (this) {
      CloudEntry e = entries.get(current.cloudId());
      if (e == null) {
        return;
      }
      if (!new Ownership(cluster, entries.values()).owns(e)) {
        throw new BackendException(Reason.REFUSED, current.id(), "cloud id " + current.cloudId()
            + " does not carry cluster " + cluster + "'s marker; it is not ours to delete");
      }
      for (CloudEntry other : entries.values()) {
        if (other != e && other.refs().contains(e.cloudId()) && !(other.spec() instanceof ServerSpec)
            && !(other.spec() instanceof SecurityGroupSpec && e.spec() instanceof SecurityGroupSpec)) {
          throw new BackendException(Reason.CONFLICT, current.id(), e.spec().name() + " is in use by "
              + other.spec().name() + " (" + other.cloudId() + ")", 409, null, null);
        }
      }
      entries.remove(e.cloudId());
      if (e.spec() instanceof PortSpec) {
        detach(e.cloudId());
      }
      if (e.spec() instanceof SecurityGroupSpec) {
        dropRulesNaming(e);
      }
    }
    if (fault == Fault.Kind.LOST_ANSWER) {
      throw new BackendException(Reason.TRANSIENT, current.id(), "connection reset before the answer (injected)");
    }
  }

  /** As Neutron does: the rules of other groups that name a deleted group go with it. */
  private void dropRulesNaming(CloudEntry group) {
    for (CloudEntry other : List.copyOf(entries.values())) {
      if (other.spec() instanceof SecurityGroupSpec g && other.refs().contains(group.cloudId())) {
        Set<String> refs = new LinkedHashSet<>(other.refs());
        refs.remove(group.cloudId());
        SecurityGroupSpec without = group.id().map(id -> g.withoutRulesNaming(Set.of(id))).orElse(g);
        entries.put(other.cloudId(), new CloudEntry(other.cloudId(), other.cluster(), other.id(), without,
            other.facts(), refs));
      }
    }
  }

  /** As Neutron does: a deleted port is gone from its server, which stays and is observed without a port. */
  private void detach(String portCloudId) {
    for (CloudEntry server : List.copyOf(entries.values())) {
      if (server.spec() instanceof ServerSpec s && server.refs().contains(portCloudId)) {
        Set<String> refs = new LinkedHashSet<>(server.refs());
        refs.remove(portCloudId);
        ServerSpec without = new ServerSpec(s.id(), s.name(), s.flavor(), s.image(),
            ResourceId.of(ResourceKind.PORT, "none"), s.keypair(), s.serverGroup(), s.userData(), s.userDataSha256(),
            s.fileDigests(), s.metadata());
        entries.put(server.cloudId(), new CloudEntry(server.cloudId(), server.cluster(), server.id(), without,
            server.facts(), refs));
      }
    }
  }

  // ---- resources that are not ours, as a person or another tool would make them ----

  /** A port made outside stackwright, holding {@code address}; returns its cloud id. */
  public synchronized String addForeignPort(String name, String network, String address) {
    PortSpec spec = new PortSpec(ResourceId.of(ResourceKind.PORT, "foreign-" + name), name, network,
        Set.of(Ipv4Address.parse(address)), Set.of());
    Map<String, String> facts = new HashMap<>();
    check(spec, facts, null);
    return addForeign(spec, facts, Set.of());
  }

  /** A server made outside stackwright on a foreign port; returns its cloud id. */
  public synchronized String addForeignServer(String name, String flavor, String image, String portCloudId) {
    ServerSpec spec = new ServerSpec(ResourceId.of(ResourceKind.SERVER, "foreign-" + name), name, flavor, image,
        ResourceId.of(ResourceKind.PORT, "foreign"), Optional.empty(), Optional.empty(), "", "", Map.of(), Map.of());
    Map<String, String> facts = new HashMap<>();
    check(spec, facts, null);
    facts.put(Observed.Facts.STATUS, "ACTIVE");
    return addForeign(spec, facts, Set.of(portCloudId));
  }

  /** A security group made outside stackwright; returns its cloud id. */
  public synchronized String addForeignSecurityGroup(String name) {
    return addForeign(new SecurityGroupSpec(ResourceId.of(ResourceKind.SECURITY_GROUP, "foreign-" + name), name,
        "made by hand", List.of()), new HashMap<>(), Set.of());
  }

  /** A keypair made outside stackwright (a keypair's name is unique, as in Nova); returns its name. */
  public synchronized String addForeignKeypair(String name, String publicKey) {
    KeypairSpec spec = new KeypairSpec(ResourceId.of(ResourceKind.KEYPAIR, "foreign"), name, publicKey);
    check(spec, new HashMap<>(), null);
    addForeign(spec, new HashMap<>(), Set.of());
    return name;
  }

  /**
   * A server group made outside stackwright, with the servers of these cloud ids in it (ours or not, as a person
   * could boot them); returns its cloud id.
   */
  public synchronized String addForeignServerGroup(String name, String policy, String... members) {
    String id = addForeign(new ServerGroupSpec(ResourceId.of(ResourceKind.SERVER_GROUP, "foreign"), name, policy),
        new HashMap<>(), Set.of());
    for (String member : members) {
      CloudEntry server = entries.get(member);
      Set<String> refs = new LinkedHashSet<>(server.refs());
      refs.add(id);
      entries.put(member, new CloudEntry(member, server.cluster(), server.id(), server.spec(), server.facts(), refs));
    }
    return id;
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

  private String addForeign(ResourceSpec spec, Map<String, String> facts, Set<String> refs) {
    String cloudId = UUID.randomUUID().toString();
    entries.put(cloudId, new CloudEntry(cloudId, Optional.empty(), Optional.empty(), spec, facts, refs));
    return cloudId;
  }

  // ---- rules ----

  /** Checks a spec against the catalogue, the addresses in use and the quotas; fills in facts (MAC, address). */
  private void check(ResourceSpec spec, Map<String, String> facts, String replacing) {
    ResourceId id = spec.id();
    if (spec instanceof PortSpec port) {
      Ipv4Network net = Optional.ofNullable(networks.get(port.network())).orElseThrow(() -> missing(id, "network",
          port.network(), networks.keySet()));
      long ports = entries.values().stream().filter(e -> e.spec() instanceof PortSpec).count();
      if (replacing == null && ports >= maxPorts) {
        throw quota(id, "ports", maxPorts);
      }
      for (Ipv4Address a : port.fixedIps()) {
        if (!net.contains(a)) {
          throw new BackendException(Reason.REFUSED, id, "address " + a + " is not on network " + port.network()
              + " (" + net + ")", 400, null, null);
        }
        for (CloudEntry e : entries.values()) {
          if (!e.cloudId().equals(replacing) && e.spec() instanceof PortSpec other
              && other.network().equals(port.network()) && other.fixedIps().contains(a)) {
            throw new BackendException(Reason.CONFLICT, id, "address " + a + " on network " + port.network()
                + " is already used by port " + other.name() + " (" + e.cloudId() + ")", 409, null, null);
          }
        }
      }
      facts.putIfAbsent(Observed.Facts.MAC, String.format("fa:16:3e:%02x:%02x:%02x",
          (macs.get() >> 16) & 0xff, (macs.get() >> 8) & 0xff, macs.getAndIncrement() & 0xff));
    } else if (spec instanceof ServerSpec server) {
      Flavor flavor = Optional.ofNullable(flavors.get(server.flavor())).orElseThrow(() -> missing(id, "flavour",
          server.flavor(), flavors.keySet()));
      if (!images.contains(server.image())) {
        throw missing(id, "image", server.image(), images);
      }
      List<Flavor> used = entries.values().stream().filter(e -> e.spec() instanceof ServerSpec)
          .map(e -> flavors.get(((ServerSpec) e.spec()).flavor())).filter(f -> f != null).toList();
      if (used.size() + 1 > maxInstances) {
        throw quota(id, "instances", maxInstances);
      }
      if (used.stream().mapToInt(Flavor::vcpus).sum() + flavor.vcpus() > maxCores) {
        throw quota(id, "cores", maxCores);
      }
      if (used.stream().mapToLong(Flavor::ramMb).sum() + flavor.ramMb() > maxRamMb) {
        throw quota(id, "RAM (MB)", maxRamMb);
      }
    } else if (spec instanceof FloatingIpSpec fip) {
      if (!externalNetworks.contains(fip.externalNetwork())) {
        throw missing(id, "external network", fip.externalNetwork(), externalNetworks);
      }
      facts.putIfAbsent(Observed.Facts.ADDRESS, "203.0.113." + floating.getAndIncrement());
    }
    if (spec instanceof KeypairSpec) { // as Nova: a keypair's name is unique, a server group's is not
      boolean taken = entries.values().stream().anyMatch(e -> !e.cloudId().equals(replacing)
          && e.spec().id().kind() == id.kind() && e.spec().name().equals(spec.name()));
      if (taken) {
        throw new BackendException(Reason.CONFLICT, id, "a " + id.kind().id() + " named " + spec.name()
            + " already exists", 409, null, null);
      }
    }
  }

  /**
   * Waits through BUILD; ERROR when the server's strict anti-affinity group has no hypervisor left for it (a soft one
   * places it anyway, as Nova does).
   */
  private Observed boot(Observed building) {
    sleep(buildTime);
    synchronized (this) {
      CloudEntry e = entries.get(building.cloudId());
      if (e == null) {
        throw new BackendException(Reason.SERVER_FAILED, building.id(), "was deleted while it was building");
      }
      ServerSpec server = (ServerSpec) e.spec();
      Map<String, String> facts = new HashMap<>(e.facts());
      Optional<String> group = server.serverGroup().flatMap(g -> e.refs().stream()
          .filter(r -> entries.get(r) != null && entries.get(r).spec() instanceof ServerGroupSpec sg
              && sg.policy().equals("anti-affinity")).findFirst());
      long members = group.map(g -> entries.values().stream().filter(o -> o != e && o.refs().contains(g)
          && "ACTIVE".equals(o.facts().get(Observed.Facts.STATUS))).count()).orElse(0L);
      if (members >= hypervisors) {
        facts.put(Observed.Facts.STATUS, "ERROR");
        facts.put(Observed.Facts.FAULT, "No valid host was found. There are not enough hosts available"
            + " (anti-affinity: " + members + " members on " + hypervisors + " hypervisors)");
        entries.put(e.cloudId(), e.withFacts(facts));
        throw new BackendException(Reason.NO_HOST, building.id(), "went to ERROR: "
            + facts.get(Observed.Facts.FAULT));
      }
      facts.put(Observed.Facts.STATUS, "ACTIVE");
      CloudEntry active = e.withFacts(facts);
      entries.put(e.cloudId(), active);
      return observed(active);
    }
  }

  /** As OpenStack shows it: a server in BUILD has no port yet (Nova binds it as the server builds). */
  private Observed observed(CloudEntry e) {
    return new Observed(e.spec().id(), e.cloudId(), Ownership.shown(e), e.facts());
  }

  /** Clouds do not give user-data back: only its digests are kept, as the OpenStack backend keeps them. */
  private static ResourceSpec stored(ResourceSpec spec) {
    return spec instanceof ServerSpec s ? s.withoutUserData() : spec;
  }

  private Fault.Kind call(String operation, ResourceId id) {
    calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    sleep(latency);
    synchronized (faults) {
      for (FaultState f : faults) {
        if (f.left().get() > 0 && f.fault().matches().test(operation, id)) {
          f.left().decrementAndGet();
          if (f.fault().kind() == Fault.Kind.UNAVAILABLE) {
            throw new BackendException(Reason.TRANSIENT, id, "the cloud is unavailable (injected 503)", 503,
                "req-injected", null);
          }
          return Fault.Kind.LOST_ANSWER;
        }
      }
    }
    return null;
  }

  private static BackendException missing(ResourceId id, String what, String name, Set<String> known) {
    String closest = Closest.hint(name, known);
    return new BackendException(Reason.NOT_FOUND, id, "no " + what + " named \"" + name + "\" in the cloud; it has "
        + new java.util.TreeSet<>(known) + closest);
  }

  private static BackendException quota(ResourceId id, String what, long limit) {
    return new BackendException(Reason.QUOTA, id, "quota exceeded: " + what + " (limit " + limit + ")", 403, null,
        null);
  }

  private static void sleep(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException(Reason.TRANSIENT, null, "interrupted");
    }
  }

  private record FaultState(Fault fault, AtomicInteger left) {}

  /** Configures an in-memory cloud; by default an empty catalogue, 4 hypervisors, generous quotas, no latency. */
  public static final class Builder {
    private final Map<String, Flavor> flavors = new LinkedHashMap<>();
    private final Set<String> images = new LinkedHashSet<>();
    private final Map<String, Ipv4Network> networks = new LinkedHashMap<>();
    private final Set<String> externalNetworks = new LinkedHashSet<>();
    private int hypervisors = 4;
    private Duration buildTime = Duration.ofMillis(20);
    private Duration latency = Duration.ZERO;
    private int instances = 100;
    private int cores = 400;
    private long ramMb = 1024L * 1024;
    private int ports = 500;
    private int parallelism = 8;
    private final Map<ResourceKind, Integer> batchSizes = new java.util.EnumMap<>(ResourceKind.class);

    private Builder() {}

    public Builder flavor(String name, int vcpus, int ramMb) {
      flavors.put(name, Flavor.builder().name(name).vcpus(vcpus).ramMb(ramMb).cpuClass("any").cpuWeight(1.0)
          .build());
      return this;
    }

    public Builder image(String name) {
      images.add(name);
      return this;
    }

    public Builder network(String name, String cidr) {
      networks.put(name, Ipv4Network.parse(cidr));
      return this;
    }

    public Builder externalNetwork(String name) {
      externalNetworks.add(name);
      return this;
    }

    /** How many hypervisors an anti-affinity group can spread over. */
    public Builder hypervisors(int n) {
      this.hypervisors = positive("hypervisors", n);
      return this;
    }

    /** How long a server stays in BUILD. */
    public Builder buildTime(Duration d) {
      this.buildTime = d;
      return this;
    }

    /** Added to every call. */
    public Builder latency(Duration d) {
      this.latency = d;
      return this;
    }

    public Builder instances(int n) {
      this.instances = positive("instances", n);
      return this;
    }

    public Builder cores(int n) {
      this.cores = positive("cores", n);
      return this;
    }

    public Builder ramMb(long mb) {
      this.ramMb = positive("ramMb", (int) Math.min(mb, Integer.MAX_VALUE));
      return this;
    }

    public Builder ports(int n) {
      this.ports = positive("ports", n);
      return this;
    }

    /**
     * Takes up to {@code size} creates of {@code kind} in one {@link #createAll} call, like a cloud with bulk
     * requests.
     */
    public Builder batching(ResourceKind kind, int size) {
      batchSizes.put(kind, positive("batch size", size));
      return this;
    }

    /** How many calls the engine should have in flight at once on this cloud. */
    public Builder parallelism(int n) {
      this.parallelism = positive("parallelism", n);
      return this;
    }

    public InMemoryCloud build() {
      return new InMemoryCloud(this);
    }

    private static int positive(String what, int n) {
      if (n < 1) {
        throw new IllegalArgumentException(what + " must be at least 1, not " + n);
      }
      return n;
    }
  }
}
