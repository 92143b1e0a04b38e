package dev.stackwright.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Topologies;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.model.Cluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The template of a cluster that owns its network: the network, subnet, router and interface are the stack's. */
class HeatOwnedNetworkTest {
  private static final Cluster OWNED = Seed.named("seed").dsl().externalNetwork("public").ownNetwork()
      .dnsServers("10.0.0.1").build();

  private static Map<String, Object> resources() {
    return map(HeatTemplateTest.parse(HeatTemplate.of(OWNED, Topologies.renderer()).toYaml()).get("resources"));
  }

  private static Map<String, Object> properties(String resource) {
    return map(map(resources().get(resource)).get("properties"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @Test
  void theSubnetHasTheClustersRangeGatewayPoolAndDnsServers() {
    // when
    Map<String, Object> subnet = properties("subnet_internal");

    // then
    assertThat(map(resources().get("network_internal")).get("type")).isEqualTo("OS::Neutron::Net");
    assertThat(subnet).containsEntry("cidr", "10.0.0.0/16").containsEntry("gateway_ip", "10.0.0.254")
        .containsEntry("network", Map.of("get_resource", "network_internal"))
        .containsEntry("allocation_pools", List.of(Map.of("start", "10.0.254.1", "end", "10.0.254.254")))
        .containsEntry("dns_nameservers", List.of("10.0.0.1"));
  }

  @Test
  void theRoutersInterfaceIsOnTheSubnetAndTheFloatingIpsWaitForIt() {
    // when
    Map<String, Object> resources = resources();

    // then
    assertThat(properties("router_external_interface")).containsEntry("router", Map.of("get_resource",
        "router_external")).containsEntry("subnet", Map.of("get_resource", "subnet_internal"));
    assertThat(resources).hasEntrySatisfying("floating_ip_webserver-1",
        r -> assertThat(map(r).get("depends_on")).isEqualTo(List.of("router_external_interface")));
  }

  @Test
  void everyPortIsOnTheStacksNetworkWithItsAddressesOnTheSubnet() {
    // when
    Map<String, Object> port = properties("port_webserver-1");

    // then
    assertThat(port).containsEntry("network", Map.of("get_resource", "network_internal"));
    assertThat((List<?>) port.get("fixed_ips")).isNotEmpty().allSatisfy(ip -> assertThat(map(ip))
        .containsEntry("subnet", Map.of("get_resource", "subnet_internal")));
    assertThat(map(HeatTemplateTest.parse(HeatTemplate.of(OWNED, Topologies.renderer()).toYaml())
        .get("parameters"))).doesNotContainKey("network");
  }
}
