package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Action;
import dev.stackwright.engine.Change;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Plan;
import dev.stackwright.engine.Topologies;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.spi.ResourceKind;
import org.junit.jupiter.api.Test;

/** The bad cases' cluster ({@link ProbeCluster}) on the in-memory cloud: what a change of its texts plans. */
class ProbeClusterTest {
  private static Engine engine(Cluster cluster) {
    return Engine.builder().backend(InMemoryCloud.forCluster(cluster)).renderer(Topologies.renderer()).build();
  }

  @Test
  void aNewProbeTextReconfiguresEveryProbeNodeAndNothingElse() {
    // given
    Cluster before = ProbeCluster.named("probes").probes(3, "v1").peer("p1").build();
    Engine engine = engine(before);
    engine.apply(before);

    // when
    Plan plan = engine.plan(ProbeCluster.named("probes").probes(3, "v2").peer("p1").build());

    // then
    assertThat(plan.changes()).as(plan.render()).extracting(c -> c.id().key() + " " + c.action())
        .containsExactlyInAnyOrder("probe-1 RECONFIGURE", "probe-2 RECONFIGURE", "probe-3 RECONFIGURE");
    assertThat(plan.changes().get(0).reason()).as(plan.render()).contains(ProbeCluster.CONF)
        .contains(ProbeCluster.EXTRA).contains("reload probe");
  }

  @Test
  void theFilesOfEachProbeNodeCarryItsText() {
    // given
    Cluster cluster = ProbeCluster.named("probes").probes(2, "bad").build();

    // when
    var rendered = Topologies.renderer().render(cluster);

    // then
    assertThat(rendered.file("probe-2", ProbeCluster.CONF).orElseThrow().content()).isEqualTo("text=bad\n");
    assertThat(rendered.file("probe-2", ProbeCluster.EXTRA).orElseThrow().content()).endsWith("extra=bad\n");
  }
}
