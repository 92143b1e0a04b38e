package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.nodes.internal.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only real nodes show: connections the groups allow work and others fail, a keypair logs in, a bad boot. */
@Tag("integration")
class NodesRigIT {
  private static TestRig rig;
  private static Path broken;
  private final String cluster = "rigit-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<Observed> made = Collections.synchronizedList(new ArrayList<>());

  @TempDir
  Path keys;

  @BeforeAll
  static void open() throws IOException {
    broken = Files.createTempDirectory("stackwright-nodes-broken-");
    Files.createDirectories(broken.resolve("etc")); // an /etc, but no OS: nspawn refuses to boot it
    rig = TestRig.open("broken", broken);
  }

  @AfterAll
  static void close() throws IOException {
    try {
      if (rig != null) {
        rig.close();
      }
    } finally {
      Files.deleteIfExists(broken.resolve("etc"));
      Files.deleteIfExists(broken);
    }
  }

  @AfterEach
  void deleteWhatWasMade() {
    List<Observed> reverse = new ArrayList<>(made);
    Collections.reverse(reverse);
    for (Observed o : reverse) {
      try {
        rig.nodes.delete(cluster, o);
      } catch (RuntimeException e) {
        // gone already; the rest still goes, and removeAll after the class takes what is left
      }
    }
  }

  private Observed create(ResourceSpec spec) {
    Observed o = rig.nodes.create(cluster, spec, id -> made.stream().filter(m -> m.id().equals(id))
        .map(Observed::cloudId).findFirst());
    made.add(o);
    return o;
  }

  private SecurityGroupSpec group(String key, RuleSpec... rules) {
    return new SecurityGroupSpec(ResourceId.of(ResourceKind.SECURITY_GROUP, key), cluster + "-" + key, "", List.of(
        rules));
  }

  private PortSpec port(String key, String address, ResourceId... groups) {
    return new PortSpec(ResourceId.of(ResourceKind.PORT, key), cluster + "-" + key, "internal",
        Set.of(Ipv4Address.parse(address)), Set.of(groups));
  }

  private PortSpec port(String key, Set<String> addresses) {
    return new PortSpec(ResourceId.of(ResourceKind.PORT, key), cluster + "-" + key, "internal",
        addresses.stream().map(Ipv4Address::parse).collect(java.util.stream.Collectors.toSet()), Set.of());
  }

  private ServerSpec server(String key, String image, ResourceId port, Optional<ResourceId> keypair) {
    return server(key, image, port, keypair, "");
  }

  /** A server whose user-data ends with {@code more} (cloud-config lines). */
  private ServerSpec server(String key, String image, ResourceId port, Optional<ResourceId> keypair, String more) {
    String userData = "#cloud-config\nhostname: " + key + "\n" + more;
    return new ServerSpec(ResourceId.of(ResourceKind.SERVER, key), cluster + "-" + key, "hpc", image, port, keypair,
        Optional.empty(), userData, ServerSpec.sha256(userData), Map.of(), Map.of());
  }

  /** Whether a TCP connection is made within 10 tries 0.5 s apart: a listener the user-data starts may be late. */
  private static boolean eventuallyConnects(String namespace, String address, int port) throws InterruptedException {
    for (int i = 0; i < 10; i++) {
      if (connects(namespace, address, port)) {
        return true;
      }
      Thread.sleep(500);
    }
    return false;
  }

  /** Whether a TCP connection from {@code namespace} to {@code address:port} is made within 3 s. */
  private static boolean connects(String namespace, String address, int port) {
    return Host.run(List.of("ip", "netns", "exec", namespace, "timeout", "3", "bash", "-c",
        "echo > /dev/tcp/" + address + "/" + port), null, Duration.ofSeconds(10)).ok();
  }

