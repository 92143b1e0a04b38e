package dev.stackwright.engine;

import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Flavor;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A run killed while its servers boot, on the in-memory cloud: for the tests of what the next run does. */
public final class Crashes {
  private Crashes() {}

  /** The seed's cloud, with boots slow enough to kill a run while they last. */
  public static InMemoryCloud slowBoots(Cluster cluster, Duration buildTime) {
    dev.stackwright.memory.InMemoryCloudBuilder b = InMemoryCloud.builder().network(cluster.internalNetworkName(),
        cluster.network().toString()).image(cluster.defaultImage()).buildTime(buildTime);
    for (Flavor f : cluster.flavors()) {
      b.flavor(f.name(), f.vcpus(), f.ramMb());
    }
    return b.build();
  }

  /** Starts applying {@code cluster} and kills the run as soon as the cloud has a server in BUILD. */
  public static void killWhileBooting(InMemoryCloud cloud, Cluster cluster) {
    DyingBackend dying = new DyingBackend(cloud);
    Engine dead = Engine.builder().backend(dying).renderer(Topologies.renderer()).build();
    Thread run = new Thread(() -> dead.apply(cluster), "the run that dies");
    run.setDaemon(true);
    run.start();
    waitUntil(() -> cloud.serverStatuses().containsValue("BUILD"), "a server in BUILD");
    dying.kill();
  }

  /** Polls every 20 ms, for 30 s at most. */
  public static void waitUntil(BooleanSupplier condition, String what) {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not seen within 30 s: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }
}
