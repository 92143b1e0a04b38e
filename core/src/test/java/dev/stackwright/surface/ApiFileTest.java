package dev.stackwright.surface;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiFileTest {
  @TempDir
  Path dir;

  @Test
  void aSurfaceThatMatchesItsFilePasses() throws Exception {
    // given
    Path file = Files.write(dir.resolve("x.api"), List.of("a.B public final class B", "a.B#c(): public int"));

    // when / then
    List<String> same = List.of("a.B public final class B", "a.B#c(): public int");
    assertThatCode(() -> ApiFile.assertMatches(file, same, false))
        .doesNotThrowAnyException();
  }

  @Test
  void aChangedSurfaceFailsWithEachLineRemovedAndAdded() throws Exception {
    // given
    Path file = Files.write(dir.resolve("x.api"), List.of("a.B public final class B", "a.B#c(): public int"));

    // when / then
    List<String> changed = List.of("a.B public final class B", "a.B#c(): public long");
    assertThatThrownBy(() -> ApiFile.assertMatches(file, changed, false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("- a.B#c(): public int\n+ a.B#c(): public long")
        .hasMessageContaining("-Dstackwright.api.write=true");
  }

  @Test
  void aMissingFileFailsSayingHowToWriteIt() {
    assertThatThrownBy(() -> ApiFile.assertMatches(dir.resolve("none.api"), List.of("a.B public final class B"),
        false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no API file").hasMessageContaining("-Dstackwright.api.write=true");
  }
}
