package dev.stackwright.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.openstack.internal.Http;
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

  private PrivateNetwork(Http http, String name, String id) {
    this.http = http;
    this.name = name;
    this.id = id;
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
    return new PrivateNetwork(http, name, id);
  }

  String name() {
    return name;
  }

  String id() {
    return id;
  }

  /** Deletes the network, and first any port a failed run left on it (a passing run leaves none). */
  @Override
  public void close() {
    for (JsonNode port : http.list(Request.get(Service.NETWORK, "/ports").with("network_id", id), "ports",
        "ports left on " + name)) {
      http.send(Request.delete(Service.NETWORK, "/ports/" + port.path("id").asText()), "port left on " + name);
    }
    http.send(Request.delete(Service.NETWORK, "/networks/" + id), "network " + name);
  }
}
