package dev.stackwright.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.Cluster;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.RenderedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a local run runs are the rendered files with only addresses, ports and paths mapped. */
class LocalRunFilesTest {
  private static final Pattern ADDRESS = Pattern.compile("\\b(?:10|127)\\.0\\.\\d{1,3}\\.\\d{1,3}(?::\\d{1,5})?\\b");

  @TempDir
  Path dir;

  @Test
  void runFilesDifferFromTheRenderedFilesOnlyInMappedAddressesPortsAndPaths() throws IOException {
    // given
    Cluster cluster = LocalTopology.cluster("files");
    RenderedCluster rendered = LocalTopology.render(cluster);
    LocalRun run = LocalRun.builder().runDir(dir.resolve("run")).privilegedPorts(false).build();
    // when
    List<Path> written = run.write(cluster, rendered);
    // then
    int changedLines = 0;
    List<RenderedFile> files = rendered.allFiles();
    assertThat(written).hasSameSizeAs(files);
    for (int i = 0; i < files.size(); i++) {
      RenderedFile r = files.get(i);
      Path runFile = written.get(i);
      assertThat(runFile).as("%s:%s", r.node(), r.path()).startsWith(dir.resolve("run").resolve(r.node()));
      List<String> before = r.content().lines().toList();
      List<String> after = Files.readString(runFile).lines().toList();
      assertThat(after).as("%s:%s line count", r.node(), r.path()).hasSameSizeAs(before);
      String nodeRoot = dir.resolve("run").resolve(r.node()).toString();
      for (int l = 0; l < before.size(); l++) {
        if (!before.get(l).equals(after.get(l))) {
          changedLines++;
        }
        String normalizedAfter = ADDRESS.matcher(after.get(l).replace(nodeRoot, "")).replaceAll("ADDR");
        String normalizedBefore = ADDRESS.matcher(before.get(l)).replaceAll("ADDR");
        assertThat(normalizedAfter).as("%s:%s line %d", r.node(), r.path(), l + 1).isEqualTo(normalizedBefore);
      }
    }
    assertThat(changedLines).as("lines the mapping changed").isPositive();
  }

  @Test
  void keepsEachRenderedFilesMode() throws IOException {
    // given
    Cluster cluster = LocalTopology.cluster("modes");
    LocalRun run = LocalRun.builder().runDir(dir.resolve("run")).build();
    // when
    List<Path> written = run.write(cluster, LocalTopology.render(cluster));
    // then
    Path env = written.stream().filter(p -> p.endsWith("etc/stackwright/demo.env")).findFirst().orElseThrow();
    assertThat(Files.getPosixFilePermissions(env)).extracting(Enum::name)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
  }

  @Test
  void providesAPackageFileAConfigIncludesFromThisMachine() throws IOException {
    // given
    Cluster cluster = LocalTopology.cluster("image");
    LocalRun run = LocalRun.builder().runDir(dir.resolve("run")).build();
    // when
    run.write(cluster, LocalTopology.render(cluster));
    // then
    Path mime = dir.resolve("run/webserver-1/etc/nginx/mime.types");
    if (Files.exists(Path.of("/etc/nginx/mime.types"))) {
      assertThat(mime).hasSameTextualContentAs(Path.of("/etc/nginx/mime.types"));
    }
    assertThat(dir.resolve("run/webserver-1/var/log/nginx")).isDirectory();
  }
}
