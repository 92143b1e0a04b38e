package dev.stackwright.memory;

import dev.stackwright.model.Flavor;
import dev.stackwright.model.Ipv4Network;
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

  public InMemoryCloudBuilder network(String name, String cidr) {
    networks.put(name, Ipv4Network.parse(cidr));
    return this;
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
    } catch (RuntimeException e) {
      file.close();
      throw e;
    }
  }

  private static int positive(String what, int n) {
    if (n < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, not " + n);
    }
    return n;
  }
}
