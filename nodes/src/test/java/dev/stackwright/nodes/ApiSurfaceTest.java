package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.surface.ApiDump;
import dev.stackwright.surface.ApiFile;
import dev.stackwright.surface.ApiRules;
import dev.stackwright.surface.ModuleExports;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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

  @Test
  void theModuleExportsThePackagesOfTheApiFileAndNoOther() {
    // given
    List<String> apiFile = ApiFile.read(Path.of("api", "nodes.api"));

    // when
    Set<String> exported = ModuleExports.unqualified(ModuleExports.descriptorOf(NodesBackend.class));

    // then
    assertThat(exported).containsExactlyElementsOf(ModuleExports.packagesOf(apiFile))
        .noneMatch(pkg -> pkg.endsWith(".internal") || pkg.contains(".internal."));
  }

  @Test
  void theModuleExportsNothingToChosenModulesOnly() {
    assertThat(ModuleExports.qualified(ModuleExports.descriptorOf(NodesBackend.class))).isEmpty();
  }
}
