package dev.stackwright.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.NetworkSpec;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.SubnetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An owned network on the rig: records of its one bridge. */
class NetworksTest {
  private static final ResourceId NET = ResourceId.of(ResourceKind.NETWORK, "internal");
  private static final ResourceId SUBNET = ResourceId.of(ResourceKind.SUBNET, "internal");
  private final Catalogue catalogue = new Catalogue(Map.of(), Map.of(), "internal", Ipv4Network.parse("10.0.0.0/16"),
      Duration.ofSeconds(60));

  private static SubnetSpec subnet(String cidr) {
    return new SubnetSpec(SUBNET, "c-internal-subnet", NET, Ipv4Network.parse(cidr), Optional.empty(),
        Ipv4Network.parse("10.0.254.0/24"), List.of());
  }

  private static Entry entry(String cloudId, Optional<String> cluster, dev.stackwright.spi.ResourceSpec spec,
      Set<String> refs) {
    return new Entry(cloudId, cluster, cluster.map(c -> spec.id()), spec, Map.of(), Map.of(), refs);
  }

  @Test
  void aSubnetOfAnotherRangeThanTheBridgesIsRefusedNamingBoth() {
    assertThatThrownBy(() -> Networks.check(subnet("10.1.0.0/16"), catalogue))
        .isInstanceOf(BackendException.class).hasMessageContaining("10.1.0.0/16")
        .hasMessageContaining("the rig's network 10.0.0.0/16");
  }

  @Test
  void aSubnetOfTheBridgesRangeIsARecord() {
    assertThatCode(() -> Networks.check(subnet("10.0.0.0/16"), catalogue)).doesNotThrowAnyException();
  }

  @Test
  void aPortOnAMadeNetworkPassesUnderItsNameAndRefersToItAndItsSubnet() {
    // given
    List<Entry> all = List.of(entry("n1", Optional.of("c"), new NetworkSpec(NET, "c-internal"), Set.of()),
        entry("s1", Optional.of("c"), subnet("10.0.0.0/16"), Set.of("n1")));
    PortSpec port = new PortSpec(ResourceId.of(ResourceKind.PORT, "p"), "p", "c-internal",
        Set.of(Ipv4Address.parse("10.0.10.3")), Set.of());

    // when / then
    assertThatCode(() -> Ports.check(port, catalogue, all, null)).doesNotThrowAnyException();
    assertThat(Networks.madeUnder("c-internal", all)).containsExactly("n1", "s1");
    assertThat(Networks.madeUnder("internal", all)).isEmpty();
  }
}
