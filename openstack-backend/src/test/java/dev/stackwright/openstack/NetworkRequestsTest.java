package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.model.Ipv4Network;
import dev.stackwright.openstack.FakeOpenStack.Answer;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.NetworkSpec;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RouterSpec;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An owned router and network deleted on a scripted cloud (the order Neutron needs, what is never deleted), and a used
 * network described (its subnet read anew each time, the network looked up once).
 */
class NetworkRequestsTest {
  private static final ResourceId NETWORK = ResourceId.of(ResourceKind.NETWORK, "internal");
  private static final ResourceId SUBNET = ResourceId.of(ResourceKind.SUBNET, "internal");
  private static final ResourceId ROUTER = ResourceId.of(ResourceKind.ROUTER, "internal");
  private final FakeOpenStack cloud = FakeOpenStack.start();

  @AfterEach
  void stop() {
    cloud.close();
  }

  private OpenStackBackend backend() {
    return OpenStackBackend.builder().credentials(cloud.credentials()).build();
  }

  @Test
  void aRouterLosesItsInterfaceThenItsGatewayBeforeItIsDeleted() {
    // given
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": [{\"id\": \"pr\", \"device_id\": \"r-9\","
        + " \"device_owner\": \"network:router_interface\", \"fixed_ips\": [{\"subnet_id\": \"sub-9\","
        + " \"ip_address\": \"10.0.0.254\"}]}]}"));
    cloud.route("PUT", "/v2.0/routers/r-9/remove_router_interface", s -> Answer.json(200, "{}"));
    cloud.route("PUT", "/v2.0/routers/r-9", s -> Answer.json(200, "{\"router\": {}}"));
    cloud.route("DELETE", "/v2.0/routers/r-9", s -> Answer.json(204, ""));
    Observed router = new Observed(ROUTER, "r-9", new RouterSpec(ROUTER, "seed-router", "public", SUBNET), Map.of());

    // when
    backend().delete("seed", router);

    // then
    assertThat(cloud.requests()).filteredOn(r -> !r.method().equals("GET")).extracting(FakeOpenStack.Seen::line)
        .containsExactly("PUT /v2.0/routers/r-9/remove_router_interface", "PUT /v2.0/routers/r-9",
            "DELETE /v2.0/routers/r-9");
    assertThat(cloud.requests()).filteredOn(r -> r.method().equals("PUT")).extracting(FakeOpenStack.Seen::body)
        .containsExactly("{\"port_id\":\"pr\"}", "{\"router\":{\"external_gateway_info\":{}}}");
  }

  @Test
  void aRouterInterfaceAddedByASendWhoseAnswerWasLostIsTakenAsAdded() {
    // given: the interface list read before the add missed it; Neutron then refuses a second one on the subnet
    cloud.route("GET", "/v2.0/networks", s -> Answer.json(200, "{\"networks\": [{\"id\": \"net-2\", \"name\":"
        + " \"public\"}]}"));
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": []}"));
    cloud.route("PUT", "/v2.0/routers/r-9", s -> Answer.json(200, "{\"router\": {\"id\": \"r-9\"}}"));
    cloud.route("PUT", "/v2.0/routers/r-9/add_router_interface", s -> Answer.json(400, "{\"NeutronError\":"
        + " {\"type\": \"BadRequest\", \"message\": \"Bad router request: Router already has a port on subnet"
        + " sub-9.\", \"detail\": \"\"}}"));
    RouterSpec spec = new RouterSpec(ROUTER, "seed-router", "public", SUBNET);
    Observed router = new Observed(ROUTER, "r-9", spec, Map.of());

    // when
    Observed updated = backend().update("seed", router, spec, id -> java.util.Optional.of("sub-9"));

    // then
    assertThat(updated.cloudId()).isEqualTo("r-9");
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::line)
        .contains("PUT /v2.0/routers/r-9/add_router_interface");
  }

  @Test
  void aNetworkSomeoneElsesPortKeepsIsReportedWithThatPortsNameAndThePortIsLeftAlone() {
    // given
    cloud.route("DELETE", "/v2.0/networks/net-9", s -> Answer.json(409, "{\"NeutronError\": {\"type\":"
        + " \"NetworkInUse\", \"message\": \"Unable to complete operation on network net-9. There are one or more"
        + " ports still in use on the network.\", \"detail\": \"\"}}"));
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": [{\"id\": \"px\", \"name\": \"intruder\","
        + " \"device_owner\": \"\", \"description\": \"\"}, {\"id\": \"pd\", \"name\": \"\", \"device_owner\":"
        + " \"network:dhcp\"}]}"));
    Observed network = new Observed(NETWORK, "net-9", new NetworkSpec(NETWORK, "seed-internal"), Map.of());

    // then
    assertThatThrownBy(() -> backend().delete("seed", network)).isInstanceOf(BackendException.class)
        .hasMessageContaining("network seed-internal (net-9) of cluster seed is still used by port intruder (px),"
            + " not the cluster's").hasMessageContaining("openstack port delete px")
        .satisfies(e -> assertThat(((BackendException) e).reason()).isEqualTo(BackendException.Reason.CONFLICT));
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::method).containsOnlyOnce("DELETE");
  }

  @Test
  void aNetworkAlreadyGoneIsDeleted() {
    // given
    cloud.route("DELETE", "/v2.0/networks/net-9", s -> Answer.json(404, "{\"NeutronError\": {\"type\":"
        + " \"NetworkNotFound\", \"message\": \"Network net-9 could not be found.\", \"detail\": \"\"}}"));
    Observed network = new Observed(NETWORK, "net-9", new NetworkSpec(NETWORK, "seed-internal"), Map.of());

    // when
    backend().delete("seed", network);

    // then
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::line).containsExactly("DELETE /v2.0/networks/net-9");
  }

  @Test
  void describesAnExistingNetworkByItsIpv4Subnet() {
    // given
    routeInternal();

    // when
    var described = backend().describeNetwork("internal").orElseThrow();

    // then
    assertThat(described.cidr()).isEqualTo(Ipv4Network.parse("10.0.0.0/16"));
    assertThat(described.gateway()).map(Object::toString).contains("10.0.0.254");
    assertThat(described.pools()).singleElement().satisfies(p -> assertThat(p.first() + "-" + p.last())
        .isEqualTo("10.0.254.1-10.0.254.250"));
  }

  /** The cloud's network internal, n1, and its subnet. */
  private void routeInternal() {
    cloud.route("GET", "/v2.0/networks", s -> Answer.json(200, "{\"networks\": [{\"id\": \"n1\", \"name\":"
        + " \"internal\"}]}"));
    cloud.route("GET", "/v2.0/subnets", s -> Answer.json(200, "{\"subnets\": [{\"id\": \"s1\", \"network_id\":"
        + " \"n1\", \"cidr\": \"10.0.0.0/16\", \"gateway_ip\": \"10.0.0.254\", \"allocation_pools\": [{\"start\":"
        + " \"10.0.254.1\", \"end\": \"10.0.254.250\"}]}]}"));
  }

  @Test
  void aSecondDescriptionReadsOnlyTheSubnetsOfTheNetworkFoundTheFirstTime() {
    // given
    routeInternal();
    OpenStackBackend backend = backend();
    backend.describeNetwork("internal");
    int first = cloud.requests().size();

    // when
    backend.describeNetwork("internal");

    // then
    assertThat(cloud.requests().subList(first, cloud.requests().size())).extracting(FakeOpenStack.Seen::line)
        .containsExactly("GET /v2.0/subnets?network_id=n1&ip_version=4&limit=500");
  }

  @Test
  void aNetworkGoneSinceItWasFoundIsLookedUpByNameAgain() {
    // given
    routeInternal();
    OpenStackBackend backend = backend();
    backend.describeNetwork("internal");
    cloud.enqueue("GET", "/v2.0/subnets", Answer.json(200, "{\"subnets\": []}"));
    cloud.route("GET", "/v2.0/networks", s -> Answer.json(200, "{\"networks\": []}"));

    // then
    assertThatThrownBy(() -> backend.describeNetwork("internal")).isInstanceOf(BackendException.class)
        .hasMessageContaining("no network named \"internal\"");
  }

  @Test
  void aNetworkTheProjectDoesNotSeeIsNotFoundWithTheNamesItHas() {
    // given
    cloud.route("GET", "/v2.0/networks", s -> Answer.json(200, s.query().contains("name=") ? "{\"networks\": []}"
        : "{\"networks\": [{\"id\": \"n1\", \"name\": \"internal\"}]}"));

    // then
    assertThatThrownBy(() -> backend().describeNetwork("intrenal")).isInstanceOf(BackendException.class)
        .hasMessageContaining("no network named \"intrenal\"").hasMessageContaining("it has internal")
        .satisfies(e -> assertThat(((BackendException) e).reason()).isEqualTo(BackendException.Reason.NOT_FOUND));
  }
}
