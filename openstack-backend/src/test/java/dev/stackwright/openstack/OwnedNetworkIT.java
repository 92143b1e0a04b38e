package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.openstack.internal.Request;
import dev.stackwright.openstack.internal.Service;
import dev.stackwright.spi.AddressRange;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.ExistingNetwork;
import dev.stackwright.spi.FloatingIpSpec;
import dev.stackwright.spi.NetworkSpec;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RouterSpec;
import dev.stackwright.spi.SubnetSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The network a cluster owns, made through the backend on the real cloud (no engine: the specs the engine would
 * give): the network, its subnet, the router to the cloud's external network, a port on the subnet and a floating IP
 * through the router. Each test's network has a name of its own ({@code <cluster>-internal}) and overlaps the
 * cloud's {@code internal}, which Neutron allows (allow_overlapping_ips). The loopback cloud has no L3 agent: the
 * router is Neutron's database rows, and no packet goes through it.
 */
@Tag("integration")
class OwnedNetworkIT {
  private static final ResourceId NETWORK = ResourceId.of(ResourceKind.NETWORK, "internal");
  private static final ResourceId SUBNET = ResourceId.of(ResourceKind.SUBNET, "internal");
  private static final ResourceId ROUTER = ResourceId.of(ResourceKind.ROUTER, "internal");
  private static final ResourceId PORT = ResourceId.of(ResourceKind.PORT, "webserver-1");
  private static final ResourceId FIP = ResourceId.of(ResourceKind.FLOATING_IP, "webserver-1");

  private final OpenStackBackend cloud = OpenStackBackend.builder().credentials(RealCloud.credentials()).build();
  private final String cluster = RealCloud.uniqueClusterName("ownnet");
  private final String networkName = cluster + "-internal";
  private final Map<ResourceId, String> made = new ConcurrentHashMap<>();
  private String foreignPort;

  @AfterEach
  void cleanUp() {
    if (foreignPort != null) {
      cloud.client().http().send(Request.delete(Service.NETWORK, "/ports/" + foreignPort), "the test's port");
    }
    List<Observed> left = cloud.observe(cluster).resources().stream()
        .sorted(Comparator.comparing((Observed o) -> o.id().kind()).reversed()).toList();
    left.forEach(o -> cloud.delete(cluster, o));
  }

  private Observed create(ResourceSpec spec) {
    Observed o = cloud.create(cluster, spec, id -> Optional.ofNullable(made.get(id)));
    made.put(o.id(), o.cloudId());
    return o;
  }

  private static SubnetSpec subnet(String block, List<String> dns) {
    return new SubnetSpec(SUBNET, "internal-v4", NETWORK, Ipv4Network.parse("10.0.0.0/16"),
        Optional.of(Ipv4Address.parse("10.0.0.254")), Ipv4Network.parse(block),
        dns.stream().map(Ipv4Address::parse).toList());
  }

  private String external() {
    return RealCloud.externalNetwork(cloud).orElseThrow(() -> new AssertionError("the cloud has no external"
        + " network (the loopback cloud makes 'public')")).path("name").asText();
  }

  /** The network, subnet and router; returns the specs made. */
  private List<ResourceSpec> ownedNetwork() {
    List<ResourceSpec> specs = List.of(new NetworkSpec(NETWORK, networkName),
        subnet("10.0.254.0/24", List.of("10.0.0.1")), new RouterSpec(ROUTER, networkName + "-router", external(),
            SUBNET));
    specs.forEach(this::create);
    return specs;
  }

  private List<JsonNode> networksNamed(String name) {
    return cloud.client().http().list(Request.get(Service.NETWORK, "/networks").with("name", name), "networks",
        "networks named " + name);
  }

  @Test
  void aNetworkSubnetRouterPortAndFloatingIpAreObservedAsMadeAndDeletedWithTheNetworkLast() {
    // given: no network of that name before
    assertThat(networksNamed(networkName)).isEmpty();
    List<ResourceSpec> specs = new java.util.ArrayList<>(ownedNetwork());
    specs.add(new PortSpec(PORT, "port.10.3_webserver-1", networkName, Set.of(Ipv4Address.parse("10.0.10.3")),
        Set.of(), Optional.of(SUBNET)));
    specs.add(new FloatingIpSpec(FIP, "fip-webserver-1", external(), PORT, Optional.of(ROUTER)));
    specs.subList(3, 5).forEach(this::create);

    // when
    Observation seen = cloud.observe(cluster);

    // then: what the engine asked for, so its next plan is empty
    for (ResourceSpec s : specs) {
      assertThat(seen.get(s.id())).as(s.id().toString()).map(Observed::spec).contains(s);
    }
    assertThat(seen.get(NETWORK).orElseThrow().fact(Observed.Facts.FOREIGN_PORTS)).isEmpty();
    assertThat(seen.get(FIP).orElseThrow().fact(Observed.Facts.ADDRESS)).hasValueSatisfying(a ->
        assertThat(a).startsWith("203.0.113."));

    // and when: deleted in the engine's order, the network last
    seen.resources().stream().sorted(Comparator.comparing((Observed o) -> o.id().kind()).reversed())
        .forEach(o -> cloud.delete(cluster, o));

    // then
    assertThat(networksNamed(networkName)).isEmpty();
    assertThat(cloud.client().http().list(Request.get(Service.NETWORK, "/routers").with("name",
        networkName + "-router"), "routers", "routers")).isEmpty();
    assertThat(cloud.observe(cluster).resources()).isEmpty();
  }

