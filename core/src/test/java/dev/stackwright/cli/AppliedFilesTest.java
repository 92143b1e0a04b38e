package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Topologies;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.RenderedFile;
import dev.stackwright.spi.ServerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files kept at an apply: what the cloud records each node has, never a secret, used only on a matching digest. */
class AppliedFilesTest {
  private static final String HOSTS = "/etc/hosts";

  @TempDir
  Path state;

  private final Cluster one = Seed.named("kept").split().build();
  private final Cluster three = Seed.named("kept").split().role("appserver", a -> a.count(3)).build();
  private final InMemoryCloud cloud = InMemoryCloud.forCluster(three);
  private final Engine engine = Engine.builder().backend(cloud).renderer(Topologies.renderer()).build();

  private static String digest(RenderedCluster rendered, String node, String path) {
    return ServerSpec.fileDigestOf(rendered.file(node, path).orElseThrow().sha256());
  }

  @Test
  void aFileTheCloudRecordsIsKeptAndFoundByItsDigest() {
    // given
    engine.apply(one);
    RenderedCluster rendered = engine.render(one);
    AppliedFiles kept = new AppliedFiles(state, "kept");

    // when
    kept.keep(rendered, cloud.observe("kept"));

    // then
    assertThat(kept.content("worker-1", HOSTS, digest(rendered, "worker-1", HOSTS)))
        .contains(rendered.file("worker-1", HOSTS).orElseThrow().content());
    assertThat(kept.content("worker-1", HOSTS, "000000000000")).as("another digest: not what the node has").isEmpty();
  }

  @Test
  void aNodeTheChangeDidNotReachKeepsThePreviousContent() {
    // given: kept at the first apply; then the files of three app servers rendered, but the cloud not changed
    engine.apply(one);
    RenderedCluster before = engine.render(one);
    AppliedFiles kept = new AppliedFiles(state, "kept");
    kept.keep(before, cloud.observe("kept"));
    RenderedCluster after = engine.render(three);
    assertThat(digest(after, "worker-1", HOSTS)).isNotEqualTo(digest(before, "worker-1", HOSTS));

    // when
    kept.keep(after, cloud.observe("kept"));

    // then
    assertThat(kept.content("worker-1", HOSTS, digest(before, "worker-1", HOSTS)))
        .contains(before.file("worker-1", HOSTS).orElseThrow().content());
  }

  @Test
  void noSecretFileIsKept() throws Exception {
    // given
    engine.apply(one);
    RenderedCluster rendered = engine.render(one);
    RenderedFile secret = rendered.allFiles().stream().filter(RenderedFile::secret).findFirst().orElseThrow();
    AppliedFiles kept = new AppliedFiles(state, "kept");

    // when
    kept.keep(rendered, cloud.observe("kept"));

    // then
    assertThat(kept.directory().resolve(secret.node() + secret.path())).doesNotExist();
    assertThat(kept.content(secret.node(), secret.path(), ServerSpec.fileDigestOf(secret.sha256()))).isEmpty();
    try (var files = Files.walk(kept.directory())) {
      assertThat(files.filter(Files::isRegularFile).count()).isPositive();
    }
  }
}
