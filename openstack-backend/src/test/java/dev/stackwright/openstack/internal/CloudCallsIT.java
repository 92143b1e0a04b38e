package dev.stackwright.openstack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.openstack.RealCloud;
import dev.stackwright.openstack.SshKeys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Neutron and Nova calls on the real cloud, below the Backend SPI. */
@Tag("integration")
class CloudCallsIT {
  private static CloudClient cloud;
  private static String cluster;
  private static int block;
  private static final List<Runnable> cleanup = new ArrayList<>();

  @BeforeAll
  static void connect() {
    cloud = CloudClient.create(RealCloud.credentials(), Settings.defaults());
    cluster = RealCloud.uniqueClusterName("calls");
    block = ThreadLocalRandom.current().nextInt(150, 250);
  }

  @AfterAll
  static void clean() {
    List<Runnable> reversed = new ArrayList<>(cleanup);
    java.util.Collections.reverse(reversed);
    for (Runnable r : reversed) {
      try {
        r.run();
      } catch (RuntimeException e) {
        System.err.println("cleanup: " + e.getMessage());
      }
    }
  }

  private static String ip(int host) {
    return "10.0." + block + "." + host;
  }

  private static Lookups.NetworkRef internal() {
    return cloud.lookups().network("internal", Optional.of(Ipv4Network.parse("10.0.0.0/16")));
  }

  @Test
  void findsTheInternalNetworkFlavoursAndImage() {
    assertThat(internal().subnetCidr()).isEqualTo("10.0.0.0/16");
    assertThat(cloud.lookups().flavor("hpc").name()).isEqualTo("hpc");
    assertThat(cloud.lookups().image("debian-12")).isNotBlank();
  }

  @Test
  void namesWhatExistsWhenAFlavourIsMissing() {
    assertThatThrownBy(() -> cloud.lookups().flavor("hcp"))
        .hasMessageContaining("the cloud has no flavour named \"hcp\"")
        .hasMessageContaining("webserver")
        .hasMessageContaining("did you mean \"hpc\"?");
  }

  @Test
  void makesAPortWithSeveralFixedAddressesAndItsSecurityGroup() {
    // given
    Marker sgMarker = new Marker(cluster, "sg/multi");
    JsonNode sg = cloud.neutron().createSecurityGroup(cluster + "-multi", sgMarker);
    cleanup.add(() -> cloud.neutron().deleteSecurityGroup(sg.path("id").asText(), "sg"));
    cloud.neutron().createRules(sg.path("id").asText(), "multi", List.of(
        new NeutronValues.RuleSpec("ingress", "IPv4", Optional.of("tcp"), Optional.of(22), Optional.of(22),
            Optional.of("10.0.0.0/16"), Optional.empty()),
        new NeutronValues.RuleSpec("ingress", "IPv4", Optional.of("tcp"), Optional.of(80), Optional.of(80),
            Optional.empty(), Optional.of(sg.path("id").asText()))));
    String subnet = internal().subnetId();
    List<NeutronValues.FixedIp> ips = List.of(new NeutronValues.FixedIp(subnet, ip(11)),
        new NeutronValues.FixedIp(subnet, ip(12)), new NeutronValues.FixedIp(subnet, ip(13)),
        new NeutronValues.FixedIp(subnet, ip(14)));

    // when
    JsonNode port = cloud.neutron().createPort(cluster + "-multi", internal().id(), ips,
        List.of(sg.path("id").asText()), new Marker(cluster, "port/multi"));
    cleanup.add(() -> cloud.neutron().deletePort(port.path("id").asText(), "multi"));

    // then
    // the other tests of this class share the cluster's tag: look at this test's port only
    List<JsonNode> ports = cloud.neutron().portsOf(cluster).stream()
        .filter(p -> p.path("id").asText().equals(port.path("id").asText())).toList();
    assertThat(ports).hasSize(1);
    assertThat(Set.copyOf(NeutronValues.fixedIps(ports.get(0)))).isEqualTo(Set.copyOf(ips));
    assertThat(NeutronValues.securityGroupIds(ports.get(0))).containsExactly(sg.path("id").asText());
    assertThat(NeutronValues.tags(ports.get(0))).contains(Marker.clusterTag(cluster));
    JsonNode listed = cloud.neutron().securityGroupsOf(cluster).stream()
        .filter(g -> g.path("id").asText().equals(sg.path("id").asText())).findFirst().orElseThrow();
    Set<String> rules = new HashSet<>();
    listed.path("security_group_rules").forEach(r -> rules.add(r.path("direction").asText() + " "
        + r.path("port_range_min").asText()));
    assertThat(rules).contains("ingress 22", "ingress 80");
  }

