package dev.stackwright.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.openstack.internal.Http;
import dev.stackwright.openstack.internal.Reply;
import dev.stackwright.openstack.internal.Request;
import dev.stackwright.openstack.internal.Service;
import java.util.Optional;

/**
 * A network of the test's own with the seed's 10.0.0.0/16 subnet (no DHCP, like the cloud's "internal"), so the
 * seed's fixed addresses never meet those of another test run on the same cloud, and every port on it is the
 * cluster's: the admin listing counts them all. Deleted on close.
 */
final class PrivateNetwork implements AutoCloseable {
  private final Http http;
  private final String name;
  private final String id;
  private final String subnetId;
  /** The id of the router to an external network, when the network has one. */
  private final Optional<String> router;

  private PrivateNetwork(Http http, String name, String id, String subnetId, Optional<String> router) {
    this.http = http;
    this.name = name;
    this.id = id;
    this.subnetId = subnetId;
    this.router = router;
  }

  /**
   * The network, and a router of its own from it to the external network {@code externalNetworkId}, so that its
   * ports can have floating IPs.
   */
  static PrivateNetwork routed(OpenStackBackend cloud, String name, String externalNetworkId) {
    PrivateNetwork net = create(cloud, name);
    Http http = net.http;
    ObjectNode body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    body.putObject("router").put("name", name).putObject("external_gateway_info").put("network_id",
        externalNetworkId);
    String routerId = http.create(Request.post(Service.NETWORK, "/routers", body.toString()), "router",
        "router " + name, Optional::empty).path("id").asText();
    Reply added = http.send(Request.put(Service.NETWORK, "/routers/" + routerId + "/add_router_interface",
        "{\"subnet_id\": \"" + net.subnetId + "\"}"), "the interface of router " + name);
    if (!added.ok()) {
      throw new IllegalStateException("router " + name + " took no interface on " + name + ": HTTP " + added.status());
    }
    return new PrivateNetwork(http, name, net.id, net.subnetId, Optional.of(routerId));
  }

  static PrivateNetwork create(OpenStackBackend cloud, String name) {
    Http http = cloud.client().http();
    ObjectNode net = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    net.putObject("network").put("name", name).put("admin_state_up", true);
    String id = http.create(Request.post(Service.NETWORK, "/networks", net.toString()), "network",
        "network " + name, Optional::empty).path("id").asText();
    ObjectNode subnet = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    ObjectNode s = subnet.putObject("subnet").put("name", name + "-v4").put("network_id", id).put("ip_version", 4)
        .put("cidr", "10.0.0.0/16").put("gateway_ip", "10.0.0.254").put("enable_dhcp", false);
    s.putArray("allocation_pools").addObject().put("start", "10.0.254.1").put("end", "10.0.254.250");
    JsonNode made = http.create(Request.post(Service.NETWORK, "/subnets", subnet.toString()), "subnet",
        "subnet of " + name, Optional::empty);
    if (made.path("id").asText().isEmpty()) {
      throw new IllegalStateException("no subnet made on " + name + ": " + made);
    }
    return new PrivateNetwork(http, name, id, made.path("id").asText(), Optional.empty());
  }

  String name() {
    return name;
  }

  String id() {
    return id;
  }

  /**
   * Deletes the network, and first its router and any port a failed run left on it (a passing run leaves none).
   */
  @Override
  public void close() {
    router.ifPresent(r -> {
      http.send(Request.put(Service.NETWORK, "/routers/" + r + "/remove_router_interface",
          "{\"subnet_id\": \"" + subnetId + "\"}"), "the interface of router " + name);
      http.send(Request.delete(Service.NETWORK, "/routers/" + r), "router " + name);
    });
    for (JsonNode port : http.list(Request.get(Service.NETWORK, "/ports").with("network_id", id), "ports",
        "ports left on " + name)) {
      http.send(Request.delete(Service.NETWORK, "/ports/" + port.path("id").asText()), "port left on " + name);
    }
    http.send(Request.delete(Service.NETWORK, "/networks/" + id), "network " + name);
  }
}
