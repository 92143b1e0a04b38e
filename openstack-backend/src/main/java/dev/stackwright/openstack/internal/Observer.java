package dev.stackwright.openstack.internal;

import dev.stackwright.spi.FloatingIpSpec;
import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.OwnedNames;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.model.Ipv4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what a cluster owns ({@link Inventory}: one filtered list per kind) and gives it back in the engine's terms:
 * names instead of ids for flavours, images and networks (cached look-ups), our own resources referred to by their
 * logical ids, user-data by its digests. Resources without the cluster's marker are not in it.
 */
final class Observer {
  private final CloudClient cloud;

  Observer(CloudClient cloud) {
    this.cloud = cloud;
  }

  Observation observe(String cluster) {
    Inventory inv = Inventory.observe(cloud, cluster, Optional.empty(), name -> OwnedNames.mayBeOf(cluster, name));
    NetworkObserver.Seen network = new NetworkObserver(cloud, cloud.networks()).observe(cluster);
    // cloud ids of our resources that others refer to, to their logical ids; each kind below adds its own
    Map<String, ResourceId> ours = new HashMap<>(network.ours());
    inv.securityGroups().forEach(g -> id(g.marker(), ResourceKind.SECURITY_GROUP).ifPresent(i -> ours.put(g.id(), i)));
    inv.ports().forEach(p -> id(p.marker(), ResourceKind.PORT).ifPresent(i -> ours.put(p.id(), i)));
    List<Observed> found = new ArrayList<>(network.observed());
    keypairs(cluster, inv, ours, found);
    serverGroups(cluster, inv, ours, found);
    securityGroups(inv, ours, found);
    Map<String, ResourceId> portOfServer = ports(inv, ours, found);
    servers(inv, ours, portOfServer, found);
    floatingIps(inv, ours, found);
    return Observation.of(cluster, found);
  }

  private static void keypairs(String cluster, Inventory inv, Map<String, ResourceId> ours, List<Observed> found) {
    for (Inventory.KeypairState k : inv.keypairs()) {
      OwnedNames.keyOf(cluster, ResourceKind.KEYPAIR, k.name(), false).ifPresent(key -> {
        ResourceId id = ResourceId.of(ResourceKind.KEYPAIR, key);
        ours.put(k.name(), id);
        found.add(new Observed(id, k.name(), new KeypairSpec(id, k.name(), k.publicKey()), Map.of()));
      });
    }
  }

  /** A server group is ours by its name, or by a server of ours in it; how many of its members are ours is a fact. */
  private static void serverGroups(String cluster, Inventory inv, Map<String, ResourceId> ours,
      List<Observed> found) {
    Set<String> ourServers = new HashSet<>();
    inv.servers().stream().filter(s -> id(s.marker(), ResourceKind.SERVER).isPresent())
        .forEach(s -> ourServers.add(s.id()));
    for (Inventory.ServerGroupState g : inv.serverGroups()) {
      long mine = g.members().stream().filter(ourServers::contains).count();
      OwnedNames.keyOf(cluster, ResourceKind.SERVER_GROUP, g.name(), mine > 0).ifPresent(key -> {
        ResourceId id = ResourceId.of(ResourceKind.SERVER_GROUP, key);
        ours.put(g.id(), id);
        found.add(new Observed(id, g.id(), new ServerGroupSpec(id, g.name(), g.policy()), Map.of(
            Observed.Facts.USED_BY, String.valueOf(mine),
            Observed.Facts.FOREIGN_MEMBERS, String.valueOf(g.members().size() - mine))));
      });
    }
  }

  private static void securityGroups(Inventory inv, Map<String, ResourceId> ours, List<Observed> found) {
    Map<String, Integer> portsOfGroup = new HashMap<>();
    inv.ports().forEach(p -> p.securityGroupIds().forEach(g -> portsOfGroup.merge(g, 1, Integer::sum)));
    for (Inventory.SecurityGroupState g : inv.securityGroups()) {
      Optional<ResourceId> id = id(g.marker(), ResourceKind.SECURITY_GROUP);
      if (id.isEmpty()) {
        continue;
      }
      List<RuleSpec> rules = new ArrayList<>();
      for (Inventory.RuleState r : g.rules()) {
        rule(r.spec(), ours).ifPresent(rules::add);
      }
      found.add(new Observed(id.get(), g.id(), new SecurityGroupSpec(id.get(), g.name(), g.description(), rules),
          Map.of(Observed.Facts.USED_BY, String.valueOf(portsOfGroup.getOrDefault(g.id(), 0)))));
    }
  }

