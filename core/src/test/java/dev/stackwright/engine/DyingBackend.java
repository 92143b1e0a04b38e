package dev.stackwright.engine;

import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.Capabilities;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.References;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceSpec;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A run that dies, as {@code kill -9} ends it: until {@link #kill()} every call goes to the cloud; after it no new
 * call reaches the cloud (each fails at once), while the calls already in flight finish there, as the cloud finishes
 * a boot whose caller is gone. createAll and updateAll are the interface's defaults, so each create is a call.
 */
public class DyingBackend implements Backend {
  private final Backend cloud;
  private final AtomicBoolean dead = new AtomicBoolean();

  public DyingBackend(Backend cloud) {
    this.cloud = cloud;
  }

  public void kill() {
    dead.set(true);
  }

  private void alive(ResourceId id) {
    if (dead.get()) {
      throw new BackendException(BackendException.Reason.TRANSIENT, id, "the process was killed (test)");
    }
  }

  @Override
  public String name() {
    return cloud.name();
  }

  @Override
  public Capabilities capabilities() {
    return cloud.capabilities();
  }

  @Override
  public Observation observe(String cluster) {
    alive(null);
    return cloud.observe(cluster);
  }

  @Override
  public Optional<Observed> find(String cluster, ResourceId id) {
    alive(id);
    return cloud.find(cluster, id);
  }

  @Override
  public Observed create(String cluster, ResourceSpec spec, References refs) {
    alive(spec.id());
    return cloud.create(cluster, spec, refs);
  }

  @Override
  public Observed update(String cluster, Observed current, ResourceSpec desired, References refs) {
    alive(desired.id());
    return cloud.update(cluster, current, desired, refs);
  }

  @Override
  public void delete(String cluster, Observed current) {
    alive(current.id());
    cloud.delete(cluster, current);
  }
}