  @Test
  void aSubnetsPoolsAndDnsServersAreChangedInPlace() {
    // given
    ownedNetwork();
    Observation before = cloud.observe(cluster);
    SubnetSpec changed = subnet("10.0.253.0/24", List.of("10.0.0.2", "10.0.0.3"));

    // when
    cloud.update(cluster, before.get(SUBNET).orElseThrow(), changed, id -> Optional.ofNullable(made.get(id)));

    // then
    Observed after = cloud.observe(cluster).get(SUBNET).orElseThrow();
    assertThat(after.spec()).isEqualTo(changed);
    assertThat(after.cloudId()).isEqualTo(before.get(SUBNET).orElseThrow().cloudId());
  }

  @Test
  void aNetworkCreatedAgainAfterALostAnswerIsFoundByItsMarkerNotMadeTwice() {
    // given
    Observed first = create(new NetworkSpec(NETWORK, networkName));

    // when: the engine, with no answer, sends the create again
    Observed second = create(new NetworkSpec(NETWORK, networkName));

    // then
    assertThat(second.cloudId()).isEqualTo(first.cloudId());
    assertThat(networksNamed(networkName)).hasSize(1);
  }

  @Test
  void someoneElsesPortOnTheOwnedNetworkIsAFactStopsItsDeletionByNameAndIsLeftAlone() {
    // given: a port made by hand on the cluster's network
    ownedNetwork();
    String intruder = "intruder-" + cluster;
    JsonNode port = cloud.client().http().create(Request.post(Service.NETWORK, "/ports", "{\"port\": {\"name\": \""
        + intruder + "\", \"network_id\": \"" + made.get(NETWORK) + "\"}}"), "port", "the test's port",
        Optional::empty);
    foreignPort = port.path("id").asText();
    Observation seen = cloud.observe(cluster);
    cloud.delete(cluster, seen.get(ROUTER).orElseThrow());

    // then
    assertThat(seen.get(NETWORK).orElseThrow().fact(Observed.Facts.FOREIGN_PORTS)).hasValueSatisfying(f ->
        assertThat(f).contains(intruder));
    assertThatThrownBy(() -> cloud.delete(cluster, seen.get(SUBNET).orElseThrow()))
        .isInstanceOf(BackendException.class).hasMessageContaining("still used by port " + intruder)
        .satisfies(e -> assertThat(((BackendException) e).reason()).isEqualTo(BackendException.Reason.CONFLICT));
    assertThatThrownBy(() -> cloud.delete(cluster, seen.get(NETWORK).orElseThrow()))
        .hasMessageContaining("still used by port " + intruder);
    assertThat(cloud.client().http().send(Request.get(Service.NETWORK, "/ports/" + foreignPort), "the test's port")
        .status()).isEqualTo(200);

    // and when: its owner deletes it
    cloud.client().http().send(Request.delete(Service.NETWORK, "/ports/" + foreignPort), "the test's port");
    foreignPort = null;
    cloud.delete(cluster, seen.get(SUBNET).orElseThrow());
    cloud.delete(cluster, seen.get(NETWORK).orElseThrow());

    // then
    assertThat(networksNamed(networkName)).isEmpty();
  }

  @Test
  void aUsedNetworkIsDescribedByItsSubnetsRangeGatewayAndPools() {
    // when: the loopback cloud's fixture network (fixtures.py)
    Optional<ExistingNetwork> internal = cloud.describeNetwork("internal");

    // then
    assertThat(internal).contains(new ExistingNetwork("internal", Ipv4Network.parse("10.0.0.0/16"),
        Optional.of(Ipv4Address.parse("10.0.0.254")), List.of(new AddressRange(Ipv4Address.parse("10.0.254.1"),
            Ipv4Address.parse("10.0.254.250")))));
    assertThatThrownBy(() -> cloud.describeNetwork(networkName)).isInstanceOf(BackendException.class)
        .hasMessageContaining("no network named \"" + networkName + "\"");
  }
}
