package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Plan;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Cluster;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A cluster that owns its network, applied by the engine on real nodes (the controller and one probe node): the
 * network and subnet recorded as the rig's bridge, the ports on it, a second plan empty, destroy leaving nothing.
 */
@Tag("integration")
class NodesOwnedNetworkIT {
  private static final Cluster OWNED = ProbeCluster.named("ownednet").probes(1, "v1").ownNetwork().build();
  private static TestRig rig;

  @BeforeAll
  static void open() throws IOException {
    rig = TestRig.open(null, null, OWNED);
  }

  @AfterAll
  static void close() throws IOException {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void anOwnedNetworkIsAppliedOnRealNodesASecondPlanIsEmptyAndDestroyLeavesNothing() throws IOException {
    // given
    Engine engine = Engine.builder().backend(rig.nodes).renderer(Topologies.renderer())
        .serverGroupPolicy("soft-anti-affinity").build();

    // when
    ApplyResult applied = engine.apply(OWNED);

    // then
    assertThat(applied.succeeded()).as(applied.summary()).isTrue();
    assertThat(rig.nodes.observe("ownednet").resources()).extracting(o -> o.id().kind())
        .contains(ResourceKind.NETWORK, ResourceKind.SUBNET).doesNotContain(ResourceKind.ROUTER);
    assertThat(rig.nodes.observe("ownednet").resources()).filteredOn(o -> o.id().kind() == ResourceKind.SERVER)
        .hasSize(2).allSatisfy(o -> assertThat(o.fact(Observed.Facts.STATUS)).contains("ACTIVE"));
    Plan again = engine.plan(OWNED);
    assertThat(again.isEmpty()).as(again.render()).isTrue();

    // when
    ApplyResult destroyed = engine.destroy("ownednet");

    // then
    assertThat(destroyed.succeeded()).as(destroyed.summary()).isTrue();
    assertThat(rig.nodes.observe("ownednet").size()).isZero();
    assertThat(Files.list(Path.of("/run/netns")).map(p -> p.getFileName().toString()))
        .noneMatch(n -> n.startsWith(rig.nodes.bridgeNamespace() + "-"));
  }
}
