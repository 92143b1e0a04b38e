package dev.stackwright.openstack;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.Renderer;
import java.util.Optional;

/** The seed for this module's tests: the engine's test topology (core's test jar), with this cloud's options. */
final class SeedCluster {
  private SeedCluster() {}

  static Renderer renderer() {
    return Topologies.renderer();
  }

  /** The seed: controller, webserver, server_all with four roles (or those roles split), {@code workers} workers. */
  static Cluster seed(String name, int workers, boolean split) {
    return seed(name, workers, split, Optional.empty());
  }

  /** The seed, with floating IPs for the webserver and the controller from {@code externalNetwork} when named. */
  static Cluster seed(String name, int workers, boolean split, Optional<String> externalNetwork) {
    ClusterDsl c = Topologies.seedDsl(name, split);
    externalNetwork.ifPresent(c::externalNetwork);
    c.role("worker").count(workers).flavor("hpc").subnet("10.0.100");
    return c.build();
  }
}
