package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.nodes.internal.Host;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.NodeCommand;
import dev.stackwright.spi.NodeFile;
import dev.stackwright.spi.NodeOperation;
import dev.stackwright.spi.NodeUpdate;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.model.Ipv4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Day two on real containers: a jump host and three nginx nodes booted once for the class, their keypair's key given
 * by cloud-init to {@code debian}; updates go over SSH from 127.0.0.1 through socat in the bridge's namespace, then
 * through the jump host. The tests run in order: the last one stops a node.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodesDayTwoIT {
  private static final String CLUSTER = "daytwo-" + UUID.randomUUID().toString().substring(0, 6);
  private static final ResourceId JUMP = ResourceId.of(ResourceKind.SERVER, "jump");
  private static final String MIRROR = "apt:\n  preserve_sources_list: false\n  sources_list: |\n"
      + "    deb [trusted=yes] http://10.0.255.254/debian ./\npackage_update: true\npackages: [ nginx-light ]\n";
  private static TestRig rig;
  private static Path keys;
  private static final List<Observed> made = new ArrayList<>();

  @BeforeAll
  static void boot() throws Exception {
    keys = Files.createTempDirectory("stackwright-daytwo-keys-");
    Host.ok("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "daytwo", "-f", keys.resolve("id").toString());
    rig = TestRig.open(null, null, null, b -> b.sshKey(keys.resolve("id")));
    String pub = Files.readString(keys.resolve("id.pub")).strip();
    KeypairSpec key = new KeypairSpec(ResourceId.of(ResourceKind.KEYPAIR, "admin"), "stackwright-" + CLUSTER.length()
        + "-" + CLUSTER + "-admin", pub);
    create(key);
    SecurityGroupSpec jumpGroup = group("jump", RuleSpec.tcpFrom(22, "10.0.255.254/32", "ssh from the rig's side"));
    create(jumpGroup);
    create(group("web", RuleSpec.tcpFrom(22, jumpGroup.id(), "ssh from the jump host")));
    create(port("jump", "10.0.241.1", jumpGroup.id()));
    List<ServerSpec> servers = new ArrayList<>(List.of(server("jump", key.id(), "")));
    for (int i = 1; i <= 3; i++) {
      create(port("web-" + i, "10.0.241." + (10 + i), ResourceId.of(ResourceKind.SECURITY_GROUP, "web")));
      servers.add(server("web-" + i, key.id(), MIRROR));
    }
    var pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Observed>> booting = servers.stream().map(s -> pool.submit(() -> create(s))).toList();
      for (Future<Observed> f : booting) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  @AfterAll
  static void close() throws Exception {
    try {
      if (rig != null) {
        rig.close();
      }
    } finally {
      if (keys != null) {
        for (String f : List.of("id", "id.pub")) {
          Files.deleteIfExists(keys.resolve(f));
        }
        Files.deleteIfExists(keys);
      }
    }
  }

  private static Observed create(ResourceSpec spec) {
    Observed o = rig.nodes.create(CLUSTER, spec, NodesDayTwoIT::cloudId);
    synchronized (made) {
      made.add(o);
    }
    return o;
  }

  private static Optional<String> cloudId(ResourceId id) {
    synchronized (made) {
      return made.stream().filter(m -> m.id().equals(id)).map(Observed::cloudId).findFirst();
    }
  }

  private static SecurityGroupSpec group(String key, RuleSpec... rules) {
    return new SecurityGroupSpec(ResourceId.of(ResourceKind.SECURITY_GROUP, key), CLUSTER + "-" + key, "",
        List.of(rules));
  }

  private static PortSpec port(String key, String address, ResourceId group) {
    return new PortSpec(ResourceId.of(ResourceKind.PORT, key), CLUSTER + "-" + key, "internal",
        Set.of(Ipv4Address.parse(address)), Set.of(group));
  }

  private static ServerSpec server(String key, ResourceId keypair, String more) {
    String userData = "#cloud-config\nhostname: " + key + "\n" + more;
    return new ServerSpec(ResourceId.of(ResourceKind.SERVER, key), CLUSTER + "-" + key, "hpc", "debian-12",
        ResourceId.of(ResourceKind.PORT, key), Optional.of(keypair), Optional.empty(), userData,
        ServerSpec.sha256(userData), Map.of(), Map.of());
  }

  private static Observed observed(String key) {
    return rig.nodes.observe(CLUSTER).get(ResourceId.of(ResourceKind.SERVER, key)).orElseThrow();
  }

  /** The page pushed to a web node, the reload of nginx, and a check that nginx serves it. */
  private static NodeUpdate page(String key, String text) {
    NodeFile index = new NodeFile("/var/www/html/index.html", "root:www-data", 0640, false, text + "\n");
    ServerSpec now = (ServerSpec) observed(key).spec();
    ServerSpec given = new ServerSpec(now.id(), now.name(), now.flavor(), now.image(), now.port(), now.keypair(),
        now.serverGroup(), "", now.userDataSha256(), Map.of(index.path(), ServerSpec.fileDigest(index.content())),
        Map.of("stackwright-files", "v-" + text));
    return new NodeUpdate(now.id(), key, Optional.of(JUMP), List.of(index), List.of(new NodeCommand("reload nginx",
        "systemctl reload nginx", Duration.ofSeconds(30))), false, List.of(new NodeCommand("nginx serves it",
        "curl -fsS http://127.0.0.1/ | grep -qx " + text, Duration.ofSeconds(20))), List.of(new NodeCommand(
        "reload nginx", "systemctl reload nginx", Duration.ofSeconds(30))), given);
  }

  private static String inNode(String key, String... command) throws Exception {
    Host.Result r = RigHttp.inNode(rig, CLUSTER + "-" + key, command);
    return r.output().strip();
  }

  @Test
  @Order(1)
  void aFileGoesThroughTheJumpHostWithItsOwnerAndModeAndTheNextObserveShowsItsDigest() throws Exception {
    // given
    assertThat(rig.nodes.capabilities().can(NodeOperation.RECONFIGURE)).isTrue();
    NodeUpdate u = page("web-1", "v2");

    // when
    Observed after = rig.nodes.reconfigure(CLUSTER, observed("web-1"), u);

    // then
    assertThat(inNode("web-1", "stat", "-c", "%U:%G %a", "/var/www/html/index.html")).isEqualTo("root:www-data 640");
    assertThat(inNode("web-1", "curl", "-fsS", "http://127.0.0.1/")).isEqualTo("v2");
    assertThat(((ServerSpec) observed("web-1").spec()).fileDigests()).isEqualTo(u.given().fileDigests());
    assertThat(((ServerSpec) after.spec()).metadata()).containsEntry("stackwright-files", "v-v2");
  }

  @Test
  @Order(2)
  void aHostKeyTheKnownHostsFileDoesNotHoldIsRefusedAndNothingIsWritten() throws Exception {
    // given web-2's pinned keys replaced by the jump host's
    rig.nodes.reconfigure(CLUSTER, observed("web-2"), page("web-2", "pinned"));
    Path known = rig.stateRoot.resolve("known_hosts");
    List<String> kept = Files.readAllLines(known);
    List<String> altered = new ArrayList<>();
    for (String line : kept) {
      if (line.startsWith("10.0.241.1 ")) {
        altered.add(line);
        altered.add(line.replace("10.0.241.1 ", "10.0.241.12 "));
      } else if (!line.startsWith("10.0.241.12 ")) {
        altered.add(line);
      }
    }
    Files.write(known, altered);

    // then
    try {
      assertThatThrownBy(() -> rig.nodes.reconfigure(CLUSTER, observed("web-2"), page("web-2", "v3")))
          .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.reason()).isEqualTo(Reason.HOST_KEY))
          .hasMessageContaining("10.0.241.12").hasMessageContaining("known-hosts file");
      assertThat(inNode("web-2", "cat", "/var/www/html/index.html")).isEqualTo("pinned");
      assertThat(inNode("web-2", "ls", "-a", "/var/www/html")).doesNotContain("stackwright-new");
    } finally {
      Files.write(known, kept);
    }
  }

  @Test
  @Order(3)
  void aReloadThatFailsPutsTheOldConfigBackAndNginxStillServesWithIt() throws Exception {
    // given a site that nginx refuses, in place of the symlink sites-enabled/default
    ServerSpec now = (ServerSpec) observed("web-1").spec();
    NodeFile broken = new NodeFile("/etc/nginx/sites-enabled/default", "root:root", 0644, false,
        "this is not nginx;\n");
    NodeUpdate u = new NodeUpdate(now.id(), "web-1", Optional.of(JUMP), List.of(broken), List.of(new NodeCommand(
        "reload nginx", "systemctl reload nginx", Duration.ofSeconds(30))), false, List.of(), List.of(
        new NodeCommand("reload nginx", "systemctl reload nginx", Duration.ofSeconds(30))), now);

    // then
    assertThatThrownBy(() -> rig.nodes.reconfigure(CLUSTER, observed("web-1"), u))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NODE_FAILED))
        .hasMessageContaining("\"reload nginx\" exited").hasMessageContaining("old files were put back");
    assertThat(inNode("web-1", "readlink", "/etc/nginx/sites-enabled/default"))
        .isEqualTo("/etc/nginx/sites-available/default");
    assertThat(inNode("web-1", "systemctl", "is-active", "nginx")).isEqualTo("active");
    assertThat(inNode("web-1", "curl", "-fsS", "http://127.0.0.1/")).isEqualTo("v2");
  }

  @Test
  @Order(4)
  void oneChangedFileAndAReloadReachEveryWebNodeThroughTheJumpHost() throws Exception {
    // given
    var pool = Executors.newFixedThreadPool(3);
    long t0 = System.nanoTime();

    // when
    try {
      List<Future<Observed>> pushes = new ArrayList<>();
      for (String key : List.of("web-1", "web-2", "web-3")) {
        pushes.add(pool.submit(() -> rig.nodes.reconfigure(CLUSTER, observed(key), page(key, "v4"))));
      }
      for (Future<Observed> f : pushes) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;

    // then
    for (String key : List.of("web-1", "web-2", "web-3")) {
      assertThat(inNode(key, "curl", "-fsS", "http://127.0.0.1/")).isEqualTo("v4");
    }
    System.out.printf("[figure] one changed file + nginx reload + check pushed to 3 rig nodes through the jump"
        + " host, in parallel: %.2f s%n", seconds);
  }

  @Test
  @Order(5)
  void aRebuildKeepsTheCloudIdPortAndAddressRunsTheNewUserDataAndItsNewHostKeysAreTrustedFromItsConsole()
      throws Exception {
    // given
    Observed before = observed("web-2");
    ServerSpec desired = server("web-2", ResourceId.of(ResourceKind.KEYPAIR, "admin"), MIRROR
        + "write_files:\n  - path: /etc/rebuilt\n    content: \"second boot\\n\"\n");

    // when
    Observed after = rig.nodes.rebuild(CLUSTER, before, desired, NodesDayTwoIT::cloudId);

    // then
    assertThat(after.cloudId()).isEqualTo(before.cloudId());
    assertThat(((ServerSpec) after.spec()).port()).isEqualTo(((ServerSpec) before.spec()).port());
    assertThat(((ServerSpec) after.spec()).userDataSha256()).isEqualTo(desired.userDataSha256());
    assertThat(inNode("web-2", "cat", "/etc/rebuilt")).isEqualTo("second boot");
    assertThat(inNode("web-2", "ip", "-4", "-o", "addr", "show", "eth0")).contains("10.0.241.12/16");
    assertThat(inNode("web-2", "bash", "-c", "test -e /var/www/html/index.html && echo kept || echo gone"))
        .isEqualTo("gone");
    rig.nodes.reconfigure(CLUSTER, after, page("web-2", "v5"));
    assertThat(inNode("web-2", "curl", "-fsS", "http://127.0.0.1/")).isEqualTo("v5");
  }

  @Test
  @Order(6)
  void aStoppedNodeIsUnreachableAndNothingIsRecorded() throws Exception {
    // given web-3's container stopped (SIGTERM to nspawn powers it off)
    Observed web3 = observed("web-3");
    String pid = Files.readAllLines(rig.stateRoot.resolve(web3.cloudId()).resolve("resource.properties")).stream()
        .filter(l -> l.startsWith("host.pid=")).findFirst().orElseThrow().substring("host.pid=".length());
    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroy);
    for (int i = 0; i < 60 && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false); i++) {
      Thread.sleep(500);
    }

    // then
    assertThatThrownBy(() -> rig.nodes.reconfigure(CLUSTER, web3, page("web-3", "v6")))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
        .hasMessageContaining("nothing was changed");
    assertThat(((ServerSpec) observed("web-3").spec()).metadata()).doesNotContainEntry("stackwright-files", "v-v6");
  }
}
