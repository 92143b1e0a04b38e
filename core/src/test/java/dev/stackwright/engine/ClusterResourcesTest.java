package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.RenderedFile;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterResourcesTest {
  @Test
  void aServersFileDigestsAreTheShortDigestsOfItsRenderedFiles() {
    // given
    Cluster cluster = Topologies.seed("seed");
    RenderedCluster rendered = Topologies.renderer().render(cluster);

    // when
    DesiredState desired = ClusterResources.derive(cluster, rendered, Optional.empty(), Map.of(), Set.of());

    // then
    for (ResourceSpec spec : desired.resources()) {
      if (spec instanceof ServerSpec server) {
        Map<String, String> expected = new HashMap<>();
        for (RenderedFile f : rendered.files(server.name())) {
          expected.put(f.path(), ServerSpec.fileDigest(f.content()));
        }
        assertThat(server.fileDigests()).as(server.name()).isEqualTo(expected);
      }
    }
  }

  @Test
  void portNamesPadTheIndexToTwoDigitsAndNoFurther() {
    // workers 1 to 120: indexes of one, two and three digits
    Cluster cluster = Topologies.seed("seed", 120, w -> {});
    for (Node node : cluster.nodes()) {
      assertThat(node.portName()).isEqualTo(String.format(Locale.ROOT, "port.%d.%02d_%s",
          node.primaryAddress().octet(3), node.index(), node.name()));
    }
  }
}
