package dev.stackwright.memory;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.FloatingIpSpec;
import dev.stackwright.spi.ExistingNetwork;
import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.NetworkSpec;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RouterSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.spi.SubnetSpec;
import dev.stackwright.Closest;
import dev.stackwright.model.Flavor;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the in-memory cloud admits, as OpenStack would: its catalogue (flavours, images, internal and external
 * networks), its quotas, the addresses already taken, and the MACs and floating addresses it hands out. Not
 * thread-safe: called under the cloud's lock.
 */
final class CloudRules {
  private final Map<String, Flavor> flavors;
  private final Set<String> images;
  private final Map<String, Ipv4Network> networks;
  private final Set<String> externalNetworks;
  private final Map<String, ExistingNetwork> described;
  private final Quotas quotas;
  private final AtomicInteger macs = new AtomicInteger();
  private final AtomicInteger floating = new AtomicInteger(10);

  /** The project's limits, as Nova and Neutron count them. */
  record Quotas(int instances, int cores, long ramMb, int ports) {}

  /** @param described the networks of {@code networks} whose subnet's gateway and pools the cloud tells */
  CloudRules(Map<String, Flavor> flavors, Set<String> images, Map<String, Ipv4Network> networks,
      Set<String> externalNetworks, Map<String, ExistingNetwork> described, Quotas quotas) {
    this.flavors = Map.copyOf(flavors);
    this.images = Set.copyOf(images);
    this.networks = Map.copyOf(networks);
    this.externalNetworks = Set.copyOf(externalNetworks);
    this.described = Map.copyOf(described);
    this.quotas = quotas;
  }

  /** The pre-made network {@code name} as described to the builder; empty for one given by its range alone. */
  Optional<ExistingNetwork> described(String name) {
    return Optional.ofNullable(described.get(name));
  }

  /** The state of its catalogue and counters, with {@code entries}, for the state file. */
  CloudState state(java.util.List<CloudEntry> entries) {
    return new CloudState(flavors, images, networks, externalNetworks, macs.get(), floating.get(), entries);
  }

  /** Goes on handing out MACs and floating addresses after those a kept cloud had handed out. */
  void resume(CloudState state) {
    macs.set(Math.max(macs.get(), state.macs()));
    floating.set(Math.max(floating.get(), state.floatingAddresses()));
  }

  /**
   * Checks a spec against the catalogue, the addresses in use and the quotas, given {@code all} the cloud holds
   * ({@code replacing}, the cloud id of the entry the spec updates, or null); fills in facts (MAC, address).
   */
  void check(ResourceSpec spec, Map<String, String> facts, String replacing, Collection<CloudEntry> all) {
    if (spec instanceof SubnetSpec subnet) {
      checkSubnet(subnet);
    } else if (spec instanceof RouterSpec router && !externalNetworks.contains(router.externalNetwork())) {
      throw missing(spec.id(), "external network", router.externalNetwork(), externalNetworks);
    } else if (spec instanceof PortSpec port) {
      checkPort(port, facts, replacing, all);
    } else if (spec instanceof ServerSpec server) {
      checkServer(server, all);
    } else if (spec instanceof FloatingIpSpec fip) {
      if (!externalNetworks.contains(fip.externalNetwork())) {
        throw missing(spec.id(), "external network", fip.externalNetwork(), externalNetworks);
      }
      facts.putIfAbsent(Observed.Facts.ADDRESS, "203.0.113." + floating.getAndIncrement());
    }
    if (spec instanceof KeypairSpec) { // as Nova: a keypair's name is unique, a server group's is not
      checkNameFree(spec, replacing, all);
    }
  }

  /** As Neutron: the gateway and the allocation pool lie in the range, the gateway outside the pool. */
  private static void checkSubnet(SubnetSpec subnet) {
    String refused = null;
    if (!subnet.cidr().contains(subnet.allocationPool())) {
      refused = "allocation pool " + subnet.allocationPool() + " is not inside " + subnet.cidr();
    } else if (subnet.gateway().filter(g -> !subnet.cidr().contains(g)).isPresent()) {
      refused = "gateway " + subnet.gateway().get() + " is not inside " + subnet.cidr();
    } else if (subnet.gateway().filter(g -> subnet.allocationPool().contains(g)).isPresent()) {
      refused = "gateway " + subnet.gateway().get() + " lies in the allocation pool " + subnet.allocationPool();
    }
    if (refused != null) {
      throw new BackendException(Reason.REFUSED, subnet.id(), refused, 400, null, null);
    }
  }

  private void checkPort(PortSpec port, Map<String, String> facts, String replacing, Collection<CloudEntry> all) {
    ResourceId id = port.id();
    Ipv4Network net = owned(port.network(), all).or(() -> Optional.ofNullable(networks.get(port.network())))
        .orElseThrow(() -> missing(id, "network", port.network(), networkNames(all)));
    long ports = all.stream().filter(e -> e.spec() instanceof PortSpec).count();
    if (replacing == null && ports >= quotas.ports()) {
      throw quota(id, "ports", quotas.ports());
    }
    for (Ipv4Address a : port.fixedIps()) {
      if (!net.contains(a)) {
        throw new BackendException(Reason.REFUSED, id, "address " + a + " is not on network " + port.network()
            + " (" + net + ")", 400, null, null);
      }
      checkAddressFree(port, a, replacing, all);
    }
    facts.putIfAbsent(Observed.Facts.MAC, String.format("fa:16:3e:%02x:%02x:%02x",
        (macs.get() >> 16) & 0xff, (macs.get() >> 8) & 0xff, macs.getAndIncrement() & 0xff));
  }

