package dev.stackwright.surface;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleExportsTest {
  @Test
  void thePackagesOfAnApiFileAreThoseOfItsTypesNestedOrNot() {
    // given
    List<String> lines = List.of("a.b.C public final class C", "a.b.C#d(x.y.Z): public int",
        "a.e.F$G public static final class G", "a.e.F$G#h(): public a.i.J");

    // when / then
    assertThat(ModuleExports.packagesOf(lines)).containsExactly("a.b", "a.e");
  }
}
