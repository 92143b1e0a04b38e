package dev.stackwright.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The DHCP block as allocation pools: host addresses only, the gateway left out, the one rule every cloud gets. */
class SubnetSpecTest {
  private static final Ipv4Network CIDR = Ipv4Network.parse("10.0.0.0/16");

  private static AddressRange range(String first, String last) {
    return new AddressRange(Ipv4Address.parse(first), Ipv4Address.parse(last));
  }

  @Test
  void aBlockClearOfTheGatewayIsOneRangeOfItsHostAddresses() {
    // when
    List<AddressRange> pools = SubnetSpec.allocationRanges(CIDR, Optional.of(Ipv4Address.parse("10.0.0.254")),
        Ipv4Network.parse("10.0.254.0/24"));

    // then
    assertThat(pools).containsExactly(range("10.0.254.1", "10.0.254.254"));
  }

  @Test
  void aGatewayInsideTheBlockSplitsItInTwo() {
    // when
    List<AddressRange> pools = SubnetSpec.allocationRanges(CIDR, Optional.of(Ipv4Address.parse("10.0.254.100")),
        Ipv4Network.parse("10.0.254.0/24"));

    // then
    assertThat(pools).containsExactly(range("10.0.254.1", "10.0.254.99"), range("10.0.254.101", "10.0.254.254"));
  }

  @Test
  void theSubnetsOwnNetworkAndBroadcastAddressesAreNeverInAPool() {
    // when
    List<AddressRange> pools = SubnetSpec.allocationRanges(Ipv4Network.parse("10.0.0.0/24"), Optional.empty(),
        Ipv4Network.parse("10.0.0.0/24"));

    // then
    assertThat(pools).containsExactly(range("10.0.0.1", "10.0.0.254"));
  }
}
