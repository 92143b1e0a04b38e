package dev.stackwright.memory;

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

/**
 * Which of the in-memory cloud's resources are a cluster's, as the OpenStack backend decides it: by the marker the
 * resource was made with, and for keypairs and server groups, which carry none, by their name alone
 * ({@link OwnedNames}), whatever cluster made them. Not thread-safe: called under the cloud's lock.
 */
final class Ownership {
  private final String cluster;
  private final Collection<CloudEntry> all;

  Ownership(String cluster, Collection<CloudEntry> all) {
    this.cluster = cluster;
    this.all = all;
  }

  boolean owns(CloudEntry e) {
    return id(e).isPresent();
  }

  /**
   * The entry as the cluster observes it, if it is the cluster's: its logical id read from its marker or name, and
   * for groups how many of the cluster's resources use it and how many servers in it are not the cluster's.
   */
  Optional<Observed> observe(CloudEntry e) {
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

  /** The entry's spec as OpenStack shows it: a server in BUILD has no port yet (Nova binds it as it builds). */
  static ResourceSpec shown(CloudEntry e) {
    if (e.spec() instanceof ServerSpec s && "BUILD".equals(e.facts().get(Observed.Facts.STATUS))) {
      return new ServerSpec(s.id(), s.name(), s.flavor(), s.image(), ResourceId.of(ResourceKind.PORT, "none"),
          s.keypair(), s.serverGroup(), s.userData(), s.userDataSha256(), s.fileDigests(), s.metadata());
    }
    return e.spec();
  }

  private Optional<ResourceId> id(CloudEntry e) {
    ResourceKind kind = e.spec().id().kind();
    if (kind == ResourceKind.KEYPAIR || kind == ResourceKind.SERVER_GROUP) {
      return OwnedNames.keyOf(cluster, kind, e.spec().name(), users(e, true) > 0).map(k -> ResourceId.of(kind, k));
    }
    return e.ownedBy(cluster) ? e.id() : Optional.empty();
  }

  /** The servers and ports that refer to {@code e}: the cluster's own, or everyone else's. */
  private long users(CloudEntry e, boolean ours) {
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