  @Test
  void refusesAFixedAddressAnotherPortHolds() {
    // given
    String subnet = internal().subnetId();
    JsonNode first = cloud.neutron().createPort(cluster + "-a", internal().id(),
        List.of(new NeutronValues.FixedIp(subnet, ip(21))), List.of(), new Marker(cluster, "port/a"));
    cleanup.add(() -> cloud.neutron().deletePort(first.path("id").asText(), "a"));

    // then
    assertThatThrownBy(() -> cloud.neutron().createPort(cluster + "-b", internal().id(),
        List.of(new NeutronValues.FixedIp(subnet, ip(21))), List.of(), new Marker(cluster, "port/b")))
        .isInstanceOf(CloudFailure.class)
        .hasMessageContaining("HTTP 409")
        .hasMessageContaining(ip(21))
        .satisfies(e -> assertThat(((CloudFailure) e).requestId()).isPresent());
  }

  @Test
  void bootsAServerOnItsPortAndRefusesToDeleteTheGroupThePortUses() {
    // given
    String subnet = internal().subnetId();
    JsonNode sg = cloud.neutron().createSecurityGroup(cluster + "-web", new Marker(cluster, "sg/web"));
    String sgId = sg.path("id").asText();
    cleanup.add(() -> cloud.neutron().deleteSecurityGroup(sgId, "web"));
    JsonNode port = cloud.neutron().createPort(cluster + "-web-1", internal().id(),
        List.of(new NeutronValues.FixedIp(subnet, ip(3))), List.of(sgId), new Marker(cluster, "port/web-1"));
    cleanup.add(() -> cloud.neutron().deletePort(port.path("id").asText(), "web-1"));
    String key = cluster + "-key";
    cloud.nova().importKeypair(key, SshKeys.newPublicKey("it@stackwright"));
    cleanup.add(() -> cloud.nova().deleteKeypair(key));
    JsonNode group = cloud.nova().createServerGroup(cluster + "-web", "anti-affinity");
    cleanup.add(() -> cloud.nova().deleteServerGroup(group.path("id").asText(), "web"));

    // when
    ServerBuilds.Outcome built = new ServerBuilds(cloud.nova(), 1).build(cluster, List.of(new ServerBuilds.Boot(
        new Nova.ServerSpec(cluster + "-web-1", cloud.lookups().flavor("webserver").id(),
            cloud.lookups().image("debian-12"), List.of(port.path("id").asText()), Optional.of(key),
            Optional.of("#cloud-config\n"), Optional.of(group.path("id").asText()), Map.of()),
        new Marker(cluster, "server/web-1")))).get(0);
    built.server().ifPresent(s -> cleanup.add(() -> cloud.nova().deleteAndWait(s.path("id").asText(), "web-1")));
    JsonNode active = built.server().orElseThrow(() -> built.failure().orElseThrow());
    String id = active.path("id").asText();

    // then
    assertThat(active.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(cloud.nova().serversOf(cluster, Optional.of(cluster))).extracting(s -> s.path("id").asText())
        .containsExactly(id);
    assertThat(Nova.metadata(active)).containsEntry(Marker.META_ID, "server/web-1");
    assertThat(cloud.nova().serverGroups().stream().filter(g -> g.path("id").asText()
        .equals(group.path("id").asText())).map(Nova::policy).collect(Collectors.toList()))
        .containsExactly("anti-affinity");
    assertThatThrownBy(() -> cloud.neutron().deleteSecurityGroup(sgId, "web"))
        .isInstanceOf(CloudFailure.class)
        .hasMessageContaining("HTTP 409 (SecurityGroupInUse)");
  }

  private static int nextTwinHost = 100;

  /**
   * How long before this run's boot the dead run's is sent, in ms; a negative delay sends it that long after this
   * run's has left. {@code -Dtwin.delays=-500,0,500,1000} sweeps the race.
   */
  static java.util.stream.IntStream twinDelays() {
    return java.util.Arrays.stream(System.getProperty("twin.delays", "-300,0,3000").split(","))
        .mapToInt(d -> Integer.parseInt(d.trim()));
  }

  /**
   * A dead run's boot of a server that reaches Nova while the next run boots it again, on the same port: sent 0 s
   * before (Nova takes both; here it fails the later one on its network), 3 s before (Nova refuses the later one:
   * the port is in use) or 0.3 s after (Nova takes both and fails the dead run's, whose clean-up unbinds the port
   * from ours; this ordering failed CI on another machine with the dead run's boot sent first). Either way one
   * server is left, ACTIVE on its port.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "the dead run's boot {0} ms before this run's")
  @org.junit.jupiter.params.provider.MethodSource("twinDelays")
  void aServerBootedAgainWhileADeadRunsBootOfItReachesNovaEndsAsOneServerOnItsPort(int before)
      throws InterruptedException {
    // given
    String subnet = internal().subnetId();
    String name = cluster + "-twin-" + (before < 0 ? "after-" + -before : before);
    JsonNode port = cloud.neutron().createPort(name, internal().id(), List.of(new NeutronValues.FixedIp(subnet,
        ip(nextTwinHost++))), List.of(), new Marker(cluster, "port/" + name));
    String portId = port.path("id").asText();
    Marker marker = new Marker(cluster, "server/" + name);
    Nova.ServerSpec spec = new Nova.ServerSpec(name, cloud.lookups().flavor("webserver").id(),
        cloud.lookups().image("debian-12"), List.of(portId), Optional.empty(), Optional.empty(), Optional.empty(),
        Map.of());
    cleanup.add(() -> cloud.neutron().deletePort(portId, name));
    cleanup.add(() -> cloud.nova().withMarker(name, marker)
        .forEach(s -> cloud.nova().deleteAndWait(s.path("id").asText(), name)));
    java.util.function.Supplier<ServerBuilds.Outcome> build = () -> new ServerBuilds(cloud.nova(), 1).build(cluster,
        List.of(new ServerBuilds.Boot(spec, marker))).get(0);

    // when: the dead run's boot is answered and forgotten
    ServerBuilds.Outcome built;
    if (before >= 0) {
      cloud.nova().boot(spec, marker);
      Thread.sleep(before);
      built = build.get();
    } else {
      java.util.concurrent.CompletableFuture<ServerBuilds.Outcome> ours =
          java.util.concurrent.CompletableFuture.supplyAsync(build);
      Thread.sleep(-before);
      cloud.nova().boot(spec, marker);
      built = ours.join();
    }

    // then
    JsonNode active = built.server().orElseThrow(() -> built.failure().orElseThrow());
    assertThat(active.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(cloud.nova().withMarker(name, marker)).extracting(s -> s.path("id").asText())
        .containsExactly(active.path("id").asText());
    assertThat(cloud.http().getOk(Request.get(Service.NETWORK, "/ports/" + portId), "port " + name)
        .path("port").path("device_id").asText()).isEqualTo(active.path("id").asText());
  }
}
