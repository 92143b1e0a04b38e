package dev.stackwright.spi;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backend can tell of an existing network a cluster uses ({@code cluster.internalNetwork(name)}): its IPv4
 * subnet's range, gateway (none: the subnet has none) and the allocation pools the cloud hands out by DHCP. The
 * engine checks it against the cluster's address plan before anything is made; see {@link Backend#describeNetwork}.
 */
public record ExistingNetwork(String name, Ipv4Network cidr, Optional<Ipv4Address> gateway,
    List<AddressRange> pools) {

  public ExistingNetwork {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cidr, "cidr");
    Objects.requireNonNull(gateway, "gateway");
    pools = List.copyOf(pools);
  }
}
