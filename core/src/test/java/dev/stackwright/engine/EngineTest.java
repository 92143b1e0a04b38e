package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RuleSpec;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The seed on the in-memory cloud: from nothing to converged, and the edits a user makes next. */
class EngineTest {
  private final Cluster seed = Topologies.seed("seed");
  private final InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
  private final Engine engine = Engine.builder().backend(cloud).renderer(Topologies.renderer()).build();

  @Test
  void theSeedFromNothingHasSixActiveServersItsPortsAndItsGroups() {
    // when
    ApplyResult result = engine.apply(seed);

    // then
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(cloud.serverStatuses()).containsOnlyKeys("controller-1", "webserver-1", "server_all-1", "worker-1",
        "worker-2", "worker-3").allSatisfy((name, status) -> assertThat(status).isEqualTo("ACTIVE"));
    Observation seen = cloud.observe("seed");
    PortSpec web = (PortSpec) seen.get(ResourceId.of(ResourceKind.PORT, "webserver-1")).orElseThrow().spec();
    assertThat(web.name()).isEqualTo("port.10.01_webserver-1");
    assertThat(web.fixedIps()).containsExactly(Ipv4Address.parse("10.0.10.3"));
    PortSpec all = (PortSpec) seen.get(ResourceId.of(ResourceKind.PORT, "server_all-1")).orElseThrow().spec();
    assertThat(all.fixedIps()).extracting(Object::toString)
        .containsExactlyInAnyOrder("10.0.11.1", "10.0.12.1", "10.0.20.1", "10.0.30.1");
    assertThat(all.securityGroups()).extracting(ResourceId::key)
        .containsExactlyInAnyOrder("appserver", "static", "database", "broker");
    assertThat(cloud.count(ResourceKind.SECURITY_GROUP)).isEqualTo(7);
    assertThat(cloud.count(ResourceKind.SERVER_GROUP)).as("every host kind that can grow: all but the controller")
        .isEqualTo(3);
  }

  @Test
  void replanningAConvergedClusterIsEmptyAndTheControllerKnowsEveryMac() {
    // given
    engine.apply(seed);

    // when
    Plan again = engine.plan(seed);

    // then
    assertThat(again.isEmpty()).as(again.render()).isTrue();
    assertThat(again.drift()).isEmpty();
    assertThat(again.render()).contains("no changes");
    Map<String, String> macs = cloud.observe("seed").resources().stream()
        .filter(o -> o.id().kind() == ResourceKind.PORT)
        .collect(Collectors.toMap(o -> o.id().key(), o -> o.fact(Observed.Facts.MAC).orElseThrow()));
    String dhcp = engine.render(seed).files("controller-1").stream().filter(f -> f.path().contains("dnsmasq"))
        .map(f -> f.content()).collect(Collectors.joining());
    assertThat(macs.values()).allSatisfy(mac -> assertThat(dhcp).contains(mac));
  }

  @Test
  void withAnExternalNetworkTheWebserverAndControllerGetFloatingIpsAndTheAppKnowsThemFromTheStart() {
    // given
    Cluster exposed = Topologies.exposed("pub");
    InMemoryCloud withPublic = InMemoryCloud.forCluster(exposed);
    Engine e = Engine.builder().backend(withPublic).renderer(Topologies.renderer()).build();

    // when
    Plan first = e.plan(exposed);
    ApplyResult result = e.apply(exposed);

    // then
    assertThat(first.changes(c -> c.id().kind() == ResourceKind.FLOATING_IP)).extracting(c -> c.id().key())
        .containsExactlyInAnyOrder("webserver-1", "controller-1");
    assertThat(first.notes()).anySatisfy(n -> assertThat(n).startsWith("server/server_all-1: its user-data is"
        + " rendered once the new ports and floating IPs exist"));
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    Plan again = e.plan(exposed);
    assertThat(again.isEmpty()).as(again.render()).isTrue();
    assertThat(again.drift()).as("the servers booted with the final files").isEmpty();
  }

