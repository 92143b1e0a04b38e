package dev.stackwright.spi;

import dev.stackwright.model.Ipv4Address;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A port on an existing network (looked up by name) with fixed addresses, one per role the VM carries, and our
 * security groups set on the port. The addresses and groups are sets: the cloud does not keep their order.
 */
public record PortSpec(ResourceId id, String name, String network, Set<Ipv4Address> fixedIps,
    Set<ResourceId> securityGroups) implements ResourceSpec {

  public PortSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(network, "network");
    fixedIps = Set.copyOf(new LinkedHashSet<>(fixedIps));
    securityGroups = Set.copyOf(securityGroups);
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
    return securityGroups;
  }
}
