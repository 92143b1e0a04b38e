package dev.stackwright.spi;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
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
}
