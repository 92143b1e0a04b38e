package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.References;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The in-memory cloud refuses what OpenStack refuses. */
class InMemoryCloudTest {
  private final InMemoryCloud cloud = InMemoryCloud.builder().network("internal", "10.0.0.0/16")
      .flavor("hpc", 2, 8192).image("debian-12").instances(2).build();
  private final References none = id -> Optional.empty();

  private static PortSpec port(String key, String... addresses) {
    return new PortSpec(ResourceId.of(ResourceKind.PORT, key), "port-" + key, "internal",
        Set.of(addresses).stream().map(Ipv4Address::parse).collect(java.util.stream.Collectors.toSet()), Set.of());
  }

  private ServerSpec server(String key, String flavor) {
    return new ServerSpec(ResourceId.of(ResourceKind.SERVER, key), key, flavor, "debian-12",
        ResourceId.of(ResourceKind.PORT, key), Optional.empty(), Optional.empty(), "#cloud-config\n",
        ServerSpec.sha256("#cloud-config\n"), Map.of(), Map.of());
  }

  @Test
  void anAddressInUseIsAConflictNamingThePortThatHasIt() {
    cloud.create("c", port("a", "10.0.10.3"), none);
    assertThatThrownBy(() -> cloud.create("c", port("b", "10.0.10.3"), none))
        .isInstanceOfSatisfying(BackendException.class, e -> {
          assertThat(e.reason()).isEqualTo(BackendException.Reason.CONFLICT);
          assertThat(e.status()).contains(409);
        }).hasMessageContaining("10.0.10.3").hasMessageContaining("port-a");
  }

  @Test
  void anUnknownFlavourIsNotFoundWithWhatExistsAndTheClosest() {
    Observed p = cloud.create("c", port("s", "10.0.10.4"), none);
    assertThatThrownBy(() -> cloud.create("c", server("s", "hcp"), id -> Optional.of(p.cloudId())))
        .isInstanceOfSatisfying(BackendException.class,
            e -> assertThat(e.reason()).isEqualTo(BackendException.Reason.NOT_FOUND))
        .hasMessageContaining("no flavour named \"hcp\"").hasMessageContaining("[hpc]")
        .hasMessageContaining("did you mean \"hpc\"");
  }

  @Test
  void theInstanceQuotaIsEnforced() {
    for (String k : List.of("a", "b", "c")) {
      cloud.create("c", port(k, "10.0.50." + (k.charAt(0) - 'a' + 1)), none);
    }
    cloud.create("c", server("a", "hpc"), id -> cloud.find("c", id).map(Observed::cloudId));
    cloud.create("c", server("b", "hpc"), id -> cloud.find("c", id).map(Observed::cloudId));
    assertThatThrownBy(() -> cloud.create("c", server("c", "hpc"), id -> cloud.find("c", id).map(Observed::cloudId)))
        .isInstanceOfSatisfying(BackendException.class,
            e -> assertThat(e.reason()).isEqualTo(BackendException.Reason.QUOTA))
        .hasMessageContaining("instances (limit 2)");
  }

  @Test
  void aGroupOnAPortCannotBeDeletedButABoundPortCanAsInNeutron() {
    SecurityGroupSpec sg = new SecurityGroupSpec(ResourceId.of(ResourceKind.SECURITY_GROUP, "web"), "c-web", "",
        List.of(RuleSpec.tcpFrom(80, "0.0.0.0/0", "web")));
    Observed group = cloud.create("c", sg, none);
    PortSpec spec = new PortSpec(ResourceId.of(ResourceKind.PORT, "w"), "port-w", "internal",
        Set.of(Ipv4Address.parse("10.0.10.9")), Set.of(sg.id()));
    Observed port = cloud.create("c", spec, id -> Optional.of(group.cloudId()));
    Observed server = cloud.create("c", server("w", "hpc"), id -> Optional.of(port.cloudId()));

    assertThatThrownBy(() -> cloud.delete("c", group)).isInstanceOfSatisfying(BackendException.class,
        e -> assertThat(e.reason()).isEqualTo(BackendException.Reason.CONFLICT)).hasMessageContaining("in use by port-w");
    cloud.delete("c", port);
    assertThat(((ServerSpec) cloud.find("c", server.id()).orElseThrow().spec()).port().key()).isEqualTo("none");
    cloud.delete("c", server);
    cloud.delete("c", group);
    assertThat(cloud.observe("c").size()).isZero();
  }

  @Test
  void eachCloudIsItsOwnAndObserveSeesOnlyTheClustersMarker() {
    InMemoryCloud other = InMemoryCloud.builder().network("internal", "10.0.0.0/16").build();
    cloud.create("c", port("x", "10.0.1.1"), none);
    cloud.create("d", port("y", "10.0.1.2"), none);
    assertThat(other.observe("c").size()).isZero();
    assertThat(cloud.observe("c").resources()).extracting(o -> o.id().key()).containsExactly("x");
    assertThat(cloud.observe("c").resources().iterator().next().fact(Observed.Facts.MAC)).get().asString()
        .matches("fa:16:3e:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}");
  }

  @Test
  void serverUserDataComesBackOnlyAsItsDigest() {
    Observed p = cloud.create("c", port("u", "10.0.10.5"), none);
    Observed s = cloud.create("c", server("u", "hpc"), id -> Optional.of(p.cloudId()));
    ServerSpec seen = (ServerSpec) s.spec();
    assertThat(seen.userData()).isEmpty();
    assertThat(seen.userDataSha256()).isEqualTo(ServerSpec.sha256("#cloud-config\n"));
    assertThat(s.fact(Observed.Facts.STATUS)).contains("ACTIVE");
  }
}
