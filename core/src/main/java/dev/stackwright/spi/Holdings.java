package dev.stackwright.spi;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which of the resources a backend holds in its own records are a cluster's, as the OpenStack backend decides it: by
 * the marker a resource was made with, and for keypairs and server groups, which carry none, by their name alone
 * ({@link OwnedNames}), whatever cluster made them; and how the cluster observes them, with the use of its groups
 * counted ({@link Observed.Facts#USED_BY}, {@link Observed.Facts#FOREIGN_MEMBERS}), and the ports of others on an owned
 * network named ({@link Observed.Facts#FOREIGN_PORTS}). For backends such as the
 * in-memory cloud and the nodes backend, so that both decide ownership the one way. Not thread-safe: a backend calls
 * it under its own lock.
 *
 * @param <E> the backend's record of a resource
 */
public final class Holdings<E extends HeldResource> {
  private final String cluster;
  private final Collection<E> all;
  private final Function<E, ResourceSpec> shown;

  /**
   * @param all everything the backend holds, the cluster's or not
   * @param shown a resource's spec as the backend shows it (a server in BUILD without its port, say)
   */
  public Holdings(String cluster, Collection<E> all, Function<E, ResourceSpec> shown) {
    this.cluster = cluster;
    this.all = all;
    this.shown = shown;
  }

  public boolean owns(E e) {
    return id(e).isPresent();
  }

  /**
   * The entry as the cluster observes it, if it is the cluster's: its logical id read from its marker or name, and
   * for groups how many of the cluster's resources use it and how many servers in it are not the cluster's.
   */
  public Optional<Observed> observe(E e) {
    return id(e).map(id -> {
      Map<String, String> facts = new LinkedHashMap<>(e.facts());
      if (e.spec() instanceof ServerGroupSpec || e.spec() instanceof SecurityGroupSpec) {
        facts.put(Observed.Facts.USED_BY, String.valueOf(users(e, true)));
      }
      if (e.spec() instanceof ServerGroupSpec) {
        facts.put(Observed.Facts.FOREIGN_MEMBERS, String.valueOf(users(e, false)));
      }
      if (e.spec() instanceof NetworkSpec) {
        facts.put(Observed.Facts.FOREIGN_PORTS, foreignPorts(e));
      }
      return new Observed(id, e.cloudId(), withId(shown.apply(e), id), facts);
    });
  }

  private Optional<ResourceId> id(E e) {
    ResourceKind kind = e.spec().id().kind();
    if (kind == ResourceKind.KEYPAIR || kind == ResourceKind.SERVER_GROUP) {
      return OwnedNames.keyOf(cluster, kind, e.spec().name(), users(e, true) > 0).map(k -> ResourceId.of(kind, k));
    }
    return e.ownedBy(cluster) ? e.id() : Optional.empty();
  }

  /** The ports not the cluster's that refer to the network {@code e} or to a subnet of it, by name and cloud id. */
  private String foreignPorts(E network) {
    Set<String> on = new java.util.HashSet<>(Set.of(network.cloudId()));
    all.stream().filter(s -> s.spec() instanceof SubnetSpec && s.refs().contains(network.cloudId()))
        .forEach(s -> on.add(s.cloudId()));
    return Observed.Facts.foreignPorts(all.stream().filter(p -> p.spec() instanceof PortSpec && !p.ownedBy(cluster))
        .filter(p -> p.refs().stream().anyMatch(on::contains))
        .map(p -> Map.entry(p.spec().name(), p.cloudId())).toList());
  }

  /** The servers and ports that refer to {@code e}: the cluster's own, or everyone else's. */
  private long users(E e, boolean ours) {
    return all.stream().filter(o -> o != e && o.refs().contains(e.cloudId()))
        .filter(o -> o.spec() instanceof ServerSpec || o.spec() instanceof PortSpec)
        .filter(o -> o.ownedBy(cluster) == ours).count();
  }

  private static ResourceSpec withId(ResourceSpec spec, ResourceId id) {
    if (spec.id().equals(id)) {
      return spec;
    }
    if (spec instanceof KeypairSpec k) {
      return new KeypairSpec(id, k.name(), k.publicKey());
    }
    ServerGroupSpec g = (ServerGroupSpec) spec;
    return new ServerGroupSpec(id, g.name(), g.policy());
  }
}
