package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Engine;
import dev.stackwright.spi.Observed;
import dev.stackwright.engine.Plan;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Cluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The seed applied by the engine on real nodes, from nothing: every server ACTIVE, a second plan empty, destroy
 * leaving nothing. The user-data's own steps need a package mirror the rig does not serve yet: this proves the
 * backend, not the user-data.
 */
@Tag("integration")
class NodesEngineIT {
  private static final Cluster SEED = Topologies.seed("nodeseed");
  private static TestRig rig;

  @BeforeAll
  static void open() throws IOException {
    rig = TestRig.open(null, null, SEED);
  }

  @AfterAll
  static void close() throws IOException {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void theSeedIsAppliedOnRealNodesASecondPlanIsEmptyAndDestroyLeavesNothing() throws IOException {
    // given one host: strict anti-affinity would place one VM per group
    Cluster seed = SEED;
    Engine engine = Engine.builder().backend(rig.nodes).renderer(Topologies.renderer())
        .serverGroupPolicy("soft-anti-affinity").build();

    // when
    long t0 = System.nanoTime();
    ApplyResult applied = engine.apply(seed);
    System.out.printf("[nodes] the seed applied in %.1f s%n", (System.nanoTime() - t0) / 1e9);

    // then
    assertThat(applied.succeeded()).as(applied.summary()).isTrue();
    assertThat(rig.nodes.observe("nodeseed").resources()).filteredOn(o -> o.id().kind() == ResourceKind.SERVER)
        .hasSize(6).allSatisfy(o -> {
          System.out.println("[nodes] " + o.id().key() + ": " + o.fact("boot-seconds").orElse("?") + " s, system "
              + o.fact("system").orElse("?"));
          assertThat(o.fact(Observed.Facts.STATUS)).contains("ACTIVE");
        });
    Plan again = engine.plan(seed);
    assertThat(again.isEmpty()).as(again.toString()).isTrue();

    // when
    ApplyResult destroyed = engine.destroy("nodeseed");

    // then
    assertThat(destroyed.succeeded()).as(destroyed.summary()).isTrue();
    assertThat(rig.nodes.observe("nodeseed").size()).isZero();
    // this rig's mounts only: another rig may run beside it (its own state root)
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(rig.stateRoot.toString());
    assertThat(Files.list(Path.of("/run/netns")).map(p -> p.getFileName().toString()))
        .noneMatch(n -> n.startsWith(rig.nodes.bridgeNamespace() + "-"));
  }
}
