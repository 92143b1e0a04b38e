package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Engine;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.openstack.internal.DigestMetadata;
import dev.stackwright.openstack.internal.Marker;
import dev.stackwright.spi.ServerSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * User-data digests kept in Nova metadata (keys and values of at most 255 characters, 128 items by default quota)
 * come back as they went in, for every node of the seed.
 */
class DigestMetadataTest {
  private static final int NOVA_MAX = 255;
  private static final int NOVA_DEFAULT_ITEMS = 128;

  /** The seed's servers as the engine plans them on an empty cloud: every change creates one. */
  private static List<ServerSpec> serversOfTheSeed(boolean split) {
    Cluster seed = SeedCluster.seed("seed", 3, split);
    Engine engine = Engine.builder().backend(InMemoryCloud.forCluster(seed)).renderer(SeedCluster.renderer()).build();
    return engine.plan(seed).changes().stream().flatMap(c -> c.desired().stream())
        .filter(ServerSpec.class::isInstance).map(ServerSpec.class::cast).toList();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void everySeedNodesDigestsFitNovaMetadataAndComeBack(boolean split) {
    // given
    List<ServerSpec> servers = serversOfTheSeed(split);

    // then
    assertThat(servers).hasSize(split ? 9 : 6);
    for (ServerSpec s : servers) {
      assertThat(s.fileDigests()).as(s.name()).hasSizeGreaterThanOrEqualTo(3);
      Map<String, String> meta = new HashMap<>(s.metadata());
      meta.putAll(new Marker("seed", s.id().toString()).metadata());
      meta.putAll(DigestMetadata.encode(s.userDataSha256(), s.fileDigests()));

      assertThat(meta).as(s.name()).allSatisfy((k, v) -> {
        assertThat(k.length()).isLessThanOrEqualTo(NOVA_MAX);
        assertThat(v.length()).isLessThanOrEqualTo(NOVA_MAX);
      });
      assertThat(meta.size()).as("%s: %d files in %d items", s.name(), s.fileDigests().size(), meta.size())
          .isLessThanOrEqualTo(7 + (s.fileDigests().size() + 2) / 3); // node, roles, base, app, marker, ud
      assertThat(meta.size()).isLessThan(NOVA_DEFAULT_ITEMS);
      assertThat(DigestMetadata.userDataSha256(meta)).isEqualTo(s.userDataSha256());
      assertThat(DigestMetadata.fileDigests(meta)).as(s.name()).isEqualTo(s.fileDigests());
      assertThat(DigestMetadata.withoutOurs(meta)).isEqualTo(s.metadata());
    }
  }

  @Test
  void pathsWithTheSeparatorsInThemComeBack() {
    // given
    Map<String, String> files = Map.of("/etc/a;b=c%d", "0123456789ab", "/etc/plain", "ba9876543210",
        "/" + "x".repeat(200), "aaaaaaaaaaaa");

    // when
    Map<String, String> meta = DigestMetadata.encode("ff".repeat(32), files);

    // then
    assertThat(DigestMetadata.fileDigests(meta)).isEqualTo(files);
    assertThat(meta.values()).allSatisfy(v -> assertThat(v.length()).isLessThanOrEqualTo(NOVA_MAX));
  }

  @Test
  void aServerWithoutDigestsHasNone() {
    assertThat(DigestMetadata.fileDigests(Map.of("node", "x"))).isEmpty();
    assertThat(DigestMetadata.userDataSha256(Map.of())).isEmpty();
  }
}
