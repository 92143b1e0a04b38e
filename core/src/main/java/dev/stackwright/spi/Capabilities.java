package dev.stackwright.spi;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What a backend can do: the kinds it makes, which of them it can change in place (the others are replaced), how
 * many changes it wants in flight at once, how many creates of a kind it takes in one {@link Backend#createAll} call
 * (one unless said: a cloud that takes bulk requests makes fewer, bigger ones), and whether it paces the servers of a
 * strict anti-affinity group itself (else the engine creates them one after another, each once the one before is
 * made, since a cloud's scheduler can race when they come at once), and whether what it makes is ephemeral: held in
 * this process and gone when it ends (an in-memory cloud not kept in a file), which the command line tells the user
 * after an apply, and what it can do to a running server besides replacing it ({@link NodeOperation}: give it new
 * files, rebuild it).
 */
public record Capabilities(Set<ResourceKind> kinds, Set<ResourceKind> updatableInPlace, int parallelism,
    Map<ResourceKind, Integer> batchSizes, boolean pacesStrictGroups, boolean ephemeral,
    Set<NodeOperation> nodeOperations) {
  public Capabilities {
    kinds = Set.copyOf(kinds);
    nodeOperations = Set.copyOf(nodeOperations);
    if (!nodeOperations.isEmpty() && !kinds.contains(ResourceKind.SERVER)) {
      throw new IllegalArgumentException("can change running servers only when it makes servers");
    }
    updatableInPlace = Set.copyOf(updatableInPlace);
    batchSizes = Map.copyOf(batchSizes);
    if (!kinds.containsAll(updatableInPlace)) {
      throw new IllegalArgumentException("can update in place only kinds it makes");
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
    }
    for (Map.Entry<ResourceKind, Integer> e : batchSizes.entrySet()) {
      if (e.getValue() < 1 || !kinds.contains(e.getKey())) {
        throw new IllegalArgumentException("batch size of " + e.getKey().id() + " is " + e.getValue() + "; it must"
            + " be at least 1, for a kind the backend makes");
      }
    }
  }

  /** One create per call for every kind; the engine paces strict anti-affinity groups. */
  public Capabilities(Set<ResourceKind> kinds, Set<ResourceKind> updatableInPlace, int parallelism) {
    this(kinds, updatableInPlace, parallelism, Map.of(), false, false, Set.of());
  }

  /**
   * Every kind, rules and port addresses and groups changed in place, server metadata too; an owned network's name,
   * its subnet's gateway, allocation pool and DNS servers, and its router's external network too, as Neutron does.
   */
  public static Capabilities full(int parallelism) {
    return new Capabilities(EnumSet.allOf(ResourceKind.class),
        EnumSet.of(ResourceKind.NETWORK, ResourceKind.SUBNET, ResourceKind.ROUTER, ResourceKind.SECURITY_GROUP,
            ResourceKind.PORT, ResourceKind.FLOATING_IP), parallelism);
  }

  /** The same capabilities, taking up to {@code size} creates of {@code kind} in one {@link Backend#createAll}. */
  public Capabilities batching(ResourceKind kind, int size) {
    Map<ResourceKind, Integer> sizes = new EnumMap<>(ResourceKind.class);
    sizes.putAll(batchSizes);
    sizes.put(kind, size);
    return new Capabilities(kinds, updatableInPlace, parallelism, sizes, pacesStrictGroups, ephemeral, nodeOperations);
  }

  /**
   * The same capabilities, from a backend that paces the servers of a strict anti-affinity group itself (sends each
   * once the one before has been placed), so the engine hands them over together.
   */
  public Capabilities pacingStrictGroups() {
    return new Capabilities(kinds, updatableInPlace, parallelism, batchSizes, true, ephemeral, nodeOperations);
  }

  /** The same capabilities, from a backend whose resources live in this process only: gone when it ends. */
  public Capabilities livingInThisProcess() {
    return new Capabilities(kinds, updatableInPlace, parallelism, batchSizes, pacesStrictGroups, true, nodeOperations);
  }

  /** The same capabilities, from a backend that can also do {@code operations} to running servers. */
  public Capabilities changingNodes(NodeOperation... operations) {
    Set<NodeOperation> all = java.util.EnumSet.noneOf(NodeOperation.class);
    all.addAll(nodeOperations);
    all.addAll(java.util.Arrays.asList(operations));
    return new Capabilities(kinds, updatableInPlace, parallelism, batchSizes, pacesStrictGroups, ephemeral, all);
  }

  public boolean can(NodeOperation operation) {
    return nodeOperations.contains(operation);
  }

  public boolean supports(ResourceKind kind) {
    return kinds.contains(kind);
  }

  public boolean updatesInPlace(ResourceKind kind) {
    return updatableInPlace.contains(kind);
  }

  /** How many creates of {@code kind} one {@link Backend#createAll} call takes; 1 means one at a time. */
  public int batchSize(ResourceKind kind) {
    return batchSizes.getOrDefault(kind, 1);
  }
}