  /** Our ports; returns which of them each server (by cloud id) is on. */
  private Map<String, ResourceId> ports(Inventory inv, Map<String, ResourceId> ours, List<Observed> found) {
    Map<String, ResourceId> portOfServer = new HashMap<>();
    for (Inventory.PortState p : inv.ports()) {
      Optional<ResourceId> id = id(p.marker(), ResourceKind.PORT);
      if (id.isEmpty()) {
        continue;
      }
      Set<Ipv4Address> addresses = new LinkedHashSet<>();
      p.fixedIps().forEach(ip -> Ipv4Address.tryParse(ip.address()).ifPresent(addresses::add));
      Set<ResourceId> groups = new LinkedHashSet<>();
      p.securityGroupIds().forEach(g -> Optional.ofNullable(ours.get(g)).ifPresent(groups::add));
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put(Observed.Facts.MAC, p.mac());
      facts.put(Observed.Facts.STATUS, p.status());
      if (!p.deviceId().isEmpty()) {
        portOfServer.put(p.deviceId(), id.get());
        facts.put(Observed.Facts.DEVICE, p.deviceId());
      }
      // the owned subnet its addresses are on, as the engine names it; none on a network the cluster uses
      Optional<ResourceId> subnet = p.fixedIps().stream().map(ip -> ours.get(ip.subnetId()))
          .filter(s -> s != null && s.kind() == ResourceKind.SUBNET).findFirst();
      found.add(new Observed(id.get(), p.id(), new PortSpec(id.get(), p.name(),
          cloud.lookups().networkName(p.networkId()), addresses.isEmpty() ? Set.of(Ipv4Address.parse("0.0.0.0"))
              : addresses, groups, subnet), facts));
    }
    return portOfServer;
  }

  private void servers(Inventory inv, Map<String, ResourceId> ours, Map<String, ResourceId> portOfServer,
      List<Observed> found) {
    Map<String, ResourceId> groupOfServer = new HashMap<>();
    inv.serverGroups().stream().filter(g -> ours.containsKey(g.id()))
        .forEach(g -> g.members().forEach(m -> groupOfServer.put(m, ours.get(g.id()))));
    for (Inventory.ServerState s : inv.servers()) {
      Optional<ResourceId> id = id(s.marker(), ResourceKind.SERVER);
      if (id.isEmpty()) {
        continue;
      }
      String flavor = s.flavorName().orElseGet(() -> cloud.lookups().flavorById(s.flavorId())
          .map(Lookups.FlavorRef::name).orElse(s.flavorId()));
      ResourceId port = portOfServer.getOrDefault(s.id(), ServerSpec.NO_PORT);
      ServerSpec spec = new ServerSpec(id.get(), s.name(), flavor, cloud.lookups().imageName(s.imageId()), port,
          s.keyName().map(ours::get), Optional.ofNullable(groupOfServer.get(s.id())), "",
          DigestMetadata.userDataSha256(s.metadata()), DigestMetadata.fileDigests(s.metadata()),
          DigestMetadata.withoutOurs(s.metadata()));
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put(Observed.Facts.STATUS, s.status());
      fault(s).ifPresent(f -> facts.put(Observed.Facts.FAULT, f));
      found.add(new Observed(id.get(), s.id(), spec, facts));
    }
  }

  private void floatingIps(Inventory inv, Map<String, ResourceId> ours, List<Observed> found) {
    for (Inventory.FloatingIpState f : inv.floatingIps()) {
      Optional<ResourceId> id = id(f.marker(), ResourceKind.FLOATING_IP);
      if (id.isEmpty()) {
        continue;
      }
      ResourceId port = f.portId().map(ours::get).orElse(ResourceId.of(ResourceKind.PORT, "none"));
      // the owned router the address goes through; none when the router is someone else's
      Optional<ResourceId> router = f.routerId().map(ours::get).filter(r -> r.kind() == ResourceKind.ROUTER);
      found.add(new Observed(id.get(), f.id(), new FloatingIpSpec(id.get(), "fip-" + id.get().key(),
          cloud.lookups().networkName(f.networkId()), port, router), Map.of(Observed.Facts.ADDRESS, f.address())));
    }
  }

  /**
   * A server's fault. Nova's list leaves it out for a server that no host took (buried in cell0), and only a GET of
   * that server gives it: one request per server in ERROR, none for a converged cluster.
   */
  private Optional<String> fault(Inventory.ServerState s) {
    if (s.fault().isPresent() || !"ERROR".equals(s.status())) {
      return s.fault();
    }
    return cloud.nova().server(s.id(), "server " + s.name()).flatMap(full -> Inventory.server(full).fault());
  }

  /** Our ingress IPv4 rules; Neutron's default egress rules are not ours to manage. */
  private static Optional<RuleSpec> rule(NeutronValues.RuleSpec r, Map<String, ResourceId> ours) {
    if (!r.direction().equals("ingress") || !r.ethertype().equals("IPv4") || r.protocol().isEmpty()) {
      return Optional.empty();
    }
    Optional<ResourceId> group = r.remoteGroupId().map(ours::get);
    if (r.remoteGroupId().isPresent() && group.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> cidr = group.isPresent() ? Optional.empty() : Optional.of(r.remoteIpPrefix().orElse("0.0.0.0/0"));
    return Optional.of(new RuleSpec(r.protocol().get(), r.portMin().orElse(0), r.portMax().orElse(65535), cidr,
        group, r.description()));
  }

  static Optional<ResourceId> id(Optional<Marker> marker, ResourceKind kind) {
    return marker.flatMap(m -> {
      try {
        ResourceId id = ResourceId.parse(m.logicalId());
        return id.kind() == kind ? Optional.of(id) : Optional.empty();
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    });
  }
}
