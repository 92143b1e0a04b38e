package dev.stackwright.cli;

import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendProvider;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

/**
 * A provider, found by the ServiceLoader in core's tests, that must never be taken unless named, as the nodes
 * backend: its backend is an in-memory cloud for the model it was given, named after that model.
 */
public final class ByNameOnlyProvider implements BackendProvider {
  static final String NAME = "by-name-only";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean chosenWithoutBeingNamed() {
    return false;
  }

  /** Were it taken without being named, it would be: it needs nothing from the environment. */
  @Override
  public Optional<Backend> fromEnvironment(Map<String, String> environment) {
    return Optional.of(named(InMemoryCloud.builder().build(), NAME + " without a model"));
  }

  @Override
  public Optional<Backend> forCluster(Cluster cluster, Map<String, String> environment) {
    return Optional.of(named(InMemoryCloud.forCluster(cluster), NAME + " for cluster " + cluster.name()));
  }

  private static Backend named(Backend inner, String name) {
    return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
        (proxy, method, args) -> {
          if (method.getName().equals("name") && method.getParameterCount() == 0) {
            return name;
          }
          try {
            return method.invoke(inner, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
