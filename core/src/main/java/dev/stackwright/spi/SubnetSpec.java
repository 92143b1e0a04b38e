package dev.stackwright.spi;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The owned network's IPv4 subnet: the cluster's range, its gateway (none: the subnet has no gateway), the block the
 * cloud hands out by DHCP as the allocation pool (so no fixed role address can collide with a DHCP lease), and the
 * DNS servers the model names (none: the cloud's default).
 */
public record SubnetSpec(ResourceId id, String name, ResourceId network, Ipv4Network cidr,
    Optional<Ipv4Address> gateway, Ipv4Network allocationPool, List<Ipv4Address> dnsServers)
    implements ResourceSpec {

  public SubnetSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(cidr, "cidr");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(allocationPool, "allocationPool");
    dnsServers = List.copyOf(dnsServers);
  }

  @Override
  public Set<ResourceId> dependsOn() {
    return Set.of(network);
  }

  /** The allocation pools this subnet gets: see {@link #allocationRanges(Ipv4Network, Optional, Ipv4Network)}. */
  public List<AddressRange> allocationRanges() {
    return allocationRanges(cidr, gateway, allocationPool);
  }

  /**
   * The DHCP block as a cloud's allocation pools: its host addresses, first to last (never the subnet's network or
   * broadcast address, which Neutron refuses), the gateway left out (Neutron refuses a pool that holds it): one
   * range, or two around a gateway inside the block; none when the block holds no host address of the subnet. The
   * one definition Neutron, the Heat export and the controller's DHCP range share.
   */
  public static List<AddressRange> allocationRanges(Ipv4Network cidr, Optional<Ipv4Address> gateway,
      Ipv4Network block) {
    Ipv4Address first = later(block.address().plus(1), cidr.address().plus(1));
    Ipv4Address last = earlier(block.broadcast().plus(-1), cidr.broadcast().plus(-1));
    if (first.compareTo(last) > 0) {
      return List.of();
    }
    if (gateway.isEmpty() || gateway.get().compareTo(first) < 0 || gateway.get().compareTo(last) > 0) {
      return List.of(new AddressRange(first, last));
    }
    Ipv4Address gw = gateway.get();
    List<AddressRange> pools = new ArrayList<>();
    if (gw.compareTo(first) > 0) {
      pools.add(new AddressRange(first, gw.plus(-1)));
    }
    if (gw.compareTo(last) < 0) {
      pools.add(new AddressRange(gw.plus(1), last));
    }
    return List.copyOf(pools);
  }

  private static Ipv4Address later(Ipv4Address a, Ipv4Address b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Ipv4Address earlier(Ipv4Address a, Ipv4Address b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
