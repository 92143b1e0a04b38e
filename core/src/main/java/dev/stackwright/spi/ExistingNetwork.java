package dev.stackwright.spi;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A network the cluster uses but does not own, as the cloud describes it: the range of its IPv4 subnet, the
 * subnet's gateway, and the pools the cloud hands addresses out of.
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
