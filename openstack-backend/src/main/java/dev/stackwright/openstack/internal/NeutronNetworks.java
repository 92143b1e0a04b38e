package dev.stackwright.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.spi.SubnetSpec;
import java.util.List;
import java.util.Set;

/**
 * The Neutron calls for a network the cluster owns: the network, its subnet, the router to an external network and
 * its interface. Lists are filtered by the cluster's tag, one request per kind; creates carry the marker in their
 * description and are looked for by it first ({@link Neutron#createTagged}); deletes take 404 as done. Thread-safe.
 */
final class NeutronNetworks {
  /** Ports Neutron makes and deletes with the network itself: they never keep it from being deleted. */
  private static final Set<String> NEUTRONS_OWN = Set.of("network:dhcp", "network:distributed");

  private final Http http;
  private final Neutron neutron;

  NeutronNetworks(Http http, Neutron neutron) {
    this.http = http;
    this.neutron = neutron;
  }

  // ---- lists ----

  /**
   * Every network the project sees, unfiltered: the cluster's own are picked by their marker on our side, and the
   * same answer gives the names of the networks the ports and floating IPs are on, so a cluster on a network it
   * does not own pays one list for both. Its answer grows with the project's networks, not with the cluster.
   */
  List<JsonNode> networks() {
    return http.list(Request.get(Service.NETWORK, "/networks"), "networks", "networks");
  }

  List<JsonNode> subnetsOf(String cluster) {
    return tagged("/subnets", "subnets", cluster);
  }

  List<JsonNode> routersOf(String cluster) {
    return tagged("/routers", "routers", cluster);
  }

  /** Every port on a network, whoever made it: one list (more only past a page). */
  List<JsonNode> portsOn(String networkId, String what) {
    return http.list(Request.get(Service.NETWORK, "/ports").with("network_id", networkId), "ports",
        "the ports on " + what);
  }

  private List<JsonNode> tagged(String path, String collection, String cluster) {
    return http.list(Request.get(Service.NETWORK, path).with("tags", Marker.clusterTag(cluster)), collection,
        "the " + collection + " of cluster " + cluster);
  }

  /**
   * The ports on an owned network that keep it from being deleted and are not the cluster's: neither carrying its
   * marker, nor Neutron's own (DHCP, metadata), nor an interface of one of the cluster's routers.
   */
  static List<JsonNode> foreignPorts(List<JsonNode> ports, String cluster, Set<String> ourRouterIds) {
    return ports.stream().filter(p -> Marker.fromDescription(p.path("description").asText(null))
        .filter(m -> m.cluster().equals(cluster)).isEmpty())
        .filter(p -> !NEUTRONS_OWN.contains(p.path("device_owner").asText("")))
        .filter(p -> !(isRouterPort(p) && ourRouterIds.contains(p.path("device_id").asText(""))))
        .toList();
  }

  static boolean isRouterPort(JsonNode port) {
    String owner = port.path("device_owner").asText("");
    return owner.startsWith("network:router_interface") || owner.startsWith("network:ha_router");
  }

  // ---- creates ----

  JsonNode createNetwork(String name, Marker marker) {
    ObjectNode n = Reply.JSON.createObjectNode();
    n.put("name", name).put("admin_state_up", true).put("description", marker.description());
    return neutron.createTagged("/networks", "network", "networks", n, "network " + name, marker);
  }

  /** An IPv4 subnet with the DHCP pool as its allocation pools ({@link NetworkValues#allocationPools}). */
  JsonNode createSubnet(SubnetSpec s, String networkId, Marker marker) {
    ObjectNode n = NetworkValues.changeableFields(s);
    n.put("network_id", networkId).put("ip_version", 4).put("cidr", s.cidr().toString()).put("enable_dhcp", true)
        .put("description", marker.description());
    return neutron.createTagged("/subnets", "subnet", "subnets", n, "subnet " + s.name(), marker);
  }

