package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Two clusters on one cloud, one's name a prefix of the other's: neither ever plans to touch the other. */
class OwnershipAcrossClustersTest {
  // the long names are as long as a cluster name may be (50), one of them the other with its end changed to "_b"

  /** The seed with its blocks moved up by {@code shift}, two workers (so a server group) and a keypair. */
  private static Cluster cluster(String name, int shift) {
    ClusterDsl dsl = Topologies.seedDsl(name, false, shift);
    dsl.role("worker").count(2).flavor("hpc").subnet("10.0." + (100 + shift));
    return dsl.build();
  }

  private static Engine engine(InMemoryCloud cloud) {
    return Engine.builder().backend(cloud).renderer(Topologies.renderer()).publicKey(BackendContract.PUBLIC_KEY)
        .build();
  }

  private static Set<String> cloudIds(Observation o) {
    return o.resources().stream().map(Observed::cloudId).collect(Collectors.toSet());
  }

  @ParameterizedTest
  @CsvSource({"prod,prod_a", "prod,prod-a", "prod_a,prod", "prod,prod_admin", "prod_a,prod_a_b",
      "lxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,lxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_b", "lxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_b,lxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
  void destroyingOneClusterPlansNothingOfTheOther(String destroyed, String kept) {
    // given
    InMemoryCloud cloud = InMemoryCloud.forCluster(cluster(kept, 1));
    Engine engine = engine(cloud);
    assertThat(engine.apply(cluster(kept, 1)).succeeded()).isTrue();

    // when
    Plan plan = engine.destroyPlan(destroyed);

    // then
    assertThat(plan.changes()).as(plan.render()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"prod,prod_a", "prod_a,prod", "prod,prod-a", "lxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,lxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
  void destroyingOneClusterLeavesTheOtherWhole(String destroyed, String kept) {
    // given: both applied on one cloud
    InMemoryCloud cloud = InMemoryCloud.forCluster(cluster(kept, 1));
    Engine engine = engine(cloud);
    ApplyResult first = engine.apply(cluster(destroyed, 5));
    ApplyResult second = engine.apply(cluster(kept, 1));
    assertThat(first.succeeded()).as(first.summary()).isTrue();
    assertThat(second.succeeded()).as(second.summary()).isTrue();
    Set<String> before = cloudIds(cloud.observe(kept));

    // when
    ApplyResult result = engine.destroy(destroyed);

    // then
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(cloud.observe(destroyed).size()).isZero();
    assertThat(cloudIds(cloud.observe(kept))).isEqualTo(before);
    assertThat(engine.plan(cluster(kept, 1)).isEmpty()).isTrue();
    assertThat(before).hasSizeGreaterThan(10);
  }
}
