package dev.stackwright.engine;

import java.util.Map;
import java.util.Optional;

/**
 * Makes a backend from the environment, for the command line: the OpenStack module provides one that reads
 * {@code OS_*} variables or {@code OS_CLOUD}. Found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.stackwright.engine.BackendProvider}.
 */
public interface BackendProvider {
  /** The name {@code --backend} selects it by, such as {@code openstack}. */
  String name();

  /** A backend when the environment holds what it needs (credentials), else empty. */
  Optional<Backend> fromEnvironment(Map<String, String> environment);
}
