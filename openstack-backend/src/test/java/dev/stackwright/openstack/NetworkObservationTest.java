package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.openstack.FakeOpenStack.Answer;
import dev.stackwright.spi.FloatingIpSpec;
import dev.stackwright.spi.NetworkSpec;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RouterSpec;
import dev.stackwright.spi.SubnetSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cluster that owns its network, observed on a scripted cloud: the network, subnet and router given back in the
 * engine's terms, the ports on the network that are not the cluster's as a fact, and a constant cost.
 */
class NetworkObservationTest {
  private static final ResourceId NETWORK = ResourceId.of(ResourceKind.NETWORK, "internal");
  private static final ResourceId SUBNET = ResourceId.of(ResourceKind.SUBNET, "internal");
  private static final ResourceId ROUTER = ResourceId.of(ResourceKind.ROUTER, "internal");
  private final FakeOpenStack cloud = FakeOpenStack.start();

  @AfterEach
  void stop() {
    cloud.close();
  }

  private static String marker(String id) {
    return "\"description\": \"stackwright cluster=seed id=" + id + "\"";
  }

  private static String port(String id, String name, String description, String owner, String device, String ip) {
    return "{\"id\": \"" + id + "\", \"name\": \"" + name + "\", " + description + ", \"network_id\": \"net-9\","
        + " \"device_owner\": \"" + owner + "\", \"device_id\": \"" + device + "\", \"fixed_ips\": [{\"subnet_id\":"
        + " \"sub-9\", \"ip_address\": \"" + ip + "\"}], \"security_groups\": [], \"status\": \"ACTIVE\","
        + " \"mac_address\": \"fa:16:3e:00:00:01\"}";
  }

