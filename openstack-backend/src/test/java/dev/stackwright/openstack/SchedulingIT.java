package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Engine;
import dev.stackwright.model.Cluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A server Nova cannot place, on the real cloud: one worker more than there are hypervisors, in a strict
 * anti-affinity group. Every boot of one worker finds no host; the backend boots it again (concurrent boots into one
 * group can lose a race that a second boot wins) and, after its last boot, fails that one server with the fault and
 * the number of boots, while every other server is built. With one worker fewer, the next apply converges.
 */
@Tag("integration")
class SchedulingIT {

  @Test
  void aServerNoHostCanTakeFailsAloneAfterItsBootsAndTheNextApplyOfAFittingClusterConverges() {
    try (SeedOnOwnNetwork ground = new SeedOnOwnNetwork("sched")) {
      int hosts = ground.hypervisors();
      String name = RealCloud.uniqueClusterName("sched");
      Engine engine = ground.engine(OpenStackBackend.builder().credentials(RealCloud.credentials()).build());
      try {
        // given: one worker more than the hypervisors, strictly apart (the engine's default policy)
        Cluster tooMany = ground.seed(name, hosts + 1);

        // when
        ApplyResult first = engine.apply(tooMany);

        // then: exactly one server failed, with Nova's fault and its boots; the others were made
        assertThat(first.succeeded()).isFalse();
        assertThat(first.summary()).contains("1 failed", "No valid host was found",
            "(boot 3 of 3; each found no place)");
        assertThat(first.summary()).containsPattern("create server/worker-[0-9]+: failed");

        // when: the cluster fits the hypervisors
        Cluster fitting = ground.seed(name, hosts);
        ApplyResult second = engine.apply(fitting);

        // then
        assertThat(second.succeeded()).as(second.summary()).isTrue();
        SeedOnOwnNetwork.Verdict verdict = ground.verdict(fitting);
        assertThat(verdict.ok()).as(verdict.toString()).isTrue();
      } finally {
        assertThat(ground.destroy(name).succeeded()).isTrue();
        assertThat(ground.leftOf(name).total()).isZero();
      }
    }
  }
}
