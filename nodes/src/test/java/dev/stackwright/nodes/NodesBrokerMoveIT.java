package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.engine.Action;
import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Change;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Plan;
import dev.stackwright.engine.Topologies;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.model.Cluster;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The broker moved onto server_all on real nodes, through the engine: the seed without workers and with the broker
 * apart (controller, load balancer, server_all, broker) applied, then the seed as it is; server_all is rebuilt in
 * place (same container id, same addresses plus the broker's), RabbitMQ runs there, broker-1 is gone, the re-plan
 * is empty. The apply's seconds go to target/day-two-figures.txt ({@link DayTwoFigures}).
 */
@Tag("integration")
class NodesBrokerMoveIT {
  private static final String NAME = "brokermove";
  private static final Cluster APART = cluster(Seed::brokerApart);
  private static final Cluster MOVED = cluster(s -> s);
  private static TestRig rig;
  private static Path keys;
  private static Engine engine;

  /** The seed without workers, {@code edit}ed, its sources pointed at the rig (as {@link SeedOnNodesIT}). */
  private static Cluster cluster(UnaryOperator<Seed> edit) {
    ClusterDsl c = edit.apply(Seed.named(NAME).withoutWorkers().source("git://10.0.255.254/demo.git")).dsl()
        .adminCidr("10.0.255.254/32");
    c.packageSources().unsignedDebianMirror("http://10.0.255.254/debian ./")
        .couchdbRepository("http://10.0.255.254/couchdb ./", "http://10.0.255.254/couchdb/keys.asc")
        .pythonIndex("http://10.0.255.253/simple");
    return c.build();
  }

  @BeforeAll
  static void boot() throws Exception {
    keys = TestKeys.make("broker-move");
    Path key = keys.resolve("id");
    rig = TestRig.open(null, null, APART, b -> b.sshKey(key));
    try {
      DemoRepo.publish(rig.gitRoot, "demo", "v1.0");
      // the move rebuilds server_all, whose CouchDB holds data: allowed, as a user who backed it up would
      engine = Engine.builder().backend(rig.nodes).renderer(Topologies.renderer()).allowDataLoss(true)
          .serverGroupPolicy("soft-anti-affinity").publicKey(Files.readString(keys.resolve("id.pub"))).build();
      ApplyResult applied = engine.apply(APART);
      assertThat(applied.succeeded()).as(applied.summary()).isTrue();
      NodesHealthWait.untilSettled(rig.nodes, NAME, System.nanoTime(), new StringBuilder());
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  @AfterAll
  static void close() throws Exception {
    try {
      if (rig != null) {
        rig.close();
        rig = null;
      }
    } finally {
      TestKeys.remove(keys);
      keys = null;
    }
  }

  @Test
  void movingTheBrokerRebuildsServerAllInPlaceWhereRabbitMqThenRunsAndTheRePlanIsEmpty() throws Exception {
    // given
    ResourceId serverAll = ResourceId.of(ResourceKind.SERVER, "server_all-1");
    String cloudId = rig.nodes.observe(NAME).get(serverAll).orElseThrow().cloudId();
    Plan plan = engine.plan(MOVED);
    Change rebuild = plan.change(serverAll).orElseThrow(() -> new AssertionError(plan.render()));
    assertThat(rebuild.action()).as(plan.render()).isEqualTo(Action.REBUILD);

    // when
    long t0 = System.nanoTime();
    ApplyResult applied = engine.apply(MOVED, plan);
    double seconds = (System.nanoTime() - t0) / 1e9;
    NodesHealthWait.untilSettled(rig.nodes, NAME, t0, new StringBuilder());

    // then
    assertThat(applied.succeeded()).as(applied.summary()).isTrue();
    assertThat(rig.nodes.observe(NAME).get(serverAll).orElseThrow().cloudId()).isEqualTo(cloudId);
    assertThat(rig.nodes.observe(NAME).get(ResourceId.of(ResourceKind.SERVER, "broker-1"))).isEmpty();
    assertThat(RigHttp.inNode(rig, "server_all", "systemctl", "is-active", "rabbitmq-server").output().strip())
        .isEqualTo("active");
    assertThat(RigHttp.inNode(rig, "server_all", "ip", "-4", "-o", "addr", "show", "eth0").output())
        .contains("10.0.30.1/");
    Plan again = engine.plan(MOVED);
    assertThat(again.isEmpty()).as(again.render()).isTrue();
    DayTwoFigures.add("apply of the broker move (server_all rebuilt, broker-1 deleted): %.1f s", seconds);
  }
}
