package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A delete says, in the model's terms, what the user changed to cause it. */
class DeleteReasonTest {
  private final Cluster seed = Topologies.seed("seed");
  private final InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
  private final Engine engine = Engine.builder().backend(cloud).renderer(Topologies.renderer()).build();

  @BeforeEach
  void applyTheSeed() {
    assertThat(engine.apply(seed).succeeded()).isTrue();
  }

  @Test
  void scalingDownToOneVmNamesTheVmKeptAndKeepsTheServerGroup() {
    // when
    Map<String, String> reasons = deletes(engine.plan(Topologies.seed("seed", 1, w -> {})));

    // then
    assertThat(reasons).containsOnlyKeys("server/worker-2", "server/worker-3", "port/worker-2", "port/worker-3");
    assertThat(reasons.get("server/worker-3")).isEqualTo("no longer in the model: 'worker' now has 1 VM (worker-1)");
  }

  @Test
  void removingAHostKindNamesItsServerGroup() {
    // when
    Map<String, String> reasons = deletes(engine.plan(Topologies.seedDsl("seed").build()));

    // then
    assertThat(reasons.get("server-group/worker")).isEqualTo("no longer in the model: no host kind 'worker' that can"
        + " grow any more");
  }

  @Test
  void removingARoleKindNamesTheRoleKindAndItsVms() {
    // when
    Map<String, String> reasons = deletes(engine.plan(Topologies.seedDsl("seed").build()));

    // then
    assertThat(reasons.get("server/worker-1")).isEqualTo("no longer in the model: no 'worker' VMs any more");
    assertThat(reasons.get("security-group/worker"))
        .isEqualTo("no longer in the model: no role of kind 'worker' any more");
  }

  private static Map<String, String> deletes(Plan plan) {
    return plan.changes().stream().filter(c -> c.action() == Action.DELETE)
        .collect(Collectors.toMap(c -> c.id().toString(), Change::reason));
  }
}
