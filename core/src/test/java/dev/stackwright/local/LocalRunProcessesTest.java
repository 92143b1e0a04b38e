package dev.stackwright.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.local.internal.Processes;
import dev.stackwright.model.Cluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** destroy and status work from the pid files alone, stop whole process groups, and never touch anything else. */
class LocalRunProcessesTest {
  @TempDir
  Path dir;

  private Processes.Pid startGroup(String script) throws IOException {
    return Processes.start(List.of("/bin/sh", "-c", script), dir, Map.of("PATH", "/usr/bin:/bin"),
        dir.resolve("logs/test.log"));
  }

  private void record(Path runDir, String name, Processes.Pid pid) throws IOException {
    Files.createDirectories(runDir.resolve("pids"));
    Files.writeString(runDir.resolve("pids/" + name + ".pid"), pid.format() + "\ntest\nnode-1\n\n");
  }

  @Test
  void destroyStopsTheWholeProcessGroupOfARecordedService() throws Exception {
    // given
    Cluster cluster = LocalTopology.cluster("groups");
    Path runDir = dir.resolve("run");
    LocalRun run = LocalRun.builder().runDir(runDir).stopGrace(Duration.ofSeconds(5)).build();
    Processes.Pid leader = startGroup("sleep 300 & sleep 300 & wait");
    record(runDir, "group@node-1", leader);
    Thread.sleep(200);
    List<Long> members = dev.stackwright.local.internal.Processes.group(leader.pid());
    assertThat(members).hasSizeGreaterThanOrEqualTo(3);
    // when
    LocalResult result = run.destroy(cluster);
    // then
    assertThat(result.service("group@node-1").orElseThrow().state()).isEqualTo(LocalServiceState.STOPPED);
    assertThat(Processes.group(leader.pid())).isEmpty();
    assertThat(runDir.resolve("pids/group@node-1.pid")).doesNotExist();
  }

  @Test
  void destroyLeavesAProcessAloneWhosePidWasReused() throws Exception {
    // given
    Cluster cluster = LocalTopology.cluster("reused");
    Path runDir = dir.resolve("run");
    LocalRun run = LocalRun.builder().runDir(runDir).build();
    Processes.Pid other = startGroup("sleep 300");
    record(runDir, "old@node-1", new Processes.Pid(other.pid(), other.startTicks() - 1));
    try {
      // when
      LocalResult result = run.destroy(cluster);
      // then
      assertThat(result.service("old@node-1").orElseThrow().state()).isEqualTo(LocalServiceState.NOT_RUNNING);
      assertThat(Processes.alive(other)).isTrue();
    } finally {
      Processes.stopGroup(other, "KILL", Duration.ofSeconds(1));
    }
  }

  @Test
  void statusSaysWhatRunsFromThePidFiles() throws Exception {
    // given
    Cluster cluster = LocalTopology.cluster("status");
    Path runDir = dir.resolve("run");
    LocalRun run = LocalRun.builder().runDir(runDir).build();
    Processes.Pid alive = startGroup("sleep 300");
    record(runDir, "alive@node-1", alive);
    try {
      // when
      LocalResult status = run.status(cluster);
      // then
      assertThat(status.service("alive@node-1").orElseThrow().state()).isEqualTo(LocalServiceState.RUNNING);
    } finally {
      run.destroy(cluster);
    }
    assertThat(Processes.alive(alive)).isFalse();
  }

  @Test
  void aZombieCountsAsDead() throws Exception {
    // given: a child of this JVM that has exited and is not reaped yet is a zombie for a moment; an exited
    // process with its start time recorded is dead either way
    Processes.Pid p = startGroup("exit 0");
    Thread.sleep(300);
    // then
    assertThat(Processes.alive(p)).isFalse();
    assertThat(Processes.identify(p.pid())).isEmpty();
  }
}