  @Test
  void addingAWorkerCreatesExactlyOnePortAndOneServerAndGivesTheOthersTheNewHostsFile() {
    // given
    engine.apply(seed);
    Cluster grown = Topologies.seed("seed", 4, w -> {});

    // when
    Plan plan = engine.plan(grown);

    // then
    assertThat(plan.changes(c -> c.action() != Action.RECONFIGURE)).extracting(Change::action,
        c -> c.id().toString()).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(Action.CREATE, "port/worker-4"),
        org.assertj.core.groups.Tuple.tuple(Action.CREATE, "server/worker-4"));
    assertThat(plan.changes(c -> c.action() == Action.RECONFIGURE)).extracting(c -> c.id().key())
        .contains("controller-1", "webserver-1", "worker-1");
    assertThat(plan.change(ResourceId.of(ResourceKind.SERVER, "worker-1")).orElseThrow().reason())
        .contains("/etc/hosts");
    assertThat(plan.drift()).isEmpty();
    assertThat(plan.summary()).startsWith("2 to create, 0 to update, 0 to replace, 0 to delete, ")
        .endsWith(" to reconfigure");
    assertThat(engine.apply(grown).succeeded()).isTrue();
    assertThat(cloud.serverStatuses()).hasSize(7);
  }

  @Test
  void aChangedCeleryConfigReplacesTheWorkersWhosePolicySaysSoAndNamesTheFile() {
    // given
    Cluster before = Topologies.seedReplacingWorkers("seed", 2);
    engine.apply(before);

    // when
    Plan plan = engine.plan(Topologies.seedReplacingWorkers("seed", 5));

    // then
    assertThat(plan.changes()).extracting(c -> c.id().toString())
        .containsExactlyInAnyOrder("server/worker-1", "server/worker-2", "server/worker-3");
    assertThat(plan.changes()).allSatisfy(c -> {
      assertThat(c.action()).isEqualTo(Action.REPLACE);
      assertThat(c.reason()).startsWith("user-data changed (").contains("celery").endsWith("policy: replace");
      assertThat(c.destroysData()).isFalse();
    });
  }

  @Test
  void removingAWorkerDeletesItsServerBeforeItsPort() {
    // given
    engine.apply(seed);
    Cluster smaller = Topologies.seed("seed", 2, w -> {});

    // when
    Plan plan = engine.plan(smaller);
    java.util.List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    ApplyResult result = Engine.builder().backend(cloud).renderer(Topologies.renderer())
        .listener(new ExecutionListener() {
          @Override
          public void started(Step step) {
            order.add(step.toString());
          }
        }).build().apply(smaller);

    // then
    assertThat(plan.changes(c -> c.action() != Action.RECONFIGURE)).extracting(Change::toString).containsExactly(
        "- delete server/worker-3 (worker-3): no longer in the model: 'worker' now has 2 VMs (worker-1..worker-2)",
        "- delete port/worker-3 (port.100.03_worker-3): no longer in the model: 'worker' now has 2 VMs"
            + " (worker-1..worker-2)");
    assertThat(result.succeeded()).isTrue();
    assertThat(order.stream().filter(s -> s.startsWith("delete"))).containsExactly("delete server/worker-3",
        "delete port/worker-3");
    assertThat(order.indexOf("delete server/worker-3")).as("the others stop naming it first")
        .isGreaterThan(order.indexOf("reconfigure server/webserver-1"));
  }

  @Test
  void anExtraRuleIsAddedInPlace() {
    // given
    engine.apply(seed);
    Engine withRule = Engine.builder().backend(cloud).renderer(Topologies.renderer())
        .rule(BuiltInServices.WORKER, RuleSpec.tcpFrom(9100, "192.0.2.0/24", "node exporter for monitoring")).build();

    // when
    Plan plan = withRule.plan(seed);

    // then
    assertThat(plan.changes()).hasSize(1);
    Change c = plan.changes().get(0);
    assertThat(c.action()).isEqualTo(Action.UPDATE);
    assertThat(c.reason()).isEqualTo("add tcp 9100 from 192.0.2.0/24 (node exporter for monitoring)");
    assertThat(withRule.apply(seed).succeeded()).isTrue();
    assertThat(withRule.plan(seed).isEmpty()).isTrue();
  }

  @Test
  void splittingServerAllMovesEveryRoleAddressToItsOwnVmWithoutRenumbering() {
    // given
    engine.apply(seed);
    Cluster split = Topologies.split("seed");

    // when
    ApplyResult result = engine.apply(split);

    // then
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    Set<String> addresses = cloud.observe("seed").resources().stream()
        .filter(o -> o.spec() instanceof PortSpec).flatMap(o -> ((PortSpec) o.spec()).fixedIps().stream())
        .map(Object::toString).collect(Collectors.toSet());
    assertThat(addresses).contains("10.0.11.1", "10.0.12.1", "10.0.20.1", "10.0.30.1", "10.0.10.3", "10.0.0.1");
    assertThat(engine.plan(split).isEmpty()).isTrue();
  }
}
