package dev.stackwright.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.spi.BackendProvider;
import dev.stackwright.engine.Topologies;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory cloud as a backend provider: listed in core's services file, the fallback, kept in a file. */
class InMemoryProviderTest {
  @TempDir
  Path dir;

  @Test
  void theServiceLoaderFindsItByItsNameAsTheFallback() {
    // when
    List<BackendProvider> found = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals(InMemoryProvider.NAME)).toList();

    // then
    assertThat(found).singleElement().isInstanceOf(InMemoryProvider.class)
        .satisfies(p -> assertThat(p.fallback()).isTrue());
  }

  @Test
  void eachClusterGetsItsCloudKeptInItsOwnFileUnderTheStateDirectory() {
    // given
    InMemoryProvider provider = new InMemoryProvider();
    Map<String, String> environment = Map.of(InMemoryProvider.STATE_DIRECTORY_VARIABLE, dir.toString());

    // when
    try (InMemoryCloud kept = (InMemoryCloud) provider.forCluster(Topologies.seed("one"), environment).orElseThrow();
        InMemoryCloud other = (InMemoryCloud) provider.forCluster(Topologies.seed("two"), environment).orElseThrow()) {
      // then
      assertThat(kept.stateFile()).contains(dir.resolve("one").resolve("memory-cloud.json").toAbsolutePath());
      assertThat(other.stateFile()).contains(dir.resolve("two").resolve("memory-cloud.json").toAbsolutePath());
      assertThat(kept.capabilities().ephemeral()).isFalse();
    }
  }

  @Test
  void withoutAStateDirectoryTheFileIsUnderDotStackwrightInTheWorkingDirectory() {
    // then
    assertThat(InMemoryProvider.stateFile("seed", Map.of()))
        .isEqualTo(Path.of(".stackwright", "seed", "memory-cloud.json"));
  }

  @Test
  void aCloudOfItsOwnLivesInThisProcess() {
    // then
    assertThat(InMemoryCloud.builder().build().capabilities().ephemeral()).isTrue();
  }

  @Test
  void withoutAClusterOrAGivenCloudItDoesNotAnswer() {
    // then
    assertThat(new InMemoryProvider().fromEnvironment(Map.of())).isEmpty();
  }

  @Test
  void aGivenCloudIsTheOneGivenForEveryCluster() {
    // given
    InMemoryCloud mine = InMemoryCloud.builder().build();
    InMemoryProvider provider = InMemoryProvider.of(mine);

    // then
    assertThat(provider.forCluster(Topologies.seed("any"), Map.of())).containsSame(mine);
    assertThat(provider.fromEnvironment(Map.of())).containsSame(mine);
  }
}
