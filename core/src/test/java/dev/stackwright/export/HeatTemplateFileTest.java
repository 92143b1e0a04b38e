package dev.stackwright.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.StackwrightException;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.Renderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The template holds the cluster's secrets: the file is its owner's alone, and no text of the object gives any. */
class HeatTemplateFileTest {
  private static final HeatTemplate SEED = HeatTemplate.of(Topologies.seed("seed"), Topologies.renderer());

  @Test
  void theFileIsReadableByItsOwnerOnlyEvenWhenItReplacesAWiderOne(@TempDir Path dir) throws IOException {
    // given
    Cluster cluster = Topologies.seed("seed");
    Renderer renderer = Topologies.renderer();
    Path file = dir.resolve("seed.yaml");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    // when
    // tag::heat[]
    HeatTemplate template = HeatTemplate.of(cluster, renderer);
    template.writeTo(file); // readable by its owner only: the servers' user-data holds the cluster's secrets
    // end::heat[]

    // then
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.readString(file)).isEqualTo(SEED.toYaml()).isEqualTo(template.toYaml());
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactly(file);
    }
  }

  @Test
  void aFileInADirectoryThatDoesNotExistIsRefusedWithItsPath(@TempDir Path dir) {
    // given
    Path file = dir.resolve("missing/seed.yaml");

    // when / then
    assertThatThrownBy(() -> SEED.writeTo(file)).isInstanceOf(StackwrightException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("fix:");
  }

  @Test
  void theUserDataCarriesTheSecretsButTheTextOfTheTemplateDoesNot() {
    // when
    String text = SEED.toString();

    // then
    assertThat(SEED.toYaml()).as("the servers need them, as the engine's user-data has them").contains("user_data");
    assertThat(text).contains("seed").doesNotContain("user_data").doesNotContain("cloud-config");
  }
}
