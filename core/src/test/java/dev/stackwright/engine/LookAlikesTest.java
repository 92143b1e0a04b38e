package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.OwnedNames;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.ServerGroupSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What bears the cluster's names but shows it is not its own is a conflict: named, never replaced or deleted. */
class LookAlikesTest {
  private static final String OTHER_KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq7c0Ls1Lx8nHZ8Yv1o0Y1b1bH0sZkQ2m3Vd4e5f6g7 someone-else";
  private final Cluster seed = Topologies.seed("seed");
  private final InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
  private final Engine engine = engine(BackendContract.PUBLIC_KEY);
  private final ResourceId workers = ResourceId.of(ResourceKind.SERVER_GROUP, "worker");
  private final ResourceId keypair = ResourceId.of(ResourceKind.KEYPAIR, OwnedNames.KEYPAIR_KEY);

  private Engine engine(String publicKey) {
    return Engine.builder().backend(cloud).renderer(Topologies.renderer()).publicKey(publicKey).build();
  }

  @Test
  void aServerGroupMadeByHandWithOurNameAndAnotherPolicyIsAConflictAndNothingIsApplied() {
    // given
    String byHand = cloud.addForeignServerGroup(OwnedNames.of("seed", "worker"), "affinity");

    // when
    Plan plan = engine.plan(seed);

    // then
    assertThat(plan.conflicts()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(workers);
      assertThat(c.cloudId()).isEqualTo(byHand);
      assertThat(c.reason()).contains("policy is affinity, not anti-affinity");
      assertThat(c.fix()).contains("openstack server group delete " + byHand);
    });
    assertThat(plan.change(workers)).isEmpty();
    assertThat(plan.isEmpty()).isFalse();
    assertThat(plan.render()).contains("Conflicts").contains(byHand);
    assertThatThrownBy(() -> engine.apply(seed)).isInstanceOf(PlanConflictException.class)
        .hasMessageContaining("Nothing was applied").hasMessageContaining(byHand);
    assertThat(cloud.exists(byHand)).isTrue();
    assertThat(cloud.serverStatuses()).isEmpty();
  }

  @Test
  void aServerGroupWithOurNameHoldingAServerNotOursIsNeverDeletedByDestroy() {
    // given: the cluster applied, then someone's own server in a group of the workers' name
    assertThat(engine.apply(seed).succeeded()).isTrue();
    String port = cloud.addForeignPort("theirs", "internal", "10.0.200.7");
    String theirs = cloud.addForeignServer("theirs", "hpc", "debian-12", port);
    String group = cloud.addForeignServerGroup(OwnedNames.of("seed", "worker"), "anti-affinity",
        theirs);

    // when
    Plan plan = engine.destroyPlan("seed");
    ApplyResult result = engine.destroy("seed");

    // then
    assertThat(plan.conflicts()).extracting(Conflict::cloudId).containsExactly(group);
    assertThat(plan.conflicts().get(0).reason()).contains("1 server that is not the cluster's");
    assertThat(plan.changes()).noneMatch(c -> c.current().map(Observed::cloudId).filter(group::equals).isPresent());
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(cloud.exists(group)).isTrue();
    assertThat(cloud.exists(theirs)).isTrue();
    assertThat(cloud.serverStatuses()).containsOnlyKeys("theirs");
  }

  @Test
  void aKeypairWithOurNameAndAnotherKeyThatNoServerOfOursUsesIsAConflict() {
    // given
    String name = cloud.addForeignKeypair(OwnedNames.of("seed", OwnedNames.KEYPAIR_KEY),
        OTHER_KEY);

    // when
    Plan plan = engine.plan(seed);

    // then
    assertThat(plan.conflicts()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(keypair);
      assertThat(c.reason()).contains("public key is not the one given");
      assertThat(c.fix()).contains("openstack keypair delete " + name);
    });
    assertThatThrownBy(() -> engine.apply(seed)).isInstanceOf(PlanConflictException.class);
    assertThat(((KeypairSpec) cloud.observe("seed").get(keypair).orElseThrow().spec()).publicKey())
        .isEqualTo(OTHER_KEY);
  }

  @Test
  void ourOwnKeypairWhoseKeyTheUserChangedIsReplacedNotAConflict() {
    // given: the servers were booted with the cluster's keypair
    assertThat(engine.apply(seed).succeeded()).isTrue();

    // when
    Plan plan = engine(OTHER_KEY).plan(seed);

    // then
    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.change(keypair)).get().extracting(Change::action).isEqualTo(Action.REPLACE);
  }

  @Test
  void resourcesUnderTheirNamesOfBefore2026AreKeptAsTheyAre() {
    // given: the seed converged, its keypair and server group observed under their former names
    assertThat(engine.apply(seed).succeeded()).isTrue();
    List<Observed> former = new ArrayList<>();
    for (Observed o : cloud.observe("seed").resources()) {
      String old = "stackwright_seed_" + o.id().key();
      former.add(o.spec() instanceof KeypairSpec k ? withSpec(o, new KeypairSpec(k.id(), old, k.publicKey()))
          : o.spec() instanceof ServerGroupSpec g ? withSpec(o, new ServerGroupSpec(g.id(), old, g.policy())) : o);
    }
    Observation observed = Observation.of("seed", former);

    // when
    Plan plan = Planner.plan(engine.desired(seed, observed), observed, cloud.capabilities());

    // then
    assertThat(former).extracting(o -> o.spec().name()).contains("stackwright_seed_admin", "stackwright_seed_worker");
    assertThat(plan.isEmpty()).as(plan.render()).isTrue();
  }

  private static Observed withSpec(Observed o, ResourceSpec spec) {
    return new Observed(o.id(), o.cloudId(), spec, o.facts());
  }
}
