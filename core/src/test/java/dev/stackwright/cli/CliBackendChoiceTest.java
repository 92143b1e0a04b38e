package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Topologies;
import dev.stackwright.memory.InMemoryProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which provider the command line takes: one that must be named (as the nodes backend) only when named. */
class CliBackendChoiceTest {
  @TempDir
  Path home;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private int run(String... args) {
    return Cli.builder().cluster(() -> Topologies.seed("choice")).renderer(Topologies.renderer())
        .environment(Map.of("HOME", home.toString(), "STACKWRIGHT_SECRET_ADMIN_PASSWORD", "choice-admin-pw",
            InMemoryProvider.STATE_DIRECTORY_VARIABLE, home.resolve("state").toString()))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).err(new PrintStream(new ByteArrayOutputStream()))
        .in(new ByteArrayInputStream(new byte[0])).build().run(args);
  }

  @Test
  void aProviderThatMustBeNamedIsNotTakenWithoutBackend() {
    // when
    int code = run("plan");

    // then
    assertThat(code).isEqualTo(ExitCode.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("backend: memory")
        .doesNotContain(ByNameOnlyProvider.NAME);
  }

  @Test
  void aProviderNamedByBackendGetsTheModel() {
    // when
    int code = run("plan", "--backend", ByNameOnlyProvider.NAME);

    // then
    assertThat(code).isEqualTo(ExitCode.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("backend: by-name-only for cluster choice");
  }
}
