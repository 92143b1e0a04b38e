package dev.stackwright.memory;

import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Cluster;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A process that applies the seed to a cloud kept in the file its argument names, slowly (every call and every boot
 * takes a while), for {@link KilledMidApplyTest} to kill with SIGKILL while it runs.
 */
public final class KeptCloudApplyRun {
  private KeptCloudApplyRun() {}

  public static void main(String[] args) {
    Cluster seed = KilledMidApplyTest.seed();
    InMemoryCloudBuilder b = InMemoryCloud.builder().network(seed.internalNetworkName(), seed.network().toString())
        .image(seed.defaultImage()).latency(Duration.ofMillis(150)).buildTime(Duration.ofMillis(400))
        .keptIn(Path.of(args[0]));
    seed.flavors().forEach(f -> b.flavor(f.name(), f.vcpus(), f.ramMb()));
    try (InMemoryCloud cloud = b.build()) {
      Engine.builder().backend(cloud).renderer(Topologies.renderer()).parallelism(4).build().apply(seed);
    }
  }
}
