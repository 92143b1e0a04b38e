package dev.stackwright.spi;

import dev.stackwright.model.Cluster;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a backend from the environment, for the command line: the OpenStack module provides one that reads
 * {@code OS_*} variables or {@code OS_CLOUD}. Found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.stackwright.spi.BackendProvider}.
 */
public interface BackendProvider {
  /**
   * The environment entry naming the private half (an OpenSSH key file) of the servers' keypair, for a backend that
   * reaches running servers over SSH; the command line sets it from {@code --public-key FILE} (FILE without
   * {@code .pub}) when the user did not.
   */
  String SSH_KEY_VARIABLE = "STACKWRIGHT_SSH_KEY";

  /** The name {@code --backend} selects it by, such as {@code openstack}. */
  String name();

  /** A backend when the environment holds what it needs (credentials), else empty. */
  Optional<Backend> fromEnvironment(Map<String, String> environment);

  /**
   * Whether the command line may take it when no {@code --backend} is given. A backend that changes the machine it
   * runs on (the nodes backend) says false: it is used only when asked for by name.
   */
  default boolean chosenWithoutBeingNamed() {
    return true;
  }

  /**
   * Whether it is the last resort: with no {@code --backend} named, the command line takes the first provider, in
   * {@link java.util.ServiceLoader} order, that is not a fallback and whose {@link #fromEnvironment} answers; only when
   * none does, a fallback, asked through {@link #forCluster} (the in-memory cloud says true: it answers for any
   * cluster). ServiceLoader order is class path order, so it cannot state this rule itself.
   */
  default boolean fallback() {
    return false;
  }

  /**
   * The backend for {@code cluster}, asked for by name: a backend whose catalogue comes from the model (the nodes
   * backend) overrides this; by default {@link #fromEnvironment}. May throw a {@code StackwrightException} saying what
   * is missing and the fix.
   */
  default Optional<Backend> forCluster(Cluster cluster, Map<String, String> environment) {
    return fromEnvironment(environment);
  }
}
