package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import org.junit.jupiter.api.Test;

class PendingFactsRenderTest {
  private final Renderer renderer = Topologies.renderer();

  @Test
  void withNothingPendingNoNodeReadsAPendingFact() {
    // given
    Cluster seed = Topologies.seed();

    // when
    RenderedCluster rendered = renderer.render(seed, NetworkFacts.none());

    // then
    assertThat(seed.nodes()).noneMatch(n -> rendered.readsPendingFacts(n.name()));
  }

  @Test
  void withEveryMacPendingTheControllerReadsThemForItsLeases() {
    // given
    Cluster seed = Topologies.seed();
    NetworkFacts.Builder facts = NetworkFacts.builder();
    seed.nodes().forEach(n -> facts.macPending(n.name()));

    // when
    RenderedCluster rendered = renderer.render(seed, facts.build());

    // then
    assertThat(seed.nodes()).filteredOn(n -> rendered.readsPendingFacts(n.name())).extracting(Node::name)
        .contains("controller-1");
  }

  @Test
  void markingFactsPendingChangesNoFile() {
    // given
    Cluster seed = Topologies.seed();
    NetworkFacts.Builder facts = NetworkFacts.builder();
    seed.nodes().forEach(n -> facts.macPending(n.name()));

    // when
    RenderedCluster pending = renderer.render(seed, facts.build());

    // then
    RenderedCluster plain = renderer.render(seed, NetworkFacts.none());
    assertThat(seed.nodes()).allSatisfy(n -> assertThat(pending.userDataSha256(n.name()))
        .isEqualTo(plain.userDataSha256(n.name())));
  }
}
