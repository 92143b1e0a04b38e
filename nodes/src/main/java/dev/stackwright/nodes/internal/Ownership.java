package dev.stackwright.nodes.internal;

import dev.stackwright.engine.KeypairSpec;
import dev.stackwright.engine.Observed;
import dev.stackwright.engine.OwnedNames;
import dev.stackwright.engine.PortSpec;
import dev.stackwright.engine.ResourceId;
import dev.stackwright.engine.ResourceKind;
import dev.stackwright.engine.ResourceSpec;
import dev.stackwright.engine.SecurityGroupSpec;
import dev.stackwright.engine.ServerGroupSpec;
import dev.stackwright.engine.ServerSpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which resources in the state are a cluster's, as on OpenStack and the in-memory cloud: by the marker they were
 * made with, and keypairs and server groups by their name alone ({@link OwnedNames}), whatever cluster made them.
 */
public final class Ownership {
  private final String cluster;
  private final Collection<Entry> all;
  private final Set<String> cloudIds;

  public Ownership(String cluster, Collection<Entry> all) {
    this.cluster = cluster;
    this.all = all;
    this.cloudIds = all.stream().map(Entry::cloudId).collect(Collectors.toSet());
  }

  public boolean owns(Entry e) {
    return id(e).isPresent();
  }

  /** The entry as the cluster observes it, if it is the cluster's, with the facts of groups counted. */
  public Optional<Observed> observe(Entry e) {
    return id(e).map(id -> {
      Map<String, String> facts = new LinkedHashMap<>(e.facts());
      if (e.spec() instanceof ServerGroupSpec || e.spec() instanceof SecurityGroupSpec) {
        facts.put(Observed.Facts.USED_BY, String.valueOf(users(e, true)));
      }
      if (e.spec() instanceof ServerGroupSpec) {
        facts.put(Observed.Facts.FOREIGN_MEMBERS, String.valueOf(users(e, false)));
      }
      return new Observed(id, e.cloudId(), withId(shown(e), id), facts);
    });
  }

  /** A server whose port was deleted is shown without it, as Nova shows a server that lost its interface. */
  private ResourceSpec shown(Entry e) {
    if (e.spec() instanceof ServerSpec s && e.refs().stream().noneMatch(r -> isPort(r))) {
      return new ServerSpec(s.id(), s.name(), s.flavor(), s.image(), ResourceId.of(ResourceKind.PORT, "none"),
          s.keypair(), s.serverGroup(), s.userData(), s.userDataSha256(), s.fileDigests(), s.metadata());
    }
    return e.spec();
  }

  private boolean isPort(String cloudId) {
    return cloudIds.contains(cloudId) && all.stream().anyMatch(o -> o.cloudId().equals(cloudId)
        && o.spec() instanceof PortSpec);
  }

  private Optional<ResourceId> id(Entry e) {
    ResourceKind kind = e.spec().id().kind();
    if (kind == ResourceKind.KEYPAIR || kind == ResourceKind.SERVER_GROUP) {
      return OwnedNames.keyOf(cluster, kind, e.spec().name(), users(e, true) > 0).map(k -> ResourceId.of(kind, k));
    }
    return e.ownedBy(cluster) ? e.id() : Optional.empty();
  }

  /** The servers and ports that refer to {@code e}: the cluster's own, or everyone else's. */
  private long users(Entry e, boolean ours) {
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
