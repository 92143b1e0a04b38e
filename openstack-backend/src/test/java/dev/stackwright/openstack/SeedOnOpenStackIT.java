package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Action;
import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Change;
import dev.stackwright.engine.Engine;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.engine.Plan;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.Renderer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed cluster on the real loopback OpenStack, as issue 5's proof asks: from nothing, converged, grown by a
 * worker, split, destroyed, with resources made by hand beside it left alone. The steps build on each other.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedOnOpenStackIT {
  private static String cluster;
  private static OpenStackBackend cloud;
  private static CountingProxy proxy;
  private static Engine engine;
  private static final Renderer RENDERER = renderer();
  private static Map<String, String> foreign;
  /** The cloud's external network, if it has one: then the webserver and the controller get floating IPs. */
  private static java.util.Optional<String> external;

  @BeforeAll
  static void connect() {
    OpenStackCredentials credentials = RealCloud.credentials();
    cluster = RealCloud.uniqueClusterName("seed");
    proxy = CountingProxy.start();
    cloud = OpenStackBackend.builder().credentials(credentials).proxy(proxy.uri()).build();
    engine = Engine.builder().backend(cloud).renderer(RENDERER).parallelism(8)
        .publicKey(SshKeys.newPublicKey("it@stackwright")).build();
    external = RealCloud.externalNetwork(cloud).map(n -> n.path("name").asText());
  }

  @AfterAll
  static void cleanUp() throws Exception {
    if (engine != null) {
      engine.destroy(cluster);
    }
    if (foreign != null) {
      Hand.run("server", "delete", "--wait", foreign.get("server"));
      Hand.run("port", "delete", foreign.get("port"));
      Hand.run("security", "group", "delete", foreign.get("group"));
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  private static Renderer renderer() {
    return SeedCluster.renderer();
  }

  static Cluster seed(int workers, boolean split) {
    return SeedCluster.seed(cluster, workers, split, external);
  }

  @Test
  @Order(1)
  void theSeedFromNothingIsSixActiveServersWithTheSeedsPortsAndTheDerivedRules() throws Exception {
    // given: a server, port and group made by hand, outside stackwright
    foreign = Hand.makeForeign(cluster);

    // when
    ApplyResult result = engine.apply(seed(3, false));

    // then
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    Observation seen = cloud.observe(cluster);
    List<Observed> servers = seen.resources().stream().filter(o -> o.id().kind() == ResourceKind.SERVER).toList();
    assertThat(servers).hasSize(6).allSatisfy(s -> assertThat(s.fact(Observed.Facts.STATUS)).contains("ACTIVE"));
    PortSpec web = port(seen, "webserver-1");
    assertThat(web.name()).isEqualTo("port.10.01_webserver-1");
    assertThat(web.fixedIps()).extracting(Object::toString).containsExactly("10.0.10.3");
    assertThat(port(seen, "server_all-1").fixedIps()).extracting(Object::toString)
        .containsExactlyInAnyOrder("10.0.11.1", "10.0.12.1", "10.0.20.1", "10.0.30.1");
    SecurityGroupSpec broker = (SecurityGroupSpec) seen.get(ResourceId.of(ResourceKind.SECURITY_GROUP, "broker"))
        .orElseThrow().spec();
    assertThat(broker.rules()).extracting(RuleSpec::describe).contains("tcp 5672 from security-group/appserver",
        "tcp 5672 from security-group/worker", "tcp 15672 from security-group/controller");
    assertThat(seen.get(ResourceId.of(ResourceKind.SERVER_GROUP, "worker"))).isPresent();
    assertThat(seen.get(ResourceId.of(ResourceKind.KEYPAIR, "admin"))).isPresent();
    if (external.isPresent()) {
      assertThat(seen.resources()).filteredOn(o -> o.id().kind() == ResourceKind.FLOATING_IP)
          .extracting(o -> o.id().key()).containsExactlyInAnyOrder("webserver-1", "controller-1");
      assertThat(seen.resources()).filteredOn(o -> o.id().kind() == ResourceKind.FLOATING_IP)
          .allSatisfy(o -> assertThat(o.fact(Observed.Facts.ADDRESS)).get().asString().isNotBlank());
    }
  }

  @Test
  @Order(2)
  void aSecondPlanIsEmptyAndCostsAFewListRequests() {
    // when
    int before = proxy.count();
    Plan again = engine.plan(seed(3, false));
    List<String> requests = proxy.requestsSince(before);

    // then
    assertThat(again.isEmpty()).as(again.render()).isTrue();
    assertThat(again.drift()).as("every server booted with its final files").isEmpty();
    // the subnet of "internal", checked against the address plan (the network's id was looked up by the apply);
    // ports, security groups, floating IPs, servers, keypairs, server groups, networks (a cluster's own among them)
    assertThat(requests).as("one list per kind, no GET per resource: %s", requests).hasSize(8);
    assertThat(requests).allSatisfy(r -> assertThat(r).startsWith("GET "));
  }

  @Test
  @Order(3)
  void addingAWorkerCreatesExactlyOnePortAndOneServer() {
    // when
    Plan plan = engine.plan(seed(4, false));

    // then
    assertThat(plan.changes()).extracting(Change::action, c -> c.id().toString()).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(Action.CREATE, "port/worker-4"),
        org.assertj.core.groups.Tuple.tuple(Action.CREATE, "server/worker-4"));
    ApplyResult result = engine.apply(seed(4, false));
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(port(cloud.observe(cluster), "worker-4").fixedIps()).extracting(Object::toString)
        .containsExactly("10.0.100.4");
  }

  @Test
  @Order(4)
  void splittingServerAllMovesTheRoleAddressesWithoutRenumbering() {
    // when
    ApplyResult result = engine.apply(seed(4, true));

    // then
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    Observation seen = cloud.observe(cluster);
    assertThat(seen.get(ResourceId.of(ResourceKind.PORT, "server_all-1"))).isEmpty();
    assertThat(port(seen, "appserver-1").fixedIps()).extracting(Object::toString).containsExactly("10.0.11.1");
    assertThat(port(seen, "static-1").fixedIps()).extracting(Object::toString).containsExactly("10.0.12.1");
    assertThat(port(seen, "database-1").fixedIps()).extracting(Object::toString).containsExactly("10.0.20.1");
    assertThat(port(seen, "broker-1").fixedIps()).extracting(Object::toString).containsExactly("10.0.30.1");
    assertThat(engine.plan(seed(4, true)).isEmpty()).isTrue();
  }

  @Test
  @Order(5)
  void destroyRemovesEverythingWeMadeAndLeavesWhatWasMadeByHand() throws Exception {
    // when
    ApplyResult result = engine.destroy(cluster);

    // then
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(cloud.observe(cluster).size()).isZero();
    assertThat(Hand.run("server", "show", foreign.get("server"), "-f", "value", "-c", "status")).contains("ACTIVE");
    assertThat(Hand.run("port", "show", foreign.get("port"), "-f", "value", "-c", "id")).contains(
        foreign.get("port"));
    assertThat(Hand.run("security", "group", "show", foreign.get("group"), "-f", "value", "-c", "id"))
        .contains(foreign.get("group"));
  }

  private static PortSpec port(Observation seen, String node) {
    return (PortSpec) seen.get(ResourceId.of(ResourceKind.PORT, node)).orElseThrow(() -> new AssertionError(
        "no port of " + node + " in " + seen)).spec();
  }

  /** What a person does by hand with the openstack CLI, sourcing the same openrc. */
  static final class Hand {
    private Hand() {}

    static Map<String, String> makeForeign(String cluster) throws Exception {
      String group = run("security", "group", "create", cluster + "-by-hand", "-f", "value", "-c", "id").strip();
      String port = run("port", "create", "--network", "internal", "--fixed-ip", "ip-address=10.0.200.77",
          cluster + "-by-hand", "-f", "value", "-c", "id").strip();
      String server = run("server", "create", "--flavor", "hpc", "--image", "debian-12", "--port", port, "--wait",
          cluster + "-by-hand", "-f", "value", "-c", "id").strip();
      return Map.of("group", group, "port", port, "server", server);
    }

    static String run(String... args) throws IOException, InterruptedException {
      return AsUser.openstack(args);
    }
  }

}
