package dev.stackwright.cli;

import dev.stackwright.StackwrightException;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendProvider;
import dev.stackwright.model.Cluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The names {@code --backend} takes, each with the {@link Target} that runs the verbs under it: every backend
 * provider (those given to {@code Cli.builder().provider(...)} first, then the ServiceLoader's of other names), whose
 * backend the engine drives, and the runs that are not backends (the local run), each under its own name unless a
 * provider already holds it.
 */
final class Targets {
  private final List<BackendProvider> providers;
  private final Map<String, String> environment;
  private final Function<Backend, Target> onBackend;
  private final Map<String, Supplier<Target>> others;

  private Targets(List<BackendProvider> providers, Map<String, String> environment,
      Function<Backend, Target> onBackend, Map<String, Supplier<Target>> others) {
    this.providers = providers;
    this.environment = environment;
    this.onBackend = onBackend;
    this.others = others;
  }

  /**
   * The registry of {@code given} providers, the ServiceLoader's, and {@code others}; {@code onBackend} makes the
   * target of a provider's backend.
   */
  static Targets of(List<BackendProvider> given, Map<String, String> environment,
      Function<Backend, Target> onBackend, Map<String, Supplier<Target>> others) {
    Map<String, BackendProvider> byName = new LinkedHashMap<>();
    given.forEach(p -> byName.putIfAbsent(p.name(), p));
    ServiceLoader.load(BackendProvider.class).forEach(p -> byName.putIfAbsent(p.name(), p));
    Map<String, Supplier<Target>> rest = new LinkedHashMap<>(others);
    rest.keySet().removeAll(byName.keySet());
    return new Targets(List.copyOf(byName.values()), environment, onBackend, rest);
  }

  /** Every name {@code --backend} takes, the providers' first. */
  List<String> names() {
    List<String> names = new ArrayList<>();
    providers.forEach(p -> names.add(p.name()));
    names.addAll(others.keySet());
    return names;
  }

  /** The target {@code name} selects, or without one the first provider that answers (fallbacks last). */
  Target choose(Optional<String> name, Cluster model) {
    return name.isPresent() ? named(name.get(), model) : unnamed(model);
  }

  private Target named(String name, Cluster model) {
    if (others.containsKey(name)) {
      return others.get(name).get();
    }
    BackendProvider provider = providers.stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new StackwrightException("--backend " + name + " is not available; known: "
            + String.join(", ", names())
            + (name.equals("openstack") ? " (put stackwright-openstack-backend on the class path)" : "")));
    return onBackend.apply(provider.forCluster(model, environment).orElseThrow(() -> new StackwrightException(
        "--backend " + name + ": the environment names no cloud; source an openrc file (OS_AUTH_URL, OS_USERNAME...)"
            + " or set OS_CLOUD")));
  }

  /** The rule of {@link BackendProvider#fallback()}: the others from the environment first, then a fallback. */
  private Target unnamed(Cluster model) {
    List<BackendProvider> candidates = providers.stream().filter(BackendProvider::chosenWithoutBeingNamed).toList();
    Optional<Backend> backend = candidates.stream().filter(p -> !p.fallback())
        .flatMap(p -> p.fromEnvironment(environment).stream()).findFirst()
        .or(() -> candidates.stream().filter(BackendProvider::fallback)
            .flatMap(p -> p.forCluster(model, environment).stream()).findFirst());
    return onBackend.apply(backend.orElseThrow(() -> new StackwrightException("no backend provider answers without"
        + " --backend, and none is a fallback; name one with --backend (known: " + String.join(", ", names()) + ")")));
  }
}
