package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendProvider;
import dev.stackwright.spi.Capabilities;
import dev.stackwright.engine.CountingBackend;
import dev.stackwright.engine.Topologies;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.memory.InMemoryProvider;
import dev.stackwright.model.Cluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code --backend} finds a provider: the in-memory cloud through core's own services file, by name and as the
 * fallback; a provider given to the builder ahead of the ServiceLoader's; an unknown name answered with every name.
 */
class CliProvidersTest {
  @TempDir
  Path home;

  private final Cluster seed = Topologies.seed("providers");
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** A provider of one backend, answering from the environment or not, a fallback or not. */
  private record Given(String name, boolean fallback, Optional<Backend> answer) implements BackendProvider {
    @Override
    public Optional<Backend> fromEnvironment(Map<String, String> environment) {
      return answer;
    }
  }

  /** The in-memory cloud for the seed, under another name, ephemeral or not as said. */
  private Backend cloudNamed(String name, boolean ephemeral) {
    return new CountingBackend(InMemoryCloud.forCluster(seed)) {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Capabilities capabilities() {
        Capabilities own = super.capabilities();
        return ephemeral ? own : new Capabilities(own.kinds(), own.updatableInPlace(), own.parallelism());
      }
    };
  }

  private int run(Cli.Builder builder, String... args) {
    return builder.cluster(() -> seed).renderer(Topologies.renderer())
        .environment(Map.of("HOME", home.toString(), "STACKWRIGHT_SECRET_ADMIN_PASSWORD", "providers-admin-pw",
            InMemoryProvider.STATE_DIRECTORY_VARIABLE, home.resolve("state").toString()))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).err(new PrintStream(err, true, StandardCharsets.UTF_8))
        .in(new ByteArrayInputStream(new byte[0])).build().run(args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theMemoryProviderIsFoundByNameThroughTheServiceLoader() {
    // when
    int code = run(Cli.builder(), "plan", "--backend", InMemoryProvider.NAME);

    // then
    assertThat(code).as(err()).isEqualTo(ExitCode.OK);
    assertThat(out()).contains("backend: memory").contains("to create");
  }

  @Test
  void theMemoryProviderIsTheFallbackWhenNoOtherAnswers() {
    // given a provider that could be taken unnamed but whose environment names nothing
    Cli.Builder builder = Cli.builder().provider(new Given("silent", false, Optional.empty()));

    // when
    int code = run(builder, "plan");

    // then
    assertThat(code).as(err()).isEqualTo(ExitCode.OK);
    assertThat(out()).contains("backend: memory");
  }

  @Test
  void aProviderThatAnswersIsTakenAheadOfTheFallbackWhateverTheirOrder() {
    // given the fallback listed first
    Cli.Builder builder = Cli.builder()
        .provider(new Given("last-resort", true, Optional.of(cloudNamed("last resort", true))))
        .provider(new Given("answering", false, Optional.of(cloudNamed("the answering cloud", true))));

    // when
    int code = run(builder, "plan");

    // then
    assertThat(code).as(err()).isEqualTo(ExitCode.OK);
    assertThat(out()).contains("backend: the answering cloud").doesNotContain("last resort");
  }

  @Test
  void aProviderGivenToTheBuilderWinsOverTheServiceLoadersOfTheSameName() {
    // given a provider named as the test class path's ByNameOnlyProvider
    Cli.Builder builder = Cli.builder()
        .provider(new Given(ByNameOnlyProvider.NAME, false, Optional.of(cloudNamed("the given one", true))));

    // when
    int code = run(builder, "plan", "--backend", ByNameOnlyProvider.NAME);

    // then
    assertThat(code).as(err()).isEqualTo(ExitCode.OK);
    assertThat(out()).contains("backend: the given one").doesNotContain("for cluster providers");
  }

  @Test
  void aCloudGivenAsTheMemoryProviderIsTheOneApplied() {
    // given
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);

    // when
    int code = run(Cli.builder().provider(InMemoryProvider.of(cloud)), "apply", "--yes", "--backend", "memory",
        "--out", home.resolve("files").toString());

    // then
    assertThat(code).as(err()).isEqualTo(ExitCode.OK);
    assertThat(cloud.observe("providers").size()).isPositive();
  }

  @Test
  void anUnknownNameIsAUsageErrorListingEveryName() {
    // when
    int code = run(Cli.builder().provider(new Given("given", false, Optional.empty())), "plan", "--backend", "nope");

    // then
    assertThat(code).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains("--backend nope is not available; known: ").contains("given")
        .contains(InMemoryProvider.NAME).contains(ByNameOnlyProvider.NAME).contains(LocalCommands.NAME);
  }

  @Test
  void theUsageListsTheNamesTheBackendOptionTakes() {
    // when
    int code = run(Cli.builder().provider(new Given("given", false, Optional.empty())), "aply");

    // then
    assertThat(code).isEqualTo(ExitCode.USAGE);
    assertThat(err()).containsPattern("usage: .*\\[--backend given\\|[a-z|-]+\\]")
        .contains("|" + InMemoryProvider.NAME).contains("|" + ByNameOnlyProvider.NAME).contains("|local]");
  }

  @Test
  void anEphemeralBackendIsSaidToBeGoneWhenTheProcessEnds() {
    // given
    Cli.Builder builder = Cli.builder().provider(InMemoryProvider.of(InMemoryCloud.forCluster(seed)));

    // when
    int code = run(builder, "apply", "--yes", "--out", home.resolve("files").toString());

    // then
    assertThat(code).as(err()).isEqualTo(ExitCode.OK);
    assertThat(out()).contains("(The memory backend lives in this process: what it made is gone when the process"
        + " ends.)");
  }

  @Test
  void aBackendThatOutlivesTheProcessIsNotSaidToBeGone() {
    // given
    Cli.Builder builder = Cli.builder().provider(InMemoryProvider.of(cloudNamed("lasting", false)));

    // when
    int code = run(builder, "apply", "--yes", "--out", home.resolve("files").toString());

    // then
    assertThat(code).as(err()).isEqualTo(ExitCode.OK);
    assertThat(out()).contains("backend: lasting").contains("Complete: ").doesNotContain("lives in this process");
  }
}
