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
import dev.stackwright.nodes.internal.Host;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Day two through the engine on real nodes: the split seed without workers (controller, load balancer, one app
 * server, static, database, broker) applied, then scaled to two app servers, then given version v1.1 of the demo
 * app; each change pushed over SSH through the controller as jump host, each re-plan empty. The tests run in order,
 * each on the cluster the one before left; the seconds of each apply go to target/day-two-figures.txt ({@link DayTwoFigures}).
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodesDayTwoEngineIT {
  private static final String NAME = "daytwo";
  private static final String CONF = "/etc/nginx/sites-enabled/stackwright-webserver.conf";
  private static final Cluster ONE = cluster(s -> s);
  private static final Cluster TWO = cluster(s -> s.role("appserver", a -> a.count(2)));
  private static final Cluster BUMPED = cluster(s -> s.role("appserver", a -> a.count(2)).version("v1.1"));
  private static TestRig rig;
  private static Path keys;
  private static Path demo;
  private static Engine engine;

  /** The split seed without workers, {@code edit}ed, its sources pointed at the rig (as {@link SeedOnNodesIT}). */
  private static Cluster cluster(UnaryOperator<Seed> edit) {
    ClusterDsl c = edit.apply(Seed.named(NAME).split().withoutWorkers().source("git://10.0.255.254/demo.git")).dsl()
        .adminCidr("10.0.255.254/32");
    c.packageSources().unsignedDebianMirror("http://10.0.255.254/debian ./")
        .couchdbRepository("http://10.0.255.254/couchdb ./", "http://10.0.255.254/couchdb/keys.asc")
        .pythonIndex("http://10.0.255.253/simple");
    return c.build();
  }

  @BeforeAll
  static void boot() throws Exception {
    keys = TestKeys.make("daytwo-engine");
    Path key = keys.resolve("id");
    rig = TestRig.open(null, null, TWO, b -> b.sshKey(key));
    try {
      demo = DemoRepo.publish(rig.gitRoot, "demo", "v1.0");
      DemoRepo.addVersion(demo, "v1.1");
      engine = Engine.builder().backend(rig.nodes).renderer(Topologies.renderer())
          .serverGroupPolicy("soft-anti-affinity").publicKey(Files.readString(keys.resolve("id.pub"))).build();
      ApplyResult applied = timed("apply from nothing (6 nodes)", () -> engine.apply(ONE));
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
  @Order(1)
  void scalingAppServersReloadsTheLoadBalancersNginxWithTheNewUpstreamWhichThenServes() throws Exception {
    // given
    Plan plan = engine.plan(TWO);
    Change web = plan.change(server("webserver-1")).orElseThrow(() -> new AssertionError(plan.render()));
    assertThat(web.action()).as(plan.render()).isEqualTo(Action.RECONFIGURE);
    assertThat(web.reason()).contains(CONF).contains("reload nginx");

    // when
    ApplyResult applied = timed("apply of app servers 1 -> 2 (a server made, nginx reloaded)",
        () -> engine.apply(TWO, plan));

    // then
    assertThat(applied.succeeded()).as(applied.summary()).isTrue();
    assertThat(inNode("webserver-1", "cat", CONF)).contains("10.0.11.1").contains("10.0.11.2");
    assertThat(whoAnswers(20)).as("who answered through the load balancer").contains("appserver-2");
    assertEmpty(engine.plan(TWO));
  }

  @Test
  @Order(2)
  void aNewApplicationVersionIsCheckedOutOnEveryAppServer() throws Exception {
    // given
    String v11 = Host.ok("git", "-C", demo.toString(), "rev-parse", "v1.1^{commit}").strip();
    Plan plan = engine.plan(BUMPED);
    assertThat(plan.change(server("appserver-2")).orElseThrow(() -> new AssertionError(plan.render())).reason())
        .contains("v1.0 -> v1.1");

    // when
    ApplyResult applied = timed("apply of version v1.0 -> v1.1 (redeploy on 2 app servers)",
        () -> engine.apply(BUMPED, plan));

    // then
    assertThat(applied.succeeded()).as(applied.summary()).isTrue();
    for (String node : List.of("appserver-1", "appserver-2")) {
      assertThat(inNode(node, "git", "-c", "safe.directory=*", "-C", "/srv/demo", "rev-parse", "HEAD"))
          .as(node + "'s checkout").isEqualTo(v11);
    }
    assertThat(whoAnswers(20)).isNotEmpty();
    assertEmpty(engine.plan(BUMPED));
  }

  private static ResourceId server(String key) {
    return ResourceId.of(ResourceKind.SERVER, key);
  }

  private static void assertEmpty(Plan again) {
    assertThat(again.isEmpty()).as(again.render()).isTrue();
  }

  private static String inNode(String node, String... command) throws Exception {
    Host.Result r = RigHttp.inNode(rig, node, command);
    assertThat(r.ok()).as("%s in %s: %s", String.join(" ", command), node, r.output()).isTrue();
    return r.output().strip();
  }

  /** The app servers that answered {@code /whoami/} through the load balancer, asked at most {@code times} times. */
  private static String whoAnswers(int times) {
    StringBuilder who = new StringBuilder();
    for (int i = 0; i < times && !who.toString().contains("appserver-2"); i++) {
      who.append(RigHttp.get(rig, "http://10.0.10.3/whoami/", null).body()).append('\n');
    }
    return who.toString();
  }

  private interface Step<T> {
    T run() throws Exception;
  }

  private static <T> T timed(String what, Step<T> step) throws Exception {
    long t0 = System.nanoTime();
    T result = step.run();
    DayTwoFigures.add("%s: %.1f s", what, (System.nanoTime() - t0) / 1e9);
    return result;
  }
}
