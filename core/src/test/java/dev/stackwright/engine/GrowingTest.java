package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ServerSpec;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Growing or shrinking a host kind creates or deletes only the VMs that come or go: no surviving server is replaced,
 * because every kind that can grow has its server group from its first VM (a server joins a group only at boot).
 */
class GrowingTest {
  private static final String NAME = "grow";

  /**
   * The seed (as {@link Topologies#seedDsl}) with {@code scaled} at {@code count} VMs and every other kind at the
   * seed's count: the controller cannot grow (a cluster has one), so it is not among the kinds scaled.
   */
  private static Cluster seed(String scaled, int count) {
    Function<String, Integer> n = kind -> kind.equals(scaled) ? count : kind.equals("worker") ? 3 : 1;
    ClusterDsl c = Stackwright.cluster(NAME).network("10.0.0.0/16").gateway("10.0.0.254").dhcpPool("10.0.254.0/24")
        .adminCidr("192.0.2.0/24").defaultImage("debian-9.2");
    c.flavor("controller").vcpus(1).ramGb(1);
    c.flavor("webserver").vcpus(2).ramGb(2);
    c.flavor("server_all").vcpus(4).ramGb(4);
    c.flavor("hpc").vcpus(2).ramGb(8);
    c.role("controller").address("10.0.0.1").flavor("controller");
    c.role("webserver").subnet("10.0.10").firstOffset(3).flavor("webserver").count(n.apply("webserver"));
    c.role("appserver").subnet("10.0.11");
    c.role("static").subnet("10.0.12");
    c.role("database").subnet("10.0.20");
    c.role("broker").subnet("10.0.30");
    c.host("server_all").flavor("server_all").count(n.apply("server_all"))
        .carries("appserver", "static", "broker", "database");
    c.role("worker").count(n.apply("worker")).flavor("hpc").subnet("10.0.100");
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo")
        .source("https://git.example.org/stackwright/demo.git").version("v1.0");
    return c.build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"webserver", "server_all", "worker"})
  void scalingAHostKindFromOneToThreeAndBackReplacesNoSurvivingServer(String kind) {
    // given
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed(kind, 3));
    Engine engine = Engine.builder().backend(cloud).renderer(Topologies.renderer()).build();
    assertThat(engine.apply(seed(kind, 1)).succeeded()).isTrue();
    Map<String, String> before = servers(cloud);

    // when
    Plan grow = engine.plan(seed(kind, 3));
    ApplyResult grown = engine.apply(seed(kind, 3), grow);
    Map<String, String> afterGrowing = servers(cloud);
    Plan shrink = engine.plan(seed(kind, 1));
    ApplyResult shrunk = engine.apply(seed(kind, 1), shrink);

    // then
    assertThat(grow.count(Action.REPLACE)).as(grow.render()).isZero();
    assertThat(grow.count(Action.DELETE)).as(grow.render()).isZero();
    assertThat(grown.succeeded()).as(grown.summary()).isTrue();
    assertThat(afterGrowing).containsAllEntriesOf(before).containsKeys(kind + "-2", kind + "-3");
    assertThat(shrink.count(Action.REPLACE)).as(shrink.render()).isZero();
    assertThat(shrunk.succeeded()).as(shrunk.summary()).isTrue();
    assertThat(servers(cloud)).containsAllEntriesOf(before).doesNotContainKeys(kind + "-2", kind + "-3");
    assertThat(engine.plan(seed(kind, 1)).isEmpty()).isTrue();
  }

  @Test
  void aRunningServerWithoutAGroupIsKeptWithANoteNotReplaced() {
    // given a server booted when a kind of one VM had no server group, as before every kind got one
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed("webserver", 1));
    Engine engine = Engine.builder().backend(cloud).renderer(Topologies.renderer()).build();
    assertThat(engine.apply(seed("webserver", 1)).succeeded()).isTrue();
    Observed web = cloud.observe(NAME).get(ResourceId.of(ResourceKind.SERVER, "webserver-1")).orElseThrow();
    ServerSpec inGroup = (ServerSpec) web.spec();
    ServerSpec groupless = new ServerSpec(inGroup.id(), inGroup.name(), inGroup.flavor(), inGroup.image(),
        inGroup.port(), inGroup.keypair(), Optional.empty(), "", inGroup.userDataSha256(), inGroup.fileDigests(),
        inGroup.metadata());
    Observation old = Observation.of(NAME, cloud.observe(NAME).resources().stream()
        .map(o -> o.id().equals(web.id()) ? new Observed(o.id(), o.cloudId(), groupless, o.facts()) : o).toList());

    // when
    Plan plan = Planner.plan(engine.desired(seed("webserver", 1), old), old, cloud.capabilities());

    // then
    assertThat(plan.change(web.id())).as(plan.render()).isEmpty();
    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("server/webserver-1 stays outside"
        + " server-group/webserver").contains("cannot join"));
  }

  /** Each server's cloud id by name: a server replaced has a new one. */
  private static Map<String, String> servers(InMemoryCloud cloud) {
    return cloud.observe(NAME).resources().stream().filter(o -> o.id().kind() == ResourceKind.SERVER)
        .collect(Collectors.toMap(o -> o.id().key(), Observed::cloudId));
  }
}
