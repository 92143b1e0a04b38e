package dev.stackwright.nodes.internal;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.model.Ipv4Address;
import java.util.Collection;

/** What the rig admits of a port, as Neutron would: its network, addresses on it, and no address taken twice. */
final class Ports {
  private Ports() {}

  /** Checks {@code port} against the catalogue and the {@code all} entries, but {@code replacing}'s own (or null). */
  static void check(PortSpec port, Catalogue catalogue, Collection<Entry> all, String replacing) {
    if (!Networks.made(port.network(), all)) {
      catalogue.requireNetwork(port.id(), port.network());
    }
    for (Ipv4Address a : port.sortedFixedIps()) {
      if (!catalogue.network().contains(a) || a.toString().equals(catalogue.bridgeAddress())) {
        throw new BackendException(Reason.REFUSED, port.id(), "address " + a + " is not a node's address on network "
            + port.network() + " (" + catalogue.network() + ", but " + catalogue.bridgeAddress()
            + ", the rig's own)");
      }
      for (Entry e : all) {
        if (!e.cloudId().equals(replacing) && e.spec() instanceof PortSpec other && other.fixedIps().contains(a)) {
          throw new BackendException(Reason.CONFLICT, port.id(), "address " + a + " on network " + port.network()
              + " is already used by port " + other.name() + " (" + e.cloudId() + ")");
        }
      }
    }
  }
}
