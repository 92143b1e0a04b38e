package dev.stackwright.memory;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.Flavor;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.spi.AddressRange;
import dev.stackwright.spi.ExistingNetwork;
import dev.stackwright.spi.ResourceKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Configures an in-memory cloud; by default an empty catalogue, 4 hypervisors, generous quotas, no latency. */
public final class InMemoryCloudBuilder {
  final Map<String, Flavor> flavors = new LinkedHashMap<>();
  final Set<String> images = new LinkedHashSet<>();
  final Map<String, Ipv4Network> networks = new LinkedHashMap<>();
  final Set<String> externalNetworks = new LinkedHashSet<>();
  final Map<String, ExistingNetwork> described = new LinkedHashMap<>();
  int hypervisors = 4;
  Duration buildTime = Duration.ofMillis(20);
  Duration latency = Duration.ZERO;
  int instances = 100;
  int cores = 400;
  long ramMb = 1024L * 1024;
  int ports = 500;
  int parallelism = 8;
  final Map<ResourceKind, Integer> batchSizes = new java.util.EnumMap<>(ResourceKind.class);
  private Path stateFile;

  InMemoryCloudBuilder() {}

  public InMemoryCloudBuilder flavor(String name, int vcpus, int ramMb) {
    flavors.put(name, Flavor.builder().name(name).vcpus(vcpus).ramMb(ramMb).cpuClass("any").cpuWeight(1.0)
        .build());
    return this;
  }

  public InMemoryCloudBuilder image(String name) {
    images.add(name);
    return this;
  }

  /**
   * A network made outside stackwright, for clusters that use it; its subnet's gateway and pools are not told
   * ({@link InMemoryCloud#describeNetwork} is empty for it), so no address plan is checked against it.
   */
  public InMemoryCloudBuilder network(String name, String cidr) {
    networks.put(name, Ipv4Network.parse(cidr));
    described.remove(name);
    return this;
  }

  /**
   * A network made outside stackwright whose subnet the cloud describes: its range, gateway ({@code null}: none)
   * and allocation pools as {@code "10.0.254.1-10.0.254.254"}; a cluster that uses it is checked against it.
   */
  public InMemoryCloudBuilder network(String name, String cidr, String gateway, String... pools) {
    Ipv4Network range = Ipv4Network.parse(cidr);
    networks.put(name, range);
    described.put(name, new ExistingNetwork(name, range, Optional.ofNullable(gateway).map(Ipv4Address::parse),
        java.util.Arrays.stream(pools).map(InMemoryCloudBuilder::range).toList()));
    return this;
  }

  private static AddressRange range(String text) {
    int dash = text.indexOf('-');
    if (dash < 0) {
      throw new IllegalArgumentException("pool \"" + text + "\" is not a range; write it like"
          + " \"10.0.254.1-10.0.254.254\"");
    }
    return new AddressRange(Ipv4Address.parse(text.substring(0, dash)), Ipv4Address.parse(text.substring(dash + 1)));
  }

  public InMemoryCloudBuilder externalNetwork(String name) {
    externalNetworks.add(name);
    return this;
  }

  /** How many hypervisors an anti-affinity group can spread over. */
  public InMemoryCloudBuilder hypervisors(int n) {
    this.hypervisors = positive("hypervisors", n);
    return this;
  }

  /** How long a server stays in BUILD. */
  public InMemoryCloudBuilder buildTime(Duration d) {
    this.buildTime = d;
    return this;
  }

  /** Added to every call. */
  public InMemoryCloudBuilder latency(Duration d) {
    this.latency = d;
    return this;
  }

  public InMemoryCloudBuilder instances(int n) {
    this.instances = positive("instances", n);
    return this;
  }

  public InMemoryCloudBuilder cores(int n) {
    this.cores = positive("cores", n);
    return this;
  }

  public InMemoryCloudBuilder ramMb(long mb) {
    this.ramMb = positive("ramMb", (int) Math.min(mb, Integer.MAX_VALUE));
    return this;
  }

