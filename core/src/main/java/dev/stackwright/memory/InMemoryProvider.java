package dev.stackwright.memory;

import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendProvider;
import dev.stackwright.model.Cluster;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The in-memory cloud as a provider, named {@code memory} and the {@link #fallback()}: the command line takes it when
 * {@code --backend memory} is named or when no other provider answers. Found by the ServiceLoader through core's own
 * services file, where it makes a fresh {@link InMemoryCloud#forCluster} for each run; give
 * {@code Cli.builder().provider(InMemoryProvider.of(cloud))} to run the command line against a cloud of your own.
 */
public final class InMemoryProvider implements BackendProvider {
  public static final String NAME = "memory";

  private final Optional<Backend> given;

  /** For the ServiceLoader: a fresh cloud for each cluster. */
  public InMemoryProvider() {
    this.given = Optional.empty();
  }

  private InMemoryProvider(Backend backend) {
    this.given = Optional.of(backend);
  }

  /** A provider that always gives {@code backend}: a cloud a test or a program prepared and reads afterwards. */
  public static InMemoryProvider of(Backend backend) {
    return new InMemoryProvider(Objects.requireNonNull(backend, "backend"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean fallback() {
    return true;
  }

  /** The given cloud; without one, none: a fresh cloud needs the cluster to know its flavours and networks. */
  @Override
  public Optional<Backend> fromEnvironment(Map<String, String> environment) {
    return given;
  }

  /** The given cloud, or a fresh one holding what {@code cluster} names ({@link InMemoryCloud#forCluster}). */
  @Override
  public Optional<Backend> forCluster(Cluster cluster, Map<String, String> environment) {
    return Optional.of(given.orElseGet(() -> InMemoryCloud.forCluster(cluster)));
  }
}