  /**
   * As Neutron: a floating IP ({@code refs}: the cloud ids it refers to) for a port on a network made in the cloud
   * needs a router from the port's subnet to its external network (a pre-made network is taken to have one).
   */
  static void checkReachable(ResourceSpec spec, Set<String> refs, Collection<CloudEntry> all) {
    CloudEntry port = all.stream().filter(e -> refs.contains(e.cloudId()) && e.spec() instanceof PortSpec)
        .findFirst().orElse(null);
    if (!(spec instanceof FloatingIpSpec fip) || port == null || owned(((PortSpec) port.spec()).network(), all)
        .isEmpty()) {
      return;
    }
    PortSpec p = (PortSpec) port.spec();
    boolean routed = all.stream().anyMatch(r -> r.spec() instanceof RouterSpec router
        && router.externalNetwork().equals(fip.externalNetwork())
        && port.refs().stream().anyMatch(r.refs()::contains));
    if (!routed) {
      throw new BackendException(Reason.REFUSED, fip.id(), "external network " + fip.externalNetwork()
          + " is not reachable from the subnet of port " + p.name() + ": no router joins them", 404, null, null);
    }
  }

  /** The range of the subnet of a network made in the cloud (ours or another's) under {@code name}. */
  static Optional<Ipv4Network> owned(String name, Collection<CloudEntry> all) {
    return all.stream().filter(e -> e.spec() instanceof NetworkSpec && e.spec().name().equals(name))
        .flatMap(n -> all.stream().filter(e -> e.spec() instanceof SubnetSpec && e.refs().contains(n.cloudId())))
        .map(e -> ((SubnetSpec) e.spec()).cidr()).findFirst();
  }

  private Set<String> networkNames(Collection<CloudEntry> all) {
    Set<String> names = new TreeSet<>(networks.keySet());
    all.stream().filter(e -> e.spec() instanceof NetworkSpec).forEach(e -> names.add(e.spec().name()));
    return names;
  }

  private static void checkAddressFree(PortSpec port, Ipv4Address a, String replacing, Collection<CloudEntry> all) {
    for (CloudEntry e : all) {
      if (!e.cloudId().equals(replacing) && e.spec() instanceof PortSpec other
          && other.network().equals(port.network()) && other.fixedIps().contains(a)) {
        throw new BackendException(Reason.CONFLICT, port.id(), "address " + a + " on network " + port.network()
            + " is already used by port " + other.name() + " (" + e.cloudId() + ")", 409, null, null);
      }
    }
  }

  private void checkServer(ServerSpec server, Collection<CloudEntry> all) {
    ResourceId id = server.id();
    Flavor flavor = Optional.ofNullable(flavors.get(server.flavor())).orElseThrow(() -> missing(id, "flavour",
        server.flavor(), flavors.keySet()));
    if (!images.contains(server.image())) {
      throw missing(id, "image", server.image(), images);
    }
    List<Flavor> used = all.stream().filter(e -> e.spec() instanceof ServerSpec)
        .map(e -> flavors.get(((ServerSpec) e.spec()).flavor())).filter(f -> f != null).toList();
    if (used.size() + 1 > quotas.instances()) {
      throw quota(id, "instances", quotas.instances());
    }
    if (used.stream().mapToInt(Flavor::vcpus).sum() + flavor.vcpus() > quotas.cores()) {
      throw quota(id, "cores", quotas.cores());
    }
    if (used.stream().mapToLong(Flavor::ramMb).sum() + flavor.ramMb() > quotas.ramMb()) {
      throw quota(id, "RAM (MB)", quotas.ramMb());
    }
  }

  private static void checkNameFree(ResourceSpec spec, String replacing, Collection<CloudEntry> all) {
    ResourceId id = spec.id();
    boolean taken = all.stream().anyMatch(e -> !e.cloudId().equals(replacing)
        && e.spec().id().kind() == id.kind() && e.spec().name().equals(spec.name()));
    if (taken) {
      throw new BackendException(Reason.CONFLICT, id, "a " + id.kind().id() + " named " + spec.name()
          + " already exists", 409, null, null);
    }
  }

  private static BackendException missing(ResourceId id, String what, String name, Set<String> known) {
    String closest = Closest.hint(name, known);
    return new BackendException(Reason.NOT_FOUND, id, "no " + what + " named \"" + name + "\" in the cloud; it has "
        + new TreeSet<>(known) + closest);
  }

  private static BackendException quota(ResourceId id, String what, long limit) {
    return new BackendException(Reason.QUOTA, id, "quota exceeded: " + what + " (limit " + limit + ")", 403, null,
        null);
  }
}
