package dev.stackwright.engine;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Node;
import dev.stackwright.render.NetworkFacts;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceKind;
import java.util.Collection;

/**
 * The network facts the cloud has told of a cluster's nodes (each port's MAC, each floating IP's address), and the
 * ones still to come marked pending, so the renderer can say which servers' user-data waits for them.
 */
final class ObservedFacts {
  private ObservedFacts() {}

  static NetworkFacts of(Cluster cluster, Collection<Observed> resources) {
    NetworkFacts.Builder b = NetworkFacts.builder();
    // Every node gets a port, and a node clients enter by a floating IP when there is an external network: until
    // the cloud tells them, those facts are pending (NetworkFacts ignores a pending mark once the fact is given).
    for (Node n : cluster.nodes()) {
      b.macPending(n.name());
      if (cluster.externalNetwork().isPresent() && ClusterResources.publicEntry(n)) {
        b.publicAddressPending(n.name());
      }
    }
    for (Observed o : resources) {
      if (o.id().kind() == ResourceKind.PORT && cluster.node(o.id().key()).isPresent()) {
        o.fact(Observed.Facts.MAC).ifPresent(mac -> b.mac(o.id().key(), mac));
      }
      if (o.id().kind() == ResourceKind.FLOATING_IP && cluster.node(o.id().key()).isPresent()) {
        o.fact(Observed.Facts.ADDRESS).flatMap(Ipv4Address::tryParse)
            .ifPresent(a -> b.publicAddress(o.id().key(), a));
      }
    }
    return b.build();
  }
}
