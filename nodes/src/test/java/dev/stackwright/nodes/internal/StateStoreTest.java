package dev.stackwright.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.Ipv4Network;
import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.NetworkSpec;
import dev.stackwright.spi.RouterSpec;
import dev.stackwright.spi.SubnetSpec;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.model.Ipv4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StateStoreTest {
  @TempDir
  Path root;

  private static final ResourceId WEB = ResourceId.of(ResourceKind.SECURITY_GROUP, "web");
  private static final ResourceId NET = ResourceId.of(ResourceKind.NETWORK, "internal");
  private static final ResourceId SUBNET = ResourceId.of(ResourceKind.SUBNET, "internal");

  static List<ResourceSpec> specs() {
    return List.of(
        new KeypairSpec(ResourceId.of(ResourceKind.KEYPAIR, "admin"), "stackwright-4-prod-admin",
            "ssh-ed25519 AAAAC3 key=with:odd chars"),
        new ServerGroupSpec(ResourceId.of(ResourceKind.SERVER_GROUP, "server_all"), "stackwright-4-prod-server_all",
            "soft-anti-affinity"),
        new SecurityGroupSpec(WEB, "prod-web", "the web servers", List.of(
            RuleSpec.tcpFrom(80, "0.0.0.0/0", "web = public"), RuleSpec.tcpFrom(22, WEB, "self"),
            new RuleSpec("udp", 5000, 5010, Optional.of("10.0.0.0/16"), Optional.empty(), ""))),
        new PortSpec(ResourceId.of(ResourceKind.PORT, "web-1"), "prod-web-1", "internal",
            Set.of(Ipv4Address.parse("10.0.10.3"), Ipv4Address.parse("10.0.11.3")), Set.of(WEB)),
        server("#cloud-config\n").withoutUserData(),
        new NetworkSpec(NET, "prod-internal"),
        new SubnetSpec(SUBNET, "prod-internal-subnet", NET, Ipv4Network.parse("10.0.0.0/16"),
            Optional.of(Ipv4Address.parse("10.0.0.254")), Ipv4Network.parse("10.0.254.0/24"),
            List.of(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("192.0.2.53"))),
        new SubnetSpec(ResourceId.of(ResourceKind.SUBNET, "bare"), "bare", NET, Ipv4Network.parse("10.0.0.0/16"),
            Optional.empty(), Ipv4Network.parse("10.0.254.0/24"), List.of()),
        new RouterSpec(ResourceId.of(ResourceKind.ROUTER, "external"), "prod-router", "public", SUBNET),
        new PortSpec(ResourceId.of(ResourceKind.PORT, "db-1"), "prod-db-1", "prod-internal",
            Set.of(Ipv4Address.parse("10.0.20.1")), Set.of(WEB), Optional.of(SUBNET)));
  }

  private static ServerSpec server(String userData) {
    return new ServerSpec(ResourceId.of(ResourceKind.SERVER, "web-1"), "prod-web-1", "m1", "debian-12",
        ResourceId.of(ResourceKind.PORT, "web-1"), Optional.of(ResourceId.of(ResourceKind.KEYPAIR, "admin")),
        Optional.empty(), userData, ServerSpec.sha256(userData), Map.of("/etc/nginx/nginx.conf", "0123456789ab"),
        Map.of("stackwright:node", "web-1"));
  }

  @ParameterizedTest
  @MethodSource("specs")
  void everyKindOfResourceComesBackAsItWasWritten(ResourceSpec spec) {
    // given
    StateStore store = new StateStore(root);
    Entry e = new Entry("8e2d01c4-0000", Optional.of("prod"), Optional.of(spec.id()), spec,
        Map.of("mac", "aa:bb:cc:dd:ee:ff"), Map.of("netns", "sw-123456-web-1"), Set.of("a1", "b2"));

    // when
    store.put(e);

    // then
    assertThat(store.get("8e2d01c4-0000")).contains(e);
    assertThat(store.all()).containsExactly(e);
  }

  @Test
  void aServersUserDataIsNeverWrittenOnlyItsDigest() throws Exception {
    // given
    StateStore store = new StateStore(root);
    ServerSpec s = server("#cloud-config\npassword: hunter2-secret\n");

    // when
    store.put(new Entry("c1", Optional.of("prod"), Optional.of(s.id()), s, Map.of(), Map.of(), Set.of()));

    // then
    String file = Files.readString(root.resolve("c1").resolve(StateStore.FILE));
    assertThat(file).doesNotContain("hunter2-secret").contains(s.userDataSha256());
    assertThat(store.get("c1").orElseThrow().spec()).isEqualTo(s.withoutUserData());
  }

  @Test
  void aResourceMadeByHandHasNoMarkerAndAForgottenOneIsGone() {
    // given
    StateStore store = new StateStore(root);
    SecurityGroupSpec g = new SecurityGroupSpec(ResourceId.of(ResourceKind.SECURITY_GROUP, "foreign"), "theirs",
        "made by hand", List.of());
    store.put(new Entry("h1", Optional.empty(), Optional.empty(), g, Map.of(), Map.of(), Set.of()));

    // when
    Entry read = store.get("h1").orElseThrow();
    store.forget("h1");

    // then
    assertThat(read.cluster()).isEmpty();
    assertThat(read.id()).isEmpty();
    assertThat(store.all()).isEmpty();
  }
}