  public InMemoryCloudBuilder ports(int n) {
    this.ports = positive("ports", n);
    return this;
  }

  /**
   * Takes up to {@code size} creates of {@code kind} in one {@link #createAll} call, like a cloud with bulk
   * requests.
   */
  public InMemoryCloudBuilder batching(ResourceKind kind, int size) {
    batchSizes.put(kind, positive("batch size", size));
    return this;
  }

  /** How many calls the engine should have in flight at once on this cloud. */
  public InMemoryCloudBuilder parallelism(int n) {
    this.parallelism = positive("parallelism", n);
    return this;
  }

  /**
   * Keeps the cloud in {@code file} (see {@link InMemoryCloud#keptIn}): it starts from what the file holds, its
   * catalogue joined with this builder's, and writes every change to it.
   */
  public InMemoryCloudBuilder keptIn(Path file) {
    this.stateFile = Objects.requireNonNull(file, "file");
    return this;
  }

  /**
   * The cloud; a kept one takes its file's lock first, and refuses (naming the file and the fix) a file held by
   * another process, a corrupt one, or one of a newer format.
   */
  public InMemoryCloud build() {
    if (stateFile == null) {
      return new InMemoryCloud(this, Optional.empty(), Optional.empty());
    }
    StateFile file = StateFile.open(stateFile);
    try {
      return new InMemoryCloud(this, Optional.of(file), file.load());
    } catch (RuntimeException | Error e) { // a refused file, or one that overflows the reader: the lock is let go
      file.close();
      throw e;
    }
  }

  /** The builder of {@link InMemoryCloud#forCluster}: what {@code cluster} names, and room for it. */
  static InMemoryCloudBuilder forCluster(Cluster cluster) {
    InMemoryCloudBuilder b = new InMemoryCloudBuilder();
    if (!cluster.ownsNetwork()) { // an owned one is made by the cluster
      b.network(cluster.internalNetworkName(), cluster.network().toString());
    }
    cluster.flavors().forEach(f -> b.flavor(f.name(), f.vcpus(), f.ramMb()));
    b.image(cluster.defaultImage());
    cluster.images().forEach(b::image);
    cluster.hosts().forEach(h -> h.image().ifPresent(b::image));
    cluster.externalNetwork().ifPresent(b::externalNetwork);
    return roomFor(cluster, b);
  }

  private static InMemoryCloudBuilder roomFor(Cluster cluster, InMemoryCloudBuilder b) {
    Room room = Room.of(cluster);
    return b.hypervisors(Math.max(b.hypervisors, room.hypervisors())).instances(Math.max(b.instances, room.instances()))
        .cores(Math.max(b.cores, room.cores())).ramMb(Math.max(b.ramMb, room.ramMb()))
        .ports(Math.max(b.ports, room.ports()));
  }

  /** The rules of the catalogue {@code stored} in a kept cloud's file, with this builder's over it. */
  CloudRules rules(Optional<CloudState> stored) {
    return new CloudRules(merged(stored.map(CloudState::flavors), flavors), merged(stored.map(CloudState::images),
        images), merged(stored.map(CloudState::networks), networks),
        merged(stored.map(CloudState::externalNetworks), externalNetworks), described,
        new CloudRules.Quotas(instances, cores, ramMb, ports));
  }

  /** What a kept cloud held, and this builder's catalogue over it: a model's new flavour is there at once. */
  private static <K, V> Map<K, V> merged(Optional<Map<K, V>> stored, Map<K, V> given) {
    Map<K, V> all = new LinkedHashMap<>(stored.orElse(Map.of()));
    all.putAll(given);
    return all;
  }

  private static <T> Set<T> merged(Optional<Set<T>> stored, Set<T> given) {
    Set<T> all = new LinkedHashSet<>(stored.orElse(Set.of()));
    all.addAll(given);
    return all;
  }

  private static int positive(String what, int n) {
    if (n < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, not " + n);
    }
    return n;
  }
}
