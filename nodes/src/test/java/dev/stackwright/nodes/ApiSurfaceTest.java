package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.surface.ApiDump;
import dev.stackwright.surface.ApiFile;
import dev.stackwright.surface.ApiRules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The nodes backend's public surface is the checked-in file api/nodes.api, naming no internal or hidden type. */
class ApiSurfaceTest {
  private static final List<String> SURFACE = ApiDump.ofModuleOf(NodesBackend.class);

  @Test
  void thePublicSurfaceIsTheCheckedInApiFile() {
    ApiFile.assertMatches(Path.of("api", "nodes.api"), SURFACE);
  }

  @Test
  void noPublicSignatureNamesATypeOfAnInternalPackage() {
    assertThat(ApiRules.mentionsOfInternalTypes(SURFACE)).isEmpty();
  }

  @Test
  void noPublicSignatureNamesATypeOutsideCodeCannotName() {
    assertThat(ApiRules.mentionsOfHiddenTypes(SURFACE, NodesBackend.class.getClassLoader())).isEmpty();
  }
}
