package dev.stackwright.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whether a recorded maker is still the process that made the record. */
class MakerTest {
  @Test
  void thisProcessIsAliveButNotElsewhere() {
    assertThat(Maker.alive(Maker.current())).isTrue();
    assertThat(Maker.elsewhere(Maker.current())).isFalse();
  }

  @Test
  void aReusedPidWithAnotherStartTimeIsNotTheMaker() {
    // given this process's pid, recorded with a start time it does not have
    String reused = ProcessHandle.current().pid() + "@1";

    // then
    assertThat(Maker.alive(reused)).isFalse();
  }

  @Test
  void aProcessThatEndedOrAMalformedRecordIsNoMaker() throws Exception {
    // given
    Process p = new ProcessBuilder("true").start();
    String recorded = Maker.of(p.toHandle());
    p.waitFor();

    // then
    assertThat(Maker.alive(recorded)).isFalse();
    assertThat(Maker.alive(null)).isFalse();
    assertThat(Maker.alive("12x")).isFalse();
  }
}