  /** A router whose gateway is on the external network; its interface is added apart ({@link #addInterface}). */
  JsonNode createRouter(String name, String externalNetworkId, Marker marker) {
    ObjectNode n = Reply.JSON.createObjectNode();
    n.put("name", name).put("admin_state_up", true).put("description", marker.description());
    n.putObject("external_gateway_info").put("network_id", externalNetworkId);
    return neutron.createTagged("/routers", "router", "routers", n, "router " + name, marker);
  }

  // ---- changes ----

  JsonNode updateSubnet(String id, SubnetSpec s) {
    return neutron.update("/subnets/" + id, "subnet", NetworkValues.changeableFields(s), "subnet " + s.name());
  }

  JsonNode updateRouter(String id, String name, String externalNetworkId) {
    ObjectNode n = Reply.JSON.createObjectNode();
    n.put("name", name);
    n.putObject("external_gateway_info").put("network_id", externalNetworkId);
    return neutron.update("/routers/" + id, "router", n, "router " + name);
  }

  /** The router's interfaces: its ports on internal networks. */
  List<JsonNode> interfacesOf(String routerId, String name) {
    return http.list(Request.get(Service.NETWORK, "/ports").with("device_id", routerId), "ports",
        "the interfaces of router " + name).stream().filter(NeutronNetworks::isRouterPort).toList();
  }

  /**
   * Gives the router an interface on the subnet unless it has one. Sent again after a lost answer, Neutron refuses
   * it as a second interface on the subnet (400), which is what was wanted.
   */
  void addInterface(String routerId, String name, String subnetId) {
    boolean has = interfacesOf(routerId, name).stream().anyMatch(p -> NeutronValues.fixedIps(p).stream()
        .anyMatch(ip -> ip.subnetId().equals(subnetId)));
    if (has) {
      return;
    }
    ObjectNode body = Reply.JSON.createObjectNode().put("subnet_id", subnetId);
    String what = "the interface of router " + name + " on subnet " + subnetId;
    Reply r = http.send(Request.put(Service.NETWORK, "/routers/" + routerId + "/add_router_interface",
        body.toString()), what);
    if (!r.ok() && !(r.status() == 400 && r.errorMessage().contains("already has a port"))) {
      throw CloudFailure.of(r, what, "adding " + what + " failed");
    }
  }

  // ---- deletes ----

  /**
   * Deletes a router: its interfaces first (Neutron refuses to delete a router that has any), then its gateway,
   * then itself. Each step takes 404 as done.
   */
  void deleteRouter(String id, String name) {
    for (JsonNode port : interfacesOf(id, name)) {
      ObjectNode body = Reply.JSON.createObjectNode().put("port_id", port.path("id").asText());
      String what = "the interface " + port.path("id").asText() + " of router " + name;
      Reply r = http.send(Request.put(Service.NETWORK, "/routers/" + id + "/remove_router_interface",
          body.toString()), what);
      if (!r.ok() && r.status() != 404) {
        throw CloudFailure.of(r, what, "removing " + what + " failed");
      }
    }
    ObjectNode clear = Reply.JSON.createObjectNode();
    clear.putObject("router").putObject("external_gateway_info");
    Reply r = http.send(Request.put(Service.NETWORK, "/routers/" + id, clear.toString()),
        "the gateway of router " + name);
    if (!r.ok() && r.status() != 404) {
      throw CloudFailure.of(r, "router " + name, "removing the gateway of router " + name + " failed");
    }
    neutron.delete("/routers/" + id, "router " + name);
  }

  /** Deletes a subnet; a port still on it is a 409 conflict. */
  void deleteSubnet(String id, String name) {
    neutron.delete("/subnets/" + id, "subnet " + name);
  }

  /** Deletes a network; a port still on it is a 409 conflict. */
  void deleteNetwork(String id, String name) {
    neutron.delete("/networks/" + id, "network " + name);
  }
}
