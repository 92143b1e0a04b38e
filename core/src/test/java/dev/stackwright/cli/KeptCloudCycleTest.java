package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Topologies;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.memory.InMemoryProvider;
import dev.stackwright.model.Cluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cycle a user lives with on the command line's default cloud, one command line (and one provider) per command
 * as separate processes would have them: apply, plan (nothing), change one thing, plan (one change), destroy.
 */
class KeptCloudCycleTest {
  @TempDir
  Path home;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private static Cluster seed() {
    return Topologies.seed("cycle", 1, w -> { });
  }

  private static Cluster moreWorkerProcesses() {
    return Topologies.seed("cycle", 1, w -> w.processes(7));
  }

  /** A new command line with a new provider, as the ServiceLoader gives it, keeping its clouds under {@code home}. */
  private int run(Cluster cluster, String... args) {
    out.reset();
    return Cli.builder().cluster(() -> cluster).provider(new InMemoryProvider()).renderer(Topologies.renderer())
        .environment(Map.of("HOME", home.toString(), InMemoryProvider.STATE_DIRECTORY_VARIABLE,
            home.resolve(".stackwright").toString()))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).err(new PrintStream(out, true, StandardCharsets.UTF_8))
        .in(new ByteArrayInputStream(new byte[0])).build().run(args);
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private Path stateFile() {
    return home.resolve(".stackwright").resolve("cycle").resolve("memory-cloud.json");
  }

  private void applied() {
    assertThat(run(seed(), "apply", "--yes", "--out", home.resolve("files").toString())).as(output())
        .isEqualTo(ExitCode.OK);
  }

  @Test
  void applySaysWhereTheCloudIsKept() {
    // when
    applied();

    // then
    assertThat(output()).contains("keeps its cloud in " + stateFile().toAbsolutePath())
        .doesNotContain("lives in this process");
    assertThat(stateFile()).exists();
  }

  @Test
  void aPlanInTheNextRunFindsNothingToDo() {
    // given
    applied();

    // when
    int exit = run(seed(), "plan", "--detailed-exitcode");

    // then
    assertThat(exit).as(output()).isEqualTo(ExitCode.OK);
    assertThat(output()).contains("no changes");
  }

  @Test
  void oneChangeToTheModelPlansOneChange() {
    // given
    applied();

    // when
    int exit = run(moreWorkerProcesses(), "plan", "--detailed-exitcode");

    // then
    assertThat(exit).as(output()).isEqualTo(ExitCode.CHANGES_PENDING);
    assertThat(output()).contains("0 to create, 0 to update, 0 to replace, 0 to delete, 1 to reconfigure");
  }

  @Test
  void destroyInTheNextRunDeletesEverythingTheApplyMade() {
    // given
    applied();

    // when
    int exit = run(seed(), "destroy", "--yes");

    // then
    assertThat(exit).as(output()).isEqualTo(ExitCode.OK);
    assertThat(output()).containsPattern("Plan: 0 to create, 0 to update, 0 to replace, [1-9]\\d* to delete");
    assertThat(run(seed(), "plan")).isEqualTo(ExitCode.OK);
    assertThat(output()).doesNotContain("no changes");
    try (InMemoryCloud after = InMemoryCloud.keptIn(stateFile(), seed())) {
      assertThat(after.observe("cycle").size()).isZero();
    }
  }

  @Test
  void aSecondRunWhileTheCloudIsInUseIsRefusedAndChangesNothing() throws Exception {
    // given
    applied();
    String before = Files.readString(stateFile());

    // when
    int exit;
    try (InMemoryCloud inUse = InMemoryCloud.keptIn(stateFile(), seed())) {
      exit = run(moreWorkerProcesses(), "apply", "--yes");
    }

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(output()).contains("is in use by another stackwright run (pid " + ProcessHandle.current().pid())
        .contains(stateFile().toAbsolutePath().toString());
    assertThat(Files.readString(stateFile())).isEqualTo(before);
  }
}
