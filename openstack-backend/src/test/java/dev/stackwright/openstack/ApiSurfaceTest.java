package dev.stackwright.openstack;

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
 * The OpenStack backend's public surface is the checked-in file api/openstack-backend.api; no public signature names
 * an internal or package-private type, nor one of openstack4j, which stays behind the backend.
 */
class ApiSurfaceTest {
  private static final List<String> SURFACE = ApiDump.ofModuleOf(OpenStackBackend.class);

  @Test
  void thePublicSurfaceIsTheCheckedInApiFile() {
    ApiFile.assertMatches(Path.of("api", "openstack-backend.api"), SURFACE);
  }

  @Test
  void noPublicSignatureNamesATypeOfAnInternalPackage() {
    assertThat(ApiRules.mentionsOfInternalTypes(SURFACE)).isEmpty();
  }

  @Test
  void noPublicSignatureNamesATypeOutsideCodeCannotName() {
    assertThat(ApiRules.mentionsOfHiddenTypes(SURFACE, OpenStackBackend.class.getClassLoader())).isEmpty();
  }

  @Test
  void noPublicSignatureNamesAnOpenstack4jType() {
    assertThat(ApiRules.mentionsOf("org.openstack4j.", SURFACE)).isEmpty();
  }

  @Test
  void theModuleExportsThePackagesOfTheApiFileAndNoOther() {
    // given
    List<String> apiFile = ApiFile.read(Path.of("api", "openstack-backend.api"));

    // when
    Set<String> exported = ModuleExports.unqualified(ModuleExports.descriptorOf(OpenStackBackend.class));

    // then
    assertThat(exported).containsExactlyElementsOf(ModuleExports.packagesOf(apiFile))
        .noneMatch(pkg -> pkg.endsWith(".internal") || pkg.contains(".internal."));
  }

  @Test
  void theModuleExportsNothingToChosenModulesOnly() {
    assertThat(ModuleExports.qualified(ModuleExports.descriptorOf(OpenStackBackend.class))).isEmpty();
  }
}
