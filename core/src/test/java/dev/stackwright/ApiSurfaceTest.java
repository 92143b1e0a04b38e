package dev.stackwright;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.surface.ApiDump;
import dev.stackwright.surface.ApiFile;
import dev.stackwright.surface.ApiRules;
import dev.stackwright.surface.ModuleExports;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Core's public surface is the checked-in file api/core.api, so a change to it shows in review; and whatever the file
 * says, no public signature names an internal, generated or package-private type.
 */
class ApiSurfaceTest {
  private static final List<String> SURFACE = ApiDump.ofModuleOf(Stackwright.class);

  @Test
  void thePublicSurfaceIsTheCheckedInApiFile() {
    ApiFile.assertMatches(Path.of("api", "core.api"), SURFACE);
  }

  @Test
  void noPublicSignatureNamesATypeOfAnInternalPackage() {
    assertThat(ApiRules.mentionsOfInternalTypes(SURFACE)).isEmpty();
  }

  @Test
  void noPublicSignatureNamesAClassImmutablesGenerated() {
    assertThat(ApiRules.mentionsOfGeneratedTypes(SURFACE)).isEmpty();
  }

  @Test
  void noPublicSignatureNamesATypeOutsideCodeCannotName() {
    // e.g. render's FileSpec, ExtraFile and ClusterContext, package-private behind the Renderer
    assertThat(ApiRules.mentionsOfHiddenTypes(SURFACE, Stackwright.class.getClassLoader())).isEmpty();
  }

  @Test
  void aRendererAndARenderedClusterAreMadeOnlyByTheLibrary() {
    assertThat(SURFACE).noneMatch(line -> line.startsWith("dev.stackwright.render.Renderer#<init>("))
        .noneMatch(line -> line.startsWith("dev.stackwright.render.RenderedCluster#<init>("));
  }

  @Test
  void theDumpListsTheEntryPointsAndLeavesInternalPackagesOut() {
    assertThat(SURFACE).anyMatch(line -> line.startsWith("dev.stackwright.Stackwright "))
        .anyMatch(line -> line.startsWith("dev.stackwright.model.Service$Builder#name(String): "))
        .noneMatch(line -> line.startsWith("dev.stackwright.internal."));
  }

  @Test
  void theModuleExportsThePackagesOfTheApiFileAndNoOther() {
    // given
    List<String> apiFile = ApiFile.read(Path.of("api", "core.api"));

    // when
    Set<String> exported = ModuleExports.unqualified(ModuleExports.descriptorOf(Stackwright.class));

    // then
    assertThat(exported).containsExactlyElementsOf(ModuleExports.packagesOf(apiFile))
        .noneMatch(pkg -> pkg.endsWith(".internal") || pkg.contains(".internal."));
  }

  @Test
  void theModuleExportsNothingToChosenModulesOnly() {
    assertThat(ModuleExports.qualified(ModuleExports.descriptorOf(Stackwright.class))).isEmpty();
  }
}
