package dev.stackwright.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.surface.ApiDump;
import dev.stackwright.surface.ApiFile;
import dev.stackwright.surface.ApiRules;
import dev.stackwright.surface.ModuleExports;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SSH channel's public surface is the checked-in file api/ssh.api, naming no internal or hidden type. */
class ApiSurfaceTest {
  private static final List<String> SURFACE = ApiDump.ofModuleOf(SshChannel.class);

  @Test
  void thePublicSurfaceIsTheCheckedInApiFile() {
    ApiFile.assertMatches(Path.of("api", "ssh.api"), SURFACE);
  }

  @Test
  void noPublicSignatureNamesATypeOfAnInternalPackage() {
    assertThat(ApiRules.mentionsOfInternalTypes(SURFACE)).isEmpty();
  }

  @Test
  void noPublicSignatureNamesATypeOutsideCodeCannotName() {
    assertThat(ApiRules.mentionsOfHiddenTypes(SURFACE, SshChannel.class.getClassLoader())).isEmpty();
  }

  @Test
  void theModuleExportsThePackagesOfTheApiFileAndNoOther() {
    // given
    List<String> apiFile = ApiFile.read(Path.of("api", "ssh.api"));

    // when
    Set<String> exported = ModuleExports.unqualified(ModuleExports.descriptorOf(SshChannel.class));

    // then
    assertThat(exported).containsExactlyElementsOf(ModuleExports.packagesOf(apiFile))
        .noneMatch(pkg -> pkg.endsWith(".internal") || pkg.contains(".internal."));
  }

  @Test
  void theModuleExportsNothingToChosenModulesOnly() {
    assertThat(ModuleExports.qualified(ModuleExports.descriptorOf(SshChannel.class))).isEmpty();
  }
}
