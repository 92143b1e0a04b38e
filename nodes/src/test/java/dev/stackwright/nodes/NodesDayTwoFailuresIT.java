package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Action;
import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Change;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Outcome;
import dev.stackwright.engine.Plan;
import dev.stackwright.model.Cluster;
import dev.stackwright.nodes.internal.Host;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ServerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Day two's bad cases through the engine on real nodes: the probe cluster ({@link ProbeCluster}: the controller, two
 * probe nodes and one peer node) applied once with text v1; then a text the probe unit's reload refuses, a health
 * check that never passes, and a probe node whose sshd is down. Each apply stops the probe rollout at probe-1 with
 * the reason, leaves probe-1 on its old files and probe-2 untouched, records nothing for them, and the next plan
 * still offers both. The tests run in order on the cluster the one before left; the last one stops a node's sshd.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodesDayTwoFailuresIT {
  private static final String NAME = "badcases";
  private static final Cluster BASE = ProbeCluster.named(NAME).probes(2, "v1").peer("p1").build();
  private static final String OLD_CONF = "text=v1";
  private static TestRig rig;
  private static Path keys;
  private static Engine engine;

  @BeforeAll
  static void boot() throws Exception {
    keys = TestKeys.make("badcases");
    Path key = keys.resolve("id");
    rig = TestRig.open(null, null, BASE, b -> b.sshKey(key));
    try {
      engine = NodesRolloutInChild.engine(rig.nodes, key);
      ApplyResult applied = engine.apply(BASE);
      assertThat(applied.succeeded()).as(applied.summary()).isTrue();
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
  void aUnitThatFailsToReloadStopsTheRolloutWithTheFirstNodeBackOnItsOldFileAndTheSecondUntouched()
      throws Exception {
    // given
    Cluster bad = ProbeCluster.named(NAME).probes(2, "bad").peer("p1").build();
    String untouched = inNode("probe-2", "stat", "-c", "%i %Y", ProbeCluster.CONF);

    // when
    ApplyResult applied = engine.apply(bad);

    // then
    Outcome failed = onlyFailure(applied);
    assertThat(failed.reason()).as(applied.summary()).contains(Reason.NODE_FAILED);
    assertThat(failed.detail().orElseThrow()).contains("probe-1").contains("reload probe")
        .contains("old files were put back");
    assertStoppedAtProbe1(applied, untouched);
    assertThat(inNode("probe-1", "systemctl", "is-active", "probe")).isEqualTo("active");
    assertBothOffered(bad);
  }

  @Test
  @Order(2)
  void aHealthCheckThatNeverPassesStopsTheRolloutWithTheFirstNodeBackOnItsOldFileAndTheSecondUntouched()
      throws Exception {
    // given
    Cluster unhealthy = ProbeCluster.named(NAME).probes(2, "v2").failingCheck().peer("p1").build();
    String untouched = inNode("probe-2", "stat", "-c", "%i %Y", ProbeCluster.CONF);

    // when
    long t0 = System.nanoTime();
    ApplyResult applied = engine.apply(unhealthy);
    DayTwoFigures.add("apply whose health check never passes (stops at probe-1): %.1f s",
        (System.nanoTime() - t0) / 1e9);

    // then
    Outcome failed = onlyFailure(applied);
    assertThat(failed.reason()).as(applied.summary()).contains(Reason.NODE_FAILED);
    assertThat(failed.detail().orElseThrow()).contains("probe-1").contains("check health-probe-1")
        .contains("old files were put back");
    assertStoppedAtProbe1(applied, untouched);
    assertBothOffered(unhealthy);
  }

  @Test
  @Order(3)
  void aNodeWhoseSshdIsDownIsUnreachableNothingIsRecordedForItAndTheOtherKindGoesOn() throws Exception {
    // given the plan approved, then probe-1's sshd stopped (the container runs on: the plan stays the one approved)
    Cluster texts = ProbeCluster.named(NAME).probes(2, "v3").peer("p3").build();
    Plan plan = engine.plan(texts);
    inNode("probe-1", "systemctl", "stop", "ssh.socket", "ssh.service");
    String untouched = inNode("probe-2", "stat", "-c", "%i %Y", ProbeCluster.CONF);

    // when
    ApplyResult applied = engine.apply(texts, plan);

    // then
    Outcome failed = onlyFailure(applied);
    assertThat(failed.reason()).as(applied.summary()).contains(Reason.UNREACHABLE);
    assertThat(applied.summary()).contains("probe-1");
    assertStoppedAtProbe1(applied, untouched);
    assertThat(applied.outcomes()).as(applied.summary()).anyMatch(o -> o.step().id().equals(server("peer-1"))
        && o.status() == Outcome.Status.DONE);
    assertThat(inNode("peer-1", "cat", ProbeCluster.CONF)).isEqualTo("text=p3");
    assertThat(fileDigest("probe-1")).isEqualTo(fileDigest("probe-2"));
  }

  private static Outcome onlyFailure(ApplyResult applied) {
    System.out.println("[bad case] " + applied.summary());
    assertThat(applied.succeeded()).as(applied.summary()).isFalse();
    assertThat(applied.failures()).as(applied.summary()).hasSize(1);
    Outcome failed = applied.failures().get(0);
    assertThat(failed.step().id()).as(applied.summary()).isEqualTo(server("probe-1"));
    return failed;
  }

  /** probe-1 holds its old conf, probe-2 was skipped and its conf not even replaced, neither recorded anything new. */
  private static void assertStoppedAtProbe1(ApplyResult applied, String probe2Before) throws Exception {
    assertThat(applied.skipped()).as(applied.summary()).extracting(o -> o.step().id()).contains(server("probe-2"));
    assertThat(inNode("probe-1", "cat", ProbeCluster.CONF)).isEqualTo(OLD_CONF);
    assertThat(inNode("probe-2", "cat", ProbeCluster.CONF)).isEqualTo(OLD_CONF);
    assertThat(inNode("probe-2", "stat", "-c", "%i %Y", ProbeCluster.CONF)).as("probe-2's conf, inode and mtime")
        .isEqualTo(probe2Before);
    String v1 = ServerSpec.fileDigest(OLD_CONF + "\n");
    assertThat(List.of(fileDigest("probe-1"), fileDigest("probe-2"))).as("recorded digests").containsOnly(v1);
  }

  private static void assertBothOffered(Cluster cluster) {
    Plan again = engine.plan(cluster);
    assertThat(again.changes()).as(again.render()).filteredOn(c -> c.action() == Action.RECONFIGURE)
        .extracting(Change::id).containsExactlyInAnyOrder(server("probe-1"), server("probe-2"));
  }

  private static String fileDigest(String node) {
    Optional<String> d = rig.another().observe(NAME).get(server(node))
        .map(o -> ((ServerSpec) o.spec()).fileDigests().get(ProbeCluster.CONF));
    return d.orElseThrow();
  }

  private static ResourceId server(String key) {
    return ResourceId.of(ResourceKind.SERVER, key);
  }

  private static String inNode(String node, String... command) throws Exception {
    Host.Result r = RigHttp.inNode(rig, node, command);
    assertThat(r.ok()).as("%s in %s: %s", String.join(" ", command), node, r.output()).isTrue();
    return r.output().strip();
  }
}