  /** Our network, subnet, router, a port and its floating IP; on the network also a DHCP port and someone's. */
  private void ownedNetwork() {
    String ours = port("p1", "port.100.1_worker-1", marker("port/worker-1"), "compute:nova", "s1", "10.0.100.1");
    String onNetwork = String.join(", ", ours,
        port("pr", "", "\"description\": \"\"", "network:router_interface", "r-9", "10.0.0.254"),
        port("pd", "", "\"description\": \"\"", "network:dhcp", "dhcp-1", "10.0.254.2"),
        port("px", "intruder", "\"description\": \"\"", "compute:nova", "vm-x", "10.0.254.3"));
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": [" + (s.query().contains("network_id")
        ? onNetwork : ours) + "]}"));
    cloud.route("GET", "/v2.0/networks", s -> Answer.json(200, "{\"networks\": [{\"id\": \"net-9\", \"name\":"
        + " \"seed-internal\", " + marker("network/internal") + "}, {\"id\": \"net-2\", \"name\": \"public\"},"
        + " {\"id\": \"net-3\", \"name\": \"other\", \"description\": \"stackwright cluster=prod"
        + " id=network/internal\"}]}"));
    cloud.route("GET", "/v2.0/subnets", s -> Answer.json(200, "{\"subnets\": [{\"id\": \"sub-9\", \"name\":"
        + " \"seed-internal-v4\", " + marker("subnet/internal") + ", \"network_id\": \"net-9\", \"cidr\":"
        + " \"10.0.0.0/16\", \"gateway_ip\": \"10.0.0.254\", \"allocation_pools\": [{\"start\": \"10.0.254.1\","
        + " \"end\": \"10.0.254.254\"}], \"dns_nameservers\": [\"10.0.0.1\"]}]}"));
    cloud.route("GET", "/v2.0/routers", s -> Answer.json(200, "{\"routers\": [{\"id\": \"r-9\", \"name\":"
        + " \"seed-router\", " + marker("router/internal") + ", \"external_gateway_info\": {\"network_id\":"
        + " \"net-2\"}}]}"));
    cloud.route("GET", "/v2.0/floatingips", s -> Answer.json(200, "{\"floatingips\": [{\"id\": \"f1\","
        + " \"floating_ip_address\": \"203.0.113.20\", " + marker("floating-ip/worker-1") + ","
        + " \"floating_network_id\": \"net-2\", \"port_id\": \"p1\", \"router_id\": \"r-9\"}]}"));
    cloud.route("GET", "/v2.0/security-groups", s -> Answer.json(200, "{\"security_groups\": []}"));
    cloud.route("GET", "/v2.1/servers/detail", s -> Answer.json(200, "{\"servers\": []}"));
    cloud.route("GET", "/v2.1/os-keypairs", s -> Answer.json(200, "{\"keypairs\": []}"));
    cloud.route("GET", "/v2.1/os-server-groups", s -> Answer.json(200, "{\"server_groups\": []}"));
  }

  private Observation observe() {
    return OpenStackBackend.builder().credentials(cloud.credentials()).build().observe("seed");
  }

  @Test
  void theOwnedSubnetAndRouterComeBackInTheShapeTheEngineAsksFor() {
    // given
    ownedNetwork();

    // when
    Observation seen = observe();

    // then
    assertThat(seen.get(NETWORK).orElseThrow().spec()).isEqualTo(new NetworkSpec(NETWORK, "seed-internal"));
    assertThat(seen.get(SUBNET).orElseThrow().spec()).isEqualTo(new SubnetSpec(SUBNET, "seed-internal-v4", NETWORK,
        Ipv4Network.parse("10.0.0.0/16"), Optional.of(Ipv4Address.parse("10.0.0.254")),
        Ipv4Network.parse("10.0.254.0/24"), List.of(Ipv4Address.parse("10.0.0.1"))));
    assertThat(seen.get(ROUTER).orElseThrow().spec()).isEqualTo(new RouterSpec(ROUTER, "seed-router", "public",
        SUBNET));
  }

  @Test
  void aPortAndFloatingIpOnTheOwnedNetworkNameItsSubnetAndRouter() {
    // given
    ownedNetwork();

    // when
    Observation seen = observe();

    // then
    PortSpec port = (PortSpec) seen.get(ResourceId.of(ResourceKind.PORT, "worker-1")).orElseThrow().spec();
    FloatingIpSpec fip = (FloatingIpSpec) seen.get(ResourceId.of(ResourceKind.FLOATING_IP, "worker-1"))
        .orElseThrow().spec();
    assertThat(port.network()).isEqualTo("seed-internal");
    assertThat(port.subnet()).contains(SUBNET);
    assertThat(fip.router()).contains(ROUTER);
  }

  @Test
  void anotherClustersNetworkIsNotObserved() {
    // given: net-3 carries the marker of cluster prod
    ownedNetwork();

    // when
    Observation seen = observe();

    // then
    assertThat(seen.resources()).extracting(Observed::cloudId).contains("net-9").doesNotContain("net-3", "net-2");
  }

  @Test
  void onlyThePortsThatAreNeitherOursNorNeutronsNorOurRoutersAreForeign() {
    // given
    ownedNetwork();

    // when
    Observed network = observe().get(NETWORK).orElseThrow();

    // then
    assertThat(network.fact(Observed.Facts.FOREIGN_PORTS)).contains("intruder (px)");
  }

  @Test
  void aNetworkWithNothingButOurPortsHasNoForeignPorts() {
    // given
    ownedNetwork();
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": [" + port("p1", "port.100.1_worker-1",
        marker("port/worker-1"), "compute:nova", "s1", "10.0.100.1") + "]}"));

    // when
    Observed network = observe().get(NETWORK).orElseThrow();

    // then
    assertThat(network.fact(Observed.Facts.FOREIGN_PORTS)).isEmpty();
  }

  @Test
  void anOwnedNetworkCostsThreeListsMoreThanAUsedOneAfterTheFirstObservation() {
    // given
    ownedNetwork();
    OpenStackBackend backend = OpenStackBackend.builder().credentials(cloud.credentials()).build();
    backend.observe("seed");
    int first = cloud.requests().size();

    // when
    backend.observe("seed");

    // then: the seven lists of any cluster, then its subnets, routers and the ports on the one network
    assertThat(cloud.requests().subList(first, cloud.requests().size())).extracting(FakeOpenStack.Seen::path)
        .hasSize(10).containsOnlyOnce("/v2.0/subnets", "/v2.0/routers", "/v2.0/networks");
  }
}
