package dev.stackwright.engine;

import static dev.stackwright.engine.HandMade.have;
import static dev.stackwright.engine.HandMade.server;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ServerSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How node changes roll, on hand-made steps: kind by kind in node order, and around their jump host. */
class RolloutTest {
  private static Step step(Action action, String node) {
    ServerSpec spec = server(node, "hpc", "files of " + node);
    Change c = new Change(action, spec.id(), Optional.of(spec), Optional.of(have(spec)), "test", false);
    return new Step(c, action == Action.REBUILD ? Step.Phase.REBUILD : Step.Phase.RECONFIGURE);
  }

  private static Rolling rolling(Map<ResourceId, String> hosts, Map<ResourceId, ResourceId> vias) {
    return new Rolling(Rolling.NONE.updates(), Rolling.NONE.booted(), hosts, vias, java.util.Set.of(), 1);
  }

  private static Rollout rollout(List<Step> steps, Map<ResourceId, String> hosts) {
    Map<ResourceId, ResourceId> vias = Map.of(steps.get(1).id(), steps.get(0).id());
    return Rollout.of(steps, rolling(hosts, vias), Map.of(), Map.of());
  }

  @Test
  void aNodeReachedThroughAJumpHostBeingRebuiltWaitsForItsRebuild() {
    // given
    List<Step> steps = List.of(step(Action.REBUILD, "controller-1"), step(Action.RECONFIGURE, "web-1"));

    // when
    Rollout rollout = rollout(steps, Map.of());

    // then
    assertThat(rollout.order().get(steps.get(1))).contains(steps.get(0));
  }

  @Test
  void aNodeReachedThroughAJumpHostOnlyReconfiguredGoesAtTheSameTime() {
    // given
    List<Step> steps = List.of(step(Action.RECONFIGURE, "controller-1"), step(Action.RECONFIGURE, "web-1"));

    // when
    Rollout rollout = rollout(steps, Map.of());

    // then
    assertThat(rollout.order().get(steps.get(1))).doesNotContain(steps.get(0));
  }

  @Test
  void nodesOfAKindGoInNodeOrderEachAfterTheOneBefore() {
    // given
    Step w10 = step(Action.RECONFIGURE, "worker-10");
    Step w2 = step(Action.RECONFIGURE, "worker-2");
    Step w1 = step(Action.RECONFIGURE, "worker-1");
    Map<ResourceId, String> hosts = Map.of(w10.id(), "worker", w2.id(), "worker", w1.id(), "worker");

    // when
    Rollout rollout = Rollout.of(List.of(w10, w2, w1), rolling(hosts, Map.of()), Map.of(), Map.of());

    // then
    assertThat(rollout.waits()).doesNotContainKey(w1);
    assertThat(rollout.waits().get(w2)).containsExactly(w1);
    assertThat(rollout.waits().get(w10)).containsExactly(w2);
  }
}
