package dev.stackwright.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.StackwrightException;
import dev.stackwright.engine.Crashes;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Cluster;
import dev.stackwright.spi.ResourceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed (SIGKILL) in the middle of an apply leaves a state file that the next process opens and converges
 * from: every change reached the file before the call that made it returned, and each write replaced the file whole.
 */
class KilledMidApplyTest {
  @TempDir
  Path dir;

  static Cluster seed() {
    return Topologies.seed("killed");
  }

  private Path file() {
    return dir.resolve("killed").resolve("memory-cloud.json");
  }

  /** How many ports the file holds now; 0 while there is no file. */
  private long portsInFile() {
    try {
      return !Files.exists(file()) ? 0 : CloudState.parse(Files.readString(file())).entries().stream()
          .filter(e -> e.spec().id().kind() == ResourceKind.PORT).count();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private Process applyInAChildProcess() throws IOException {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), KeptCloudApplyRun.class.getName(), file().toString());
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.txt").toFile())
        .start();
  }

  @Test
  void aRunKilledMidApplyLeavesAFileTheNextApplyConvergesFrom() throws Exception {
    // given: a child process half-way through its apply, holding the file
    Process child = applyInAChildProcess();
    try {
      Crashes.waitUntil(() -> portsInFile() >= 1 || !child.isAlive(), "a port in " + file());
      assertThat(child.isAlive()).as("the child is still applying").isTrue();
      assertThatThrownBy(() -> InMemoryCloud.keptIn(file(), seed())).isInstanceOf(StackwrightException.class)
          .hasMessageContaining("pid " + child.pid());

      // when
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }

    // then
    try (InMemoryCloud after = InMemoryCloud.keptIn(file(), seed())) {
      int left = after.observe("killed").size();
      Engine engine = Engine.builder().backend(after).renderer(Topologies.renderer()).build();
      assertThat(engine.plan(seed()).isEmpty()).as("the kill came before the end").isFalse();
      assertThat(engine.apply(seed()).succeeded()).isTrue();
      assertThat(engine.plan(seed()).isEmpty()).isTrue();
      assertThat(left).isLessThan(after.observe("killed").size());
      assertThat(after.count(ResourceKind.SERVER)).isEqualTo(seed().nodes().size());
    }
  }
}
