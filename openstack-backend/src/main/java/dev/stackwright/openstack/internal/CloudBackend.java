package dev.stackwright.openstack.internal;

import dev.stackwright.engine.Capabilities;
import dev.stackwright.engine.Observation;
import dev.stackwright.engine.Observed;
import dev.stackwright.engine.References;
import dev.stackwright.engine.ResourceId;
import dev.stackwright.engine.ResourceSpec;
import java.util.Optional;

/**
 * The engine's backend calls on OpenStack: observation through {@link Observer}, changes through {@link Applier},
 * failures as {@link dev.stackwright.engine.BackendException}s. Thread-safe: the client's session starts every call
 * on every thread from the same token.
 */
public final class CloudBackend {
  private final Observer observer;
  private final Applier applier;
  private final int parallelism;

  public CloudBackend(CloudClient client, int parallelism) {
    this.observer = new Observer(client);
    this.applier = new Applier(client);
    this.parallelism = parallelism;
  }

  public Capabilities capabilities() {
    return Capabilities.full(parallelism);
  }

  public Observation observe(String cluster) {
    return Failures.translated(null, () -> observer.observe(cluster));
  }

  /** By observing the cluster: used only before a create whose first answer was lost, so its cost is rare. */
  public Optional<Observed> find(String cluster, ResourceId id) {
    return observe(cluster).get(id);
  }

  public Observed create(String cluster, ResourceSpec spec, References refs) {
    return Failures.translated(spec.id(), () -> applier.create(cluster, spec, refs));
  }

  public Observed update(String cluster, Observed current, ResourceSpec desired, References refs) {
    return Failures.translated(desired.id(), () -> applier.update(cluster, current, desired, refs));
  }

  public void delete(String cluster, Observed current) {
    Failures.translated(current.id(), () -> applier.delete(current));
  }
}
