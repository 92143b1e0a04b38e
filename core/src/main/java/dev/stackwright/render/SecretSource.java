package dev.stackwright.render;

import dev.stackwright.render.internal.GeneratedSecrets;
import dev.stackwright.render.internal.PropertiesSecrets;
import dev.stackwright.render.internal.TestSecrets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the renderer gets a cluster's secrets. Sources chain with {@link #orElse}: the usual one is
 * {@link #defaults()}, the environment first, then values generated once and kept in a local file with mode 0600, so
 * they stay the same from one run to the next. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SecretSource {
  /** The secret, or empty when this source does not have it. */
  Optional<Secret> find(SecretName name);

  /** This source, and {@code next} for what this one does not have. */
  default SecretSource orElse(SecretSource next) {
    Objects.requireNonNull(next, "next");
    return name -> {
      Optional<Secret> found = find(name);
      return found.isPresent() ? found : next.find(name);
    };
  }

  /** The process environment: {@code STACKWRIGHT_SECRET_RABBITMQ_PASSWORD} and so on. */
  static SecretSource environment() {
    return environment(System.getenv());
  }

  /** Variables named like {@link SecretName#environmentVariable()} in {@code environment}; empty ones count as unset. */
  static SecretSource environment(Map<String, String> environment) {
    Map<String, String> copy = Map.copyOf(environment);
    return name -> Optional.ofNullable(copy.get(name.environmentVariable())).filter(v -> !v.isEmpty())
        .map(Secret::of);
  }

  /**
   * A properties file with keys such as {@code rabbitmq_password}, read at each look-up. A missing file has no
   * secrets; an unreadable one is an error.
   */
  static SecretSource propertiesFile(Path file) {
    return new PropertiesSecrets(file);
  }

  /** Fixed values, for tests and for callers that keep secrets elsewhere. */
  static SecretSource of(Map<SecretName, String> values) {
    Map<SecretName, Secret> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, Secret.of(v)));
    return name -> Optional.ofNullable(copy.get(name));
  }

  /**
   * Values for tests: each secret derived from its key alone, as long as a generated one, the same on every run and
   * machine; writes nothing and reads no environment. Finds a value for every secret that may be
   * {@link SecretName#generated() generated}, a service's own secrets included. Never for a cluster that runs: anyone
   * can compute these values.
   *
   * <pre>{@code
   * RenderedCluster files = Renderer.builder().secrets(SecretSource.forTests()).build().render(cluster);
   * }</pre>
   */
  static SecretSource forTests() {
    return TestSecrets.INSTANCE;
  }

  /**
   * Generates each secret the first time it is asked for ({@link SecretName#generatedLength()} letters and digits of
   * a strong random source, for a service's own secret as for stackwright's), and
   * keeps it in {@code file} (a properties file, mode 0600, in a directory of mode 0700); later runs read it back.
   * Finds a value for every secret that may be {@link SecretName#generated() generated}.
   */
  static SecretSource generatedIn(Path file) {
    return new GeneratedSecrets(file);
  }

  /** The environment, then values generated once into {@code .stackwright/secrets.properties} in the working directory. */
  static SecretSource defaults() {
    return environment().orElse(generatedIn(Path.of(".stackwright", "secrets.properties")));
  }
}
