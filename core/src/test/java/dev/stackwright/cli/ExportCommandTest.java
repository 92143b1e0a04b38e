package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Topologies;
import dev.stackwright.export.HeatTemplate;
import dev.stackwright.model.Cluster;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export heat FILE}: the template written privately, what it needs said, and no cloud asked. */
class ExportCommandTest {
  private static final Cluster SEED = Topologies.seed("seed");

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** A provider that fails the test if any verb asks it for a backend. */
  private static final BackendProvider NO_CLOUD = new BackendProvider() {
    @Override
    public String name() {
      return "memory";
    }

    @Override
    public Optional<Backend> fromEnvironment(Map<String, String> environment) {
      throw new AssertionError("export asked for a backend");
    }
  };

  private int run(String... args) {
    return Cli.builder().cluster(() -> SEED).renderer(Topologies.renderer()).provider(NO_CLOUD)
        .environment(Map.of("HOME", dir.toString(), "OS_AUTH_URL", "http://127.0.0.1:9/v3"))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8))
        .err(new PrintStream(err, true, StandardCharsets.UTF_8)).build().run(args);
  }

  @Test
  void exportHeatWritesTheTemplateReadableByItsOwnerAndSaysItHoldsSecrets() throws Exception {
    // given
    Path file = dir.resolve("seed.yaml");

    // when
    int exit = run("export", "heat", file.toString());

    // then
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
    assertThat(Files.readString(file)).isEqualTo(HeatTemplate.of(SEED, Topologies.renderer()).toYaml());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("secrets").contains("key_name (required)")
        .contains("network (default " + SEED.internalNetworkName() + ")").contains("openstack stack create");
  }

  @Test
  void theServerGroupPolicyReachesTheTemplate() throws Exception {
    // given
    Path file = dir.resolve("soft.yaml");

    // when
    int exit = run("export", "heat", file.toString(), "--server-group-policy", "soft-anti-affinity");

    // then
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
    assertThat(Files.readString(file)).contains("policies:\n        - \"soft-anti-affinity\"");
  }

  @Test
  void anUnknownKindIsBadUsageWithTheKindsItKnows() {
    // when
    int exit = run("export", "hot", dir.resolve("x.yaml").toString());

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("\"hot\"").contains("export heat FILE");
    assertThat(dir.resolve("x.yaml")).doesNotExist();
  }

  @Test
  void withoutAFileNothingIsWrittenAndTheUsageIsShown() {
    // when
    int exit = run("export", "heat");

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs the file").contains("usage: export heat FILE");
  }

  @Test
  void aFileThatCannotBeWrittenIsBadUsageNamingIt() {
    // given
    Path file = dir.resolve("no/such/dir/seed.yaml");

    // when
    int exit = run("export", "heat", file.toString());

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(file.toString());
  }
}
