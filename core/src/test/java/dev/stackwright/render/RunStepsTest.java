package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runcmd steps run as cloud-init runs them (one sh script of the entries), with the state directory moved into a
 * temporary one: a failed step is named, a pipe's failure counts, an optional step does not fail the node.
 */
class RunStepsTest {
  @TempDir
  Path state;

  @Test
  void aFailedStepInTheMiddleIsNamedWithItsExitCodeAndTheScriptExitsNonZero() throws Exception {
    // given
    List<Step> steps = List.of(Step.of("first", "true"), Step.of("middle", "exit 3"), Step.of("last", "true"));

    // when
    int exit = run(RunSteps.runcmd(steps));

    // then
    assertThat(exit).isEqualTo(1);
    assertThat(read("failed-steps")).isEqualTo("middle exit 3\n");
    assertThat(read("steps")).isEqualTo("first ok\nmiddle failed (exit 3)\nlast ok\n");
  }

  @Test
  void aPipeWhoseFirstCommandFailsFailsItsStep() throws Exception {
    // when
    int exit = run(RunSteps.runcmd(List.of(Step.of("fetch-key", "false | cat > /dev/null"))));

    // then
    assertThat(exit).isEqualTo(1);
    assertThat(read("failed-steps")).isEqualTo("fetch-key exit 1\n");
  }

  @Test
  void aFailedOptionalStepIsRecordedAsNotInstalledWithItsReasonAndTheNodeSucceeds() throws Exception {
    // given
    List<Step> steps = List.of(Step.optional("flower-install", "no index", "exit 2"), Step.of("after", "true"));

    // when
    int exit = run(RunSteps.runcmd(steps));

    // then
    assertThat(exit).isZero();
    assertThat(read("not-installed")).isEqualTo("flower-install: not installed, no index (exit 2)\n");
    assertThat(read("failed-steps")).isEmpty();
  }

  @Test
  void everyNodesRuncmdIsThePreambleItsStepsAndTheFinish() {
    // when
    RenderedCluster r = Topologies.renderer().render(Topologies.seed());

    // then
    for (String node : r.nodes()) {
      List<String> runcmd = runcmd(r.userData(node));
      assertThat(runcmd.get(0)).as(node).isEqualTo(RunSteps.PREAMBLE);
      assertThat(runcmd.get(runcmd.size() - 1)).as(node).isEqualTo(RunSteps.FINISH);
      assertThat(runcmd.subList(1, runcmd.size() - 1)).as(node).isNotEmpty()
          .allMatch(c -> c.startsWith("sw_step ") || c.startsWith("sw_optional "));
    }
  }

  private int run(List<String> runcmd) throws IOException, InterruptedException {
    Path script = state.resolve("runcmd");
    // as cloud-init's shellify writes string entries: one per line under #!/bin/sh
    Files.writeString(script, "#!/bin/sh\n" + String.join("\n", runcmd) + "\n");
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", script.toString()).redirectErrorStream(true)
        .redirectOutput(state.resolve("output").toFile());
    pb.environment().put("STACKWRIGHT_STATE", state.toString());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the runcmd script did not end within 60 s");
    }
    return p.exitValue();
  }

  private String read(String name) throws IOException {
    return Files.readString(state.resolve(name), StandardCharsets.UTF_8);
  }

  /** The runcmd entries of a user-data, unquoted from the YAML double-quoted scalars the template writes. */
  static List<String> runcmd(String userData) {
    String section = userData.substring(userData.indexOf("\nruncmd:\n") + 9);
    List<String> entries = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^  - (\".*\")$").matcher(section);
    while (m.find()) {
      entries.add(unquote(m.group(1)));
    }
    return entries;
  }

  static String unquote(String q) {
    StringBuilder s = new StringBuilder();
    for (int i = 1; i < q.length() - 1; i++) {
      char c = q.charAt(i);
      if (c != '\\') {
        s.append(c);
        continue;
      }
      char e = q.charAt(++i);
      switch (e) {
        case 'n' -> s.append('\n');
        case 't' -> s.append('\t');
        case 'u' -> {
          s.append((char) Integer.parseInt(q.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> s.append(e);
      }
    }
    return s.toString();
  }
}
