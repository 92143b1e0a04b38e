package dev.stackwright.spi;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a backend found that carries a cluster's ownership marker, and nothing else: resources of other
 * clusters and ones made by hand are never in it, so they are never updated or deleted. Immutable.
 */
public final class Observation {
  private final String cluster;
  private final Map<ResourceId, Observed> resources;
  private final List<Observed> duplicates;

  private Observation(String cluster, Map<ResourceId, Observed> resources, List<Observed> duplicates) {
    this.cluster = cluster;
    this.resources = resources;
    this.duplicates = duplicates;
  }

  /**
   * An observation of the given resources. Two resources with one logical id (a duplicate, say from a lost create
   * answer on a cloud without idempotency) are both kept in {@link #duplicates()} so the planner can delete the extra.
   */
  public static Observation of(String cluster, Collection<Observed> found) {
    Map<ResourceId, Observed> byId = new LinkedHashMap<>();
    found.stream().sorted(java.util.Comparator.comparing(Observed::id).thenComparing(Observed::cloudId))
        .forEach(o -> byId.merge(o.id(), o, (a, b) -> a));
    List<Observed> extra = found.stream().filter(o -> byId.get(o.id()) != o).toList();
    return new Observation(cluster, java.util.Collections.unmodifiableMap(byId), extra);
  }

  public static Observation empty(String cluster) {
    return of(cluster, List.of());
  }

  public String cluster() {
    return cluster;
  }

  /** Our resources, one per logical id, in creation order. */
  public Collection<Observed> resources() {
    return resources.values();
  }

  public Optional<Observed> get(ResourceId id) {
    return Optional.ofNullable(resources.get(id));
  }

  /** Extra resources that carry the logical id of one in {@link #resources()}. */
  public List<Observed> duplicates() {
    return duplicates;
  }

  public int size() {
    return resources.size();
  }

  @Override
  public String toString() {
    return "Observation[" + cluster + ": " + resources.keySet() + (duplicates.isEmpty() ? "" : ", duplicates "
        + duplicates.stream().map(o -> o.id() + "=" + o.cloudId()).toList()) + "]";
  }
}
