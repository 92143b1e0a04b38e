package dev.stackwright.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.spi.NetworkSpec;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RouterSpec;
import dev.stackwright.spi.SubnetSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the network a cluster owns. Every observation lists the project's networks (one request, unfiltered: ours
 * picked by their marker, and the names of the others remembered for the ports and floating IPs on them). Only when
 * the cluster has a network of its own: its subnets and routers by the cluster's tag (one list each) and the ports on
 * each of its networks (one list a network: the foreign ports that keep it from being deleted, and the routers'
 * interfaces). A router or subnet of ours never outlives our network: the router is made after the subnet, which is
 * made after the network, and all of them deleted before it.
 */
final class NetworkObserver {
  private final CloudClient cloud;
  private final NeutronNetworks neutron;

  /** The cluster's networks, subnets and routers as observed, and their cloud ids to their logical ids. */
  record Seen(List<Observed> observed, Map<String, ResourceId> ours) {}

  NetworkObserver(CloudClient cloud, NeutronNetworks neutron) {
    this.cloud = cloud;
    this.neutron = neutron;
  }

  Seen observe(String cluster) {
    List<JsonNode> all = neutron.networks();
    all.forEach(n -> cloud.lookups().rememberNetworkName(n.path("id").asText(), n.path("name").asText()));
    List<JsonNode> networks = marked(all.stream().filter(n -> Marker.fromDescription(n.path("description")
        .asText(null)).filter(m -> m.cluster().equals(cluster)).isPresent()).toList(), ResourceKind.NETWORK);
    if (networks.isEmpty()) {
      return new Seen(List.of(), Map.of()); // a router or subnet of ours lives only while our network does
    }
    List<JsonNode> routers = marked(neutron.routersOf(cluster), ResourceKind.ROUTER);
    List<JsonNode> subnets = marked(neutron.subnetsOf(cluster), ResourceKind.SUBNET);
    Map<String, ResourceId> ours = new HashMap<>();
    networks.forEach(n -> ours.put(n.path("id").asText(), logicalId(n, ResourceKind.NETWORK)));
    subnets.forEach(s -> ours.put(s.path("id").asText(), logicalId(s, ResourceKind.SUBNET)));
    routers.forEach(r -> ours.put(r.path("id").asText(), logicalId(r, ResourceKind.ROUTER)));
    Set<String> routerIds = routers.stream().map(r -> r.path("id").asText()).collect(Collectors.toSet());
    List<Observed> found = new ArrayList<>();
    Map<String, String> subnetOfRouter = new HashMap<>();
    for (JsonNode n : networks) {
      String name = n.path("name").asText();
      List<JsonNode> ports = neutron.portsOn(n.path("id").asText(), "network " + name);
      ports.stream().filter(p -> NeutronNetworks.isRouterPort(p) && routerIds.contains(p.path("device_id").asText()))
          .forEach(p -> NeutronValues.fixedIps(p).stream().filter(ip -> ours.containsKey(ip.subnetId())).findFirst()
              .ifPresent(ip -> subnetOfRouter.put(p.path("device_id").asText(), ip.subnetId())));
      String foreign = Observed.Facts.foreignPorts(NeutronNetworks.foreignPorts(ports, cluster, routerIds).stream()
          .map(p -> Map.entry(p.path("name").asText("").isEmpty() ? "port" : p.path("name").asText(),
              p.path("id").asText())).toList());
      ResourceId id = logicalId(n, ResourceKind.NETWORK);
      Map<String, String> facts = new LinkedHashMap<>();
      if (!foreign.isEmpty()) {
        facts.put(Observed.Facts.FOREIGN_PORTS, foreign);
      }
      found.add(new Observed(id, n.path("id").asText(), new NetworkSpec(id, name), facts));
    }
    for (JsonNode s : subnets) {
      subnet(s, ours).ifPresent(found::add);
    }
    for (JsonNode r : routers) {
      found.add(router(r, ours, Optional.ofNullable(subnetOfRouter.get(r.path("id").asText()))));
    }
    return new Seen(List.copyOf(found), Map.copyOf(ours));
  }

  private static Optional<Observed> subnet(JsonNode s, Map<String, ResourceId> ours) {
    Optional<Ipv4Network> cidr = Ipv4Network.tryParse(s.path("cidr").asText());
    if (cidr.isEmpty()) {
      return Optional.empty(); // not IPv4: not one stackwright made
    }
    ResourceId id = logicalId(s, ResourceKind.SUBNET);
    ResourceId network = ours.getOrDefault(s.path("network_id").asText(), ResourceId.of(ResourceKind.NETWORK,
        "none"));
    var gateway = NetworkValues.gateway(s);
    SubnetSpec spec = new SubnetSpec(id, s.path("name").asText(), network, cidr.get(), gateway,
        NetworkValues.blockOf(NetworkValues.pools(s), cidr.get(), gateway), NetworkValues.dnsServers(s));
    return Optional.of(new Observed(id, s.path("id").asText(), spec, Map.of()));
  }

  /** A router's gateway by its external network's name ("" for none), its interface by our subnet's id. */
  private Observed router(JsonNode r, Map<String, ResourceId> ours, Optional<String> subnetId) {
    ResourceId id = logicalId(r, ResourceKind.ROUTER);
    String external = Optional.of(r.path("external_gateway_info").path("network_id").asText(""))
        .filter(e -> !e.isEmpty()).map(e -> cloud.lookups().networkName(e)).orElse("");
    ResourceId subnet = subnetId.map(ours::get).orElse(ResourceId.of(ResourceKind.SUBNET, "none"));
    return new Observed(id, r.path("id").asText(), new RouterSpec(id, r.path("name").asText(), external, subnet),
        Map.of());
  }

  /** Those of the listed resources whose marker names a resource of this kind. */
  private static List<JsonNode> marked(List<JsonNode> listed, ResourceKind kind) {
    return listed.stream().filter(n -> Observer.id(Marker.fromDescription(n.path("description").asText(null)),
        kind).isPresent()).toList();
  }

  private static ResourceId logicalId(JsonNode n, ResourceKind kind) {
    return Observer.id(Marker.fromDescription(n.path("description").asText(null)), kind).orElseThrow();
  }
}
