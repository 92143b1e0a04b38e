package dev.stackwright.openstack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.spi.AddressRange;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.SubnetSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An owned subnet's allocation pools from the DHCP block, and the block read back from Neutron's pools. */
class NetworkValuesTest {
  private static final Ipv4Network CIDR = Ipv4Network.parse("10.0.0.0/16");

  private static AddressRange range(String first, String last) {
    return new AddressRange(Ipv4Address.parse(first), Ipv4Address.parse(last));
  }

  private static Optional<Ipv4Address> gateway(String a) {
    return Optional.of(Ipv4Address.parse(a));
  }

  @Test
  void aBlockAwayFromTheGatewayIsOnePoolOfItsHostAddresses() {
    // when
    List<AddressRange> pools = NetworkValues.allocationPools(CIDR, gateway("10.0.0.254"),
        Ipv4Network.parse("10.0.254.0/24"));

    // then
    assertThat(pools).containsExactly(range("10.0.254.1", "10.0.254.254"));
  }

  @Test
  void aGatewayInsideTheBlockSplitsThePoolAroundIt() {
    // when
    List<AddressRange> pools = NetworkValues.allocationPools(CIDR, gateway("10.0.254.100"),
        Ipv4Network.parse("10.0.254.0/24"));

    // then
    assertThat(pools).containsExactly(range("10.0.254.1", "10.0.254.99"), range("10.0.254.101", "10.0.254.254"));
  }

  @Test
  void aGatewayAtTheBlocksFirstHostShortensThePool() {
    // when
    List<AddressRange> pools = NetworkValues.allocationPools(CIDR, gateway("10.0.254.1"),
        Ipv4Network.parse("10.0.254.0/24"));

    // then
    assertThat(pools).containsExactly(range("10.0.254.2", "10.0.254.254"));
  }

  @Test
  void theBlockIsReadBackFromThePoolsItMade() {
    // given
    Ipv4Network block = Ipv4Network.parse("10.0.254.0/24");
    List<AddressRange> pools = NetworkValues.allocationPools(CIDR, gateway("10.0.254.100"), block);

    // when
    Ipv4Network read = NetworkValues.blockOf(List.of(pools.get(1), pools.get(0)), CIDR, gateway("10.0.254.100"));

    // then
    assertThat(read).isEqualTo(block);
  }

  @Test
  void poolsChangedByHandReadAsABlockNoModelNames() {
    // given: someone narrowed the pool in Neutron
    List<AddressRange> pools = List.of(range("10.0.254.10", "10.0.254.200"));

    // when
    Ipv4Network read = NetworkValues.blockOf(pools, CIDR, gateway("10.0.0.254"));

    // then
    assertThat(read).isEqualTo(Ipv4Network.parse("10.0.254.10/32"));
  }

  @Test
  void aSubnetWithoutAGatewaySaysSoExplicitlySinceNeutronWouldOtherwiseTakeTheFirstAddress() {
    // given
    SubnetSpec s = new SubnetSpec(ResourceId.of(ResourceKind.SUBNET, "internal"), "seed-internal-v4",
        ResourceId.of(ResourceKind.NETWORK, "internal"), CIDR, Optional.empty(), Ipv4Network.parse("10.0.254.0/24"),
        List.of(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("9.9.9.9")));

    // when
    var fields = NetworkValues.changeableFields(s);

    // then
    assertThat(fields.has("gateway_ip")).isTrue();
    assertThat(fields.get("gateway_ip").isNull()).isTrue();
    assertThat(fields.get("dns_nameservers").toString()).isEqualTo("[\"10.0.0.1\",\"9.9.9.9\"]");
    assertThat(fields.get("allocation_pools").toString())
        .isEqualTo("[{\"start\":\"10.0.254.1\",\"end\":\"10.0.254.254\"}]");
  }
}
