package dev.stackwright.nodes.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {
  private final Catalogue catalogue = new Catalogue(Map.of("m1", new int[] {1, 512}),
      Map.of("debian-12", Path.of("/nonexistent")), "internal", Ipv4Network.parse("10.0.0.0/16"),
      Duration.ofSeconds(60));

  private static PortSpec port(String key, String network, String... addresses) {
    return new PortSpec(ResourceId.of(ResourceKind.PORT, key), "c-" + key, network,
        java.util.Arrays.stream(addresses).map(Ipv4Address::parse).collect(java.util.stream.Collectors.toSet()),
        Set.of());
  }

  private static Entry entry(String cloudId, PortSpec p) {
    return new Entry(cloudId, Optional.of("c"), Optional.of(p.id()), p, Map.of(), Map.of(), Set.of());
  }

  @Test
  void anAddressAnotherPortHoldsIsAConflictNamingThatPort() {
    // given
    List<Entry> all = List.of(entry("p1", port("holder", "internal", "10.0.10.3")));

    // then
    assertThatThrownBy(() -> Ports.check(port("new", "internal", "10.0.10.4", "10.0.10.3"), catalogue, all, null))
        .isInstanceOfSatisfying(BackendException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(BackendException.Reason.CONFLICT))
        .hasMessageContaining("10.0.10.3").hasMessageContaining("c-holder");
  }

  @Test
  void aPortKeepsItsOwnAddressesWhenItIsUpdated() {
    List<Entry> all = List.of(entry("p1", port("holder", "internal", "10.0.10.3")));
    assertThatCode(() -> Ports.check(port("holder", "internal", "10.0.10.3", "10.0.10.9"), catalogue, all, "p1"))
        .doesNotThrowAnyException();
  }

  @Test
  void theRigsOwnAddressAndOneOffTheNetworkAreRefused() {
    assertThatThrownBy(() -> Ports.check(port("a", "internal", "10.0.255.254"), catalogue, List.of(), null))
        .hasMessageContaining("10.0.255.254, the rig's own");
    assertThatThrownBy(() -> Ports.check(port("b", "internal", "10.1.0.3"), catalogue, List.of(), null))
        .hasMessageContaining("10.1.0.3 is not a node's address on network internal (10.0.0.0/16");
  }

  @Test
  void anUnknownNetworkIsNotFoundAndNamesTheRigs() {
    assertThatThrownBy(() -> Ports.check(port("a", "internl", "10.0.1.3"), catalogue, List.of(), null))
        .isInstanceOfSatisfying(BackendException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(BackendException.Reason.NOT_FOUND))
        .hasMessageContaining("\"internl\"").hasMessageContaining("[internal]");
  }

  @Test
  void anImageWhoseRootfsIsMissingSaysHowToBuildIt() {
    ResourceId id = ResourceId.of(ResourceKind.SERVER, "vm");
    assertThatThrownBy(() -> catalogue.rootfs(id, "debian-12")).hasMessageContaining("/nonexistent")
        .hasMessageContaining("nodes/rig/image.sh build");
  }
}
