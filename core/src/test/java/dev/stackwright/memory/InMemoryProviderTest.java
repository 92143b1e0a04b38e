package dev.stackwright.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendProvider;
import dev.stackwright.engine.Topologies;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The in-memory cloud as a backend provider: listed in core's services file, the fallback, ephemeral. */
class InMemoryProviderTest {
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
  void eachClusterGetsAFreshEphemeralCloud() {
    // given
    InMemoryProvider provider = new InMemoryProvider();

    // when
    Backend first = provider.forCluster(Topologies.seed("fresh"), Map.of()).orElseThrow();
    Backend second = provider.forCluster(Topologies.seed("fresh"), Map.of()).orElseThrow();

    // then
    assertThat(first).isNotSameAs(second);
    assertThat(first.capabilities().ephemeral()).isTrue();
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