  @Test
  void theGroupsAllowWhatTheirRulesSayAndDropTheRestAndAKeypairLogsIn() throws Exception {
    // given a web node that takes 80 from the clients' group only, with a keypair
    Host.ok("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "rigit", "-f", keys.resolve("id").toString());
    String pub = Files.readString(keys.resolve("id.pub")).strip();
    SecurityGroupSpec clients = group("clients");
    create(clients);
    SecurityGroupSpec web = group("web", RuleSpec.tcpFrom(80, clients.id(), "http"));
    Observed webGroup = create(web);
    Observed client = create(port("client", "10.0.232.2", clients.id()));
    Observed webPort = create(port("web", "10.0.232.3", web.id()));
    KeypairSpec key = new KeypairSpec(ResourceId.of(ResourceKind.KEYPAIR, "admin"), "stackwright-" + cluster.length()
        + "-" + cluster + "-admin", pub);
    create(key);
    // the base image serves nothing itself: the node's own user-data starts a listener on 80, as a role's would
    create(server("web", "debian-12", webPort.id(), Optional.of(key.id()),
        "runcmd:\n  - [systemd-run, --unit=rig-http, python3, -m, http.server, \"80\"]\n"));
    String from = rig.namespaceOf(client);

    // then the clients reach 80 but not 22, and the rig's own side reaches nothing
    assertThat(eventuallyConnects(from, "10.0.232.3", 80)).as("80 from a client").isTrue();
    assertThat(connects(from, "10.0.232.3", 22)).as("22 from a client").isFalse();
    assertThat(connects(rig.nodes.bridgeNamespace(), "10.0.232.3", 80)).as("80 from the rig's side").isFalse();

    // when the group also takes 22 from the clients, changed in place
    rig.nodes.update(cluster, webGroup, group("web", RuleSpec.tcpFrom(80, clients.id(), "http"),
        RuleSpec.tcpFrom(22, clients.id(), "ssh")), id -> made.stream().filter(m -> m.id().equals(id))
        .map(Observed::cloudId).findFirst());

    // then the keypair's key logs in over it once cloud-init has installed it
    assertThat(connects(from, "10.0.232.3", 22)).as("22 from a client, allowed").isTrue();
    assertThat(sshHostname(from, keys.resolve("id"), "10.0.232.3")).isEqualTo("web");
  }

  /** The node's host name over SSH as cloud-init's default user, tried for at most 90 s while cloud-init runs. */
  private static String sshHostname(String namespace, Path key, String address) {
    Host.Result r = null;
    for (int i = 0; i < 30; i++) {
      r = Host.run(List.of("ip", "netns", "exec", namespace, "ssh", "-i", key.toString(), "-o", "BatchMode=yes",
          "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=3",
          "debian@" + address, "hostname"), null, Duration.ofSeconds(15));
      if (r.ok()) {
        return r.output().lines().filter(l -> !l.startsWith("Warning")).findFirst().orElse("").strip();
      }
      sleep();
    }
    return "no login: " + r.output();
  }

  private static void sleep() {
    try {
      Thread.sleep(3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aPortsAddressesChangeInItsNamespaceAndItsMacIsTheVeths() {
    // given a port whose first (primary) address goes and whose second stays
    Observed p = create(port("moving", Set.of("10.0.232.11", "10.0.232.13")));

    // when
    rig.nodes.update(cluster, p, port("moving", Set.of("10.0.232.12", "10.0.232.13")), id -> Optional.empty());

    // then
    String shown = Host.ok("ip", "-n", rig.namespaceOf(p), "addr", "show", "eth0");
    assertThat(shown).contains("10.0.232.12/16", "10.0.232.13/16", p.fact(Observed.Facts.MAC).orElseThrow())
        .doesNotContain("10.0.232.11/");
  }

  @Test
  void aBootThatFailsIsServerFailedWithTheConsolesWordsAndLeavesNoMount() throws IOException {
    // given
    Observed p = create(port("bad", "10.0.232.21"));
    ServerSpec bad = server("bad", "broken", p.id(), Optional.empty());

    // then
    assertThatThrownBy(() -> create(bad)).isInstanceOfSatisfying(BackendException.class,
        e -> assertThat(e.reason()).isEqualTo(BackendException.Reason.SERVER_FAILED))
        .hasMessageContaining("console");
    Observed seen = rig.nodes.observe(cluster).get(bad.id()).orElseThrow();
    assertThat(seen.fact(Observed.Facts.STATUS)).contains("ERROR");
    made.add(seen);
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(seen.cloudId());
  }
}
