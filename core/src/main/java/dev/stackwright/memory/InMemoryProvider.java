package dev.stackwright.memory;

import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendProvider;
import dev.stackwright.internal.StateDirectory;
import dev.stackwright.model.Cluster;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The in-memory cloud as a provider, named {@code memory} and the {@link #fallback()}: the command line takes it when
 * {@code --backend memory} is named or when no other provider answers. Found by the ServiceLoader through core's own
 * services file, where it gives each run the cluster's cloud {@link InMemoryCloud#keptIn kept in}
 * {@code .stackwright/CLUSTER/memory-cloud.json} under the working directory (or under
 * {@link #STATE_DIRECTORY_VARIABLE} when the environment sets it), so that one run finds what the last one made; give
 * {@code Cli.builder().provider(InMemoryProvider.of(cloud))} to run the command line against a cloud of your own.
 */
public final class InMemoryProvider implements BackendProvider {
  public static final String NAME = "memory";
  /** The environment entry naming the directory the kept clouds go under, one directory per cluster. */
  public static final String STATE_DIRECTORY_VARIABLE = StateDirectory.VARIABLE;
  /** The file a cluster's cloud is kept in, under its directory. */
  public static final String STATE_FILE = "memory-cloud.json";

  private final Optional<Backend> given;

  /** For the ServiceLoader: each cluster's cloud, kept in its file. */
  public InMemoryProvider() {
    this.given = Optional.empty();
  }

  private InMemoryProvider(Backend backend) {
    this.given = Optional.of(backend);
  }

  /**
   * A provider that always gives {@code backend}: a cloud a test or a program prepared and reads afterwards, kept in
   * no file unless it was made so. The command line {@linkplain InMemoryCloud#close closes} the backend at the end of
   * each verb: a kept cloud given here serves one run.
   */
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

  /**
   * The given cloud, or the cluster's cloud kept in its file ({@link InMemoryCloud#keptIn}), holding what
   * {@code cluster} names; refuses a file another run holds, a corrupt one, or one of a newer format.
   */
  @Override
  public Optional<Backend> forCluster(Cluster cluster, Map<String, String> environment) {
    return Optional.of(given.orElseGet(() -> InMemoryCloud.keptIn(stateFile(cluster.name(), environment), cluster)));
  }

  /** Where the cloud of cluster {@code name} is kept, given {@code environment}. */
  public static Path stateFile(String name, Map<String, String> environment) {
    return StateDirectory.of(environment).resolve(name).resolve(STATE_FILE);
  }
}
