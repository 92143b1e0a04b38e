package dev.stackwright.ssh.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.spi.NodeCommand;
import dev.stackwright.spi.NodeFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushScriptTest {
  private static final NodeFile SECRET = new NodeFile("/etc/app/env", "root:root", 0600, true, "PASSWORD=hunter2\n");
  private static final NodeCommand RELOAD = new NodeCommand("reload app", "systemctl reload app",
      Duration.ofSeconds(30));
  private static final NodeCommand CHECK = new NodeCommand("app answers", "curl -fs localhost", Duration.ofSeconds(20));

  @Test
  void aFilesContentGoesOnStandardInputNeverIntoTheScript() {
    // when
    PushScript.Exec exec = PushScript.push(List.of(SECRET), List.of(RELOAD), List.of(CHECK), List.of(SECRET));

    // then
    assertThat(exec.script()).doesNotContain("hunter2");
    assertThat(new String(exec.stdin(), StandardCharsets.UTF_8)).isEqualTo("PASSWORD=hunter2\n");
  }

  @Test
  void theStepsAreNamedInTheOrderOfTheUpdateAndOnlyTheWritesComeBeforeTheSwap() {
    // when
    PushScript.Exec exec = PushScript.push(List.of(SECRET), List.of(RELOAD), List.of(CHECK), List.of(SECRET));

    // then
    assertThat(exec.steps()).containsExactly("write /etc/app/env", "swap the files in", "reload app",
        "check app answers (for 20 s)", "remove the old copies");
    assertThat(exec.beforeSwap(0)).isTrue();
    assertThat(exec.beforeSwap(1)).isFalse();
  }

  @Test
  void theWholeMayTakeEveryStepsTimeAndNoMore() {
    // when
    PushScript.Exec exec = PushScript.push(List.of(SECRET), List.of(RELOAD), List.of(CHECK), List.of(SECRET));

    // then: the stage, swap and cleanup's minute, and each step's own time with its kill's 5 s
    assertThat(exec.timeout()).isEqualTo(Duration.ofSeconds(60 + 35 + 25));
  }

  @Test
  void aPushWithoutFilesHasNoSwapSoNoFailureOfItIsBeforeOne() {
    // when
    PushScript.Exec exec = PushScript.push(List.of(), List.of(), List.of(CHECK), List.of());

    // then
    assertThat(exec.swapAt()).isEqualTo(-1);
    assertThat(exec.beforeSwap(0)).isFalse();
  }
}
