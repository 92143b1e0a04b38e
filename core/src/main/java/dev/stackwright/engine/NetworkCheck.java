package dev.stackwright.engine;

import dev.stackwright.InvalidClusterException;
import dev.stackwright.Problem;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Role;
import dev.stackwright.spi.AddressRange;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.ExistingNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The existing network a cluster uses, checked against its address plan before anything is made: the subnet's range
 * holds every role address, no role address lies in an allocation pool (DHCP would hand it to another port), the
 * gateway is on no role address, and it is the gateway the model names. Each mismatch is a {@link Problem} with its
 * path and fix, all thrown at once as for a model the DSL refuses. A network the cluster owns is made to fit, and a
 * backend that cannot describe the network checks nothing.
 */
final class NetworkCheck {
  private final Cluster cluster;
  private final ExistingNetwork existing;
  private final List<Problem> problems = new ArrayList<>();

  private NetworkCheck(Cluster cluster, ExistingNetwork existing) {
    this.cluster = cluster;
    this.existing = existing;
  }

  /** @throws InvalidClusterException naming every mismatch between the network and the address plan */
  static void check(Cluster cluster, Backend backend) {
    if (cluster.ownsNetwork()) {
      return;
    }
    backend.describeNetwork(cluster.internalNetworkName()).ifPresent(existing -> check(cluster, existing));
  }

  static void check(Cluster cluster, ExistingNetwork existing) {
    List<Problem> problems = new NetworkCheck(cluster, existing).problems();
    if (!problems.isEmpty()) {
      throw new InvalidClusterException(cluster.name(), problems);
    }
  }

  private List<Problem> problems() {
    for (Role role : cluster.roles()) {
      outsideRange(role).or(() -> inPool(role)).or(() -> onGateway(role)).ifPresent(problems::add);
    }
    gatewayNamed();
    return problems;
  }

  private String network() {
    return "the existing network \"" + existing.name() + "\"";
  }

  private Optional<Problem> outsideRange(Role role) {
    return role.addresses().stream().filter(a -> !existing.cidr().contains(a)).findFirst()
        .map(a -> rolePlaced(role, a, "outside the range " + existing.cidr() + " of " + network() + "'s subnet",
            "choose a block inside " + existing.cidr() + " (and write cluster.network(\"" + existing.cidr()
                + "\")), or use a network whose range holds it"));
  }

  private Optional<Problem> inPool(Role role) {
    for (Ipv4Address a : role.addresses()) {
      Optional<AddressRange> pool = existing.pools().stream().filter(p -> p.contains(a)).findFirst();
      if (pool.isPresent()) {
        return Optional.of(rolePlaced(role, a, "in the allocation pool " + pool.get() + " of " + network()
            + ", which DHCP may hand to another port", "choose a block outside the pools " + existing.pools()
            + ", or have the subnet's owner shrink them, or let the cluster own its network (cluster.ownNetwork())"));
      }
    }
    return Optional.empty();
  }

  private Optional<Problem> onGateway(Role role) {
    return existing.gateway().filter(g -> role.addresses().contains(g))
        .map(g -> rolePlaced(role, g, "on the gateway of " + network(), "start the block at another offset, or "
            + "choose another block"));
  }

  /** The rendered files name the model's gateway (the nodes' default route): it must be the subnet's. */
  private void gatewayNamed() {
    Optional<Ipv4Address> theirs = existing.gateway();
    Optional<Ipv4Address> ours = cluster.gateway();
    if (theirs.isPresent() && ours.isPresent() && !theirs.equals(ours)) {
      problems.add(Problem.of("cluster.gateway", ours.get(), "is not the gateway of " + network() + "'s subnet, "
          + theirs.get(), "write cluster.gateway(\"" + theirs.get() + "\")"));
    }
  }

  private static Problem rolePlaced(Role role, Ipv4Address address, String where, String fix) {
    int instance = role.addresses().indexOf(address) + 1;
    return Problem.of("role[" + role.name() + "].subnet", role.block().blockPrefix(), "puts instance " + instance
        + " at " + address + " " + where, fix);
  }
}
