package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ServerSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * After a run is killed while its servers boot, the next one waits for them (a server still building is never
 * replaced for what building explains, such as its port not bound yet) and a plan shown while they built still holds
 * once they are ACTIVE: the cloud settling is not a change.
 */
class AfterACrashTest {
  private final Cluster seed = Topologies.seed("crash");

  @Test
  void aServerStillBuildingWhosePortIsNotBoundYetIsWaitedForNotReplaced() {
    // given a converged seed, observed with worker-2 building and its port not bound yet
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    Engine engine = Engine.builder().backend(cloud).renderer(Topologies.renderer()).build();
    assertThat(engine.apply(seed).succeeded()).isTrue();
    ResourceId worker2 = ResourceId.of(ResourceKind.SERVER, "worker-2");
    Observation building = Observation.of("crash", cloud.observe("crash").resources().stream()
        .map(o -> o.id().equals(worker2) ? unbound(o) : o).toList());

    // when
    Plan plan = Planner.plan(engine.desired(seed, building), building, cloud.capabilities());

    // then
    assertThat(plan.change(worker2)).as(plan.render()).get().extracting(Change::action).isEqualTo(Action.AWAIT);
    assertThat(plan.count(Action.REPLACE)).as(plan.render()).isZero();
  }

  @Test
  void aPlanShownWhileADeadRunsServersBuiltStillHoldsOnceTheyAreActive() {
    // given
    InMemoryCloud cloud = Crashes.slowBoots(seed, Duration.ofMillis(800));
    Crashes.killWhileBooting(cloud, seed);
    Engine engine = Engine.builder().backend(cloud).renderer(Topologies.renderer()).build();
    Plan shown = engine.plan(seed);
    Crashes.waitUntil(() -> !cloud.serverStatuses().containsValue("BUILD"), "the dead run's boots finished");

    // when
    ApplyResult result = engine.apply(seed, shown);

    // then
    assertThat(shown.count(Action.AWAIT)).as(shown.render()).isPositive();
    assertThat(shown.count(Action.REPLACE)).as(shown.render()).isZero();
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(engine.plan(seed).isEmpty()).isTrue();
    assertThat(cloud.count(ResourceKind.SERVER)).isEqualTo(6);
  }

  /** The server as Nova lists it while it builds: status BUILD, no port bound yet. */
  private static Observed unbound(Observed o) {
    ServerSpec s = (ServerSpec) o.spec();
    Map<String, String> facts = new HashMap<>(o.facts());
    facts.put(Observed.Facts.STATUS, "BUILD");
    return new Observed(o.id(), o.cloudId(), new ServerSpec(s.id(), s.name(), s.flavor(), s.image(),
        ResourceId.of(ResourceKind.PORT, "none"), s.keypair(), s.serverGroup(), "", s.userDataSha256(),
        s.fileDigests(), s.metadata()), facts);
  }
}
