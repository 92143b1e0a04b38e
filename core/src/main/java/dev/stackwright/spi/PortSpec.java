package dev.stackwright.spi;

import dev.stackwright.model.Ipv4Address;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A port on a network (by name) with fixed addresses, one per role the VM carries, and our security groups set on
 * the port. The addresses and groups are sets: the cloud does not keep their order. {@code subnet} is the owned
 * subnet the addresses come from when the cluster owns its network (the port is made after it), empty on a network
 * the cluster uses.
 */
public record PortSpec(ResourceId id, String name, String network, Set<Ipv4Address> fixedIps,
    Set<ResourceId> securityGroups, Optional<ResourceId> subnet) implements ResourceSpec {

  /** A port on an existing network the cluster uses. */
  public PortSpec(ResourceId id, String name, String network, Set<Ipv4Address> fixedIps,
      Set<ResourceId> securityGroups) {
    this(id, name, network, fixedIps, securityGroups, Optional.empty());
  }

  public PortSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(network, "network");
    fixedIps = Set.copyOf(new LinkedHashSet<>(fixedIps));
    securityGroups = Set.copyOf(securityGroups);
    Objects.requireNonNull(subnet, "subnet");
    if (fixedIps.isEmpty()) {
      throw new IllegalArgumentException("port " + name + " needs at least one fixed address");
    }
  }

  /** The addresses in ascending order, for messages and requests. */
  public List<Ipv4Address> sortedFixedIps() {
    return fixedIps.stream().sorted().toList();
  }

  @Override
  public Set<ResourceId> dependsOn() {
    if (subnet.isEmpty()) {
      return securityGroups;
    }
    Set<ResourceId> deps = new LinkedHashSet<>(securityGroups);
    deps.add(subnet.get());
    return Set.copyOf(deps);
  }
}
