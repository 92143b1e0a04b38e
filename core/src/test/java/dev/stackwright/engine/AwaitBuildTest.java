package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A server that a run which died left in BUILD: the next plan says it will wait for it, the apply waits until it is
 * ACTIVE (then the cluster is converged) or reports it failed when it goes to ERROR (then the next plan replaces it).
 */
class AwaitBuildTest {
  private final Cluster seed = Topologies.seed("seed");
  private final InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
  private final ResourceId worker2 = ResourceId.of(ResourceKind.SERVER, "worker-2");

  /** The in-memory cloud, with worker-2 shown in BUILD for its first {@code looks} looks, then {@code finally}. */
  private Backend leftBuilding(int looks, String then) {
    AtomicInteger seen = new AtomicInteger();
    return new CountingBackend(cloud) {
      @Override
      public Observation observe(String cluster) {
        return Observation.of(cluster, super.observe(cluster).resources().stream().map(this::shown).toList());
      }

      @Override
      public Optional<Observed> find(String cluster, ResourceId id) {
        return super.find(cluster, id).map(this::shown);
      }

      private Observed shown(Observed o) {
        if (!o.id().equals(worker2)) {
          return o;
        }
        Map<String, String> facts = new HashMap<>(o.facts());
        facts.put(Observed.Facts.STATUS, seen.getAndIncrement() < looks ? "BUILD" : then);
        if (then.equals("ERROR")) {
          facts.put(Observed.Facts.FAULT, "No valid host was found");
        }
        return new Observed(o.id(), o.cloudId(), o.spec(), facts);
      }
    };
  }

  @Test
  void aServerLeftBuildingIsWaitedForAndThenTheClusterIsConverged() {
    // given
    assertThat(Engine.builder().backend(cloud).renderer(Topologies.renderer()).build().apply(seed).succeeded())
        .isTrue();
    Engine engine = Engine.builder().backend(leftBuilding(3, "ACTIVE")).renderer(Topologies.renderer()).build();

    // when
    Plan plan = engine.plan(seed);
    ApplyResult result = engine.apply(seed);

    // then
    assertThat(plan.changes()).extracting(Change::toString).containsExactly(
        "… wait for server/worker-2 (worker-2): still building: a run that ended before it was ACTIVE started it");
    assertThat(plan.summary()).endsWith(", 1 to wait for");
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(result.outcomes()).extracting(o -> o.step().toString()).containsExactly("await server/worker-2");
    assertThat(engine.plan(seed).isEmpty()).isTrue();
  }

  @Test
  void aServerLeftBuildingThatGoesToErrorFailsTheApplyAndIsReplacedByTheNext() {
    // given
    assertThat(Engine.builder().backend(cloud).renderer(Topologies.renderer()).build().apply(seed).succeeded())
        .isTrue();
    Engine engine = Engine.builder().backend(leftBuilding(2, "ERROR")).renderer(Topologies.renderer()).build();

    // when
    ApplyResult result = engine.apply(seed);

    // then
    assertThat(result.succeeded()).isFalse();
    assertThat(result.summary()).contains("await server/worker-2")
        .contains("went to ERROR while it was building (No valid host was found); apply again to replace it");
    assertThat(engine.plan(seed).changes()).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo(Action.REPLACE);
      assertThat(c.reason()).startsWith("the server is in ERROR");
    });
  }
}
