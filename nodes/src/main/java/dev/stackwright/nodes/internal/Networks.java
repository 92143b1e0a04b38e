package dev.stackwright.nodes.internal;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.NetworkSpec;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RouterSpec;
import dev.stackwright.spi.SubnetSpec;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A network a cluster owns, on the rig: records only. The rig has one network, its bridge, which the owned network
 * stands for; its subnet must be the rig's range, and a router, with no external world on one machine, joins nothing.
 * Ports on it refer to the records, so they are deleted in Neutron's order and someone else's port keeps them.
 */
final class Networks {
  private Networks() {}

  static boolean isRecord(ResourceSpec spec) {
    return spec instanceof NetworkSpec || spec instanceof SubnetSpec || spec instanceof RouterSpec;
  }

  /** A subnet of another range than the rig's bridge is refused: its ports' addresses could not be there. */
  static void check(ResourceSpec spec, Catalogue catalogue) {
    if (spec instanceof SubnetSpec s && !s.cidr().equals(catalogue.network())) {
      throw new BackendException(Reason.REFUSED, s.id(), "range " + s.cidr() + " is not the rig's network "
          + catalogue.network() + ", the only one its bridge carries; give the cluster that range, or build the"
          + " backend with network(\"" + catalogue.networkName() + "\", \"" + s.cidr() + "\")");
    }
  }

  /** Whether a cluster made a network named {@code name} on the rig. */
  static boolean made(String name, Collection<Entry> all) {
    return all.stream().anyMatch(e -> e.spec() instanceof NetworkSpec && e.spec().name().equals(name));
  }

  /** The cloud ids of the networks made under {@code name} and of their subnets: what a port on one refers to. */
  static Set<String> madeUnder(String name, Collection<Entry> all) {
    Set<String> refs = new LinkedHashSet<>();
    all.stream().filter(e -> e.spec() instanceof NetworkSpec && e.spec().name().equals(name)).forEach(n -> {
      refs.add(n.cloudId());
      all.stream().filter(e -> e.spec() instanceof SubnetSpec && e.refs().contains(n.cloudId()))
          .forEach(e -> refs.add(e.cloudId()));
    });
    return refs;
  }
}
