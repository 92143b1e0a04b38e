package dev.stackwright.engine;

import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.OsRelease;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.Capabilities;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.References;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.spi.NodeUpdate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend contract on an in-memory cloud kept in a file and opened afresh from it for every call, as if each call
 * were a process of its own: whatever the contract checks, the file carries from one call to the next.
 */
class ReopenedCloudContractTest extends NetworkContract {
  @TempDir
  Path dir;

  private InMemoryCloud open() {
    return InMemoryCloud.builder().network("internal", "10.0.0.0/16").externalNetwork("public")
        .flavor("hpc", 2, 8192).image("debian-12").keptIn(dir.resolve("memory-cloud.json")).build();
  }

  private <T> T onReopened(Function<InMemoryCloud, T> call) {
    try (InMemoryCloud cloud = open()) {
      return call.apply(cloud);
    }
  }

  private final Backend reopened = new Backend() {
    @Override
    public String name() {
      return "memory";
    }

    @Override
    public Capabilities capabilities() {
      return onReopened(InMemoryCloud::capabilities);
    }

    @Override
    public List<String> checkImages(Map<String, OsRelease> images) {
      return onReopened(c -> c.checkImages(images));
    }

    @Override
    public Observation observe(String cluster) {
      return onReopened(c -> c.observe(cluster));
    }

    @Override
    public Optional<Observed> find(String cluster, ResourceId id) {
      return onReopened(c -> c.find(cluster, id));
    }

    @Override
    public Observed create(String cluster, ResourceSpec spec, References refs) {
      return onReopened(c -> c.create(cluster, spec, refs));
    }

    @Override
    public Observed update(String cluster, Observed current, ResourceSpec desired, References refs) {
      return onReopened(c -> c.update(cluster, current, desired, refs));
    }

    @Override
    public void delete(String cluster, Observed current) {
      onReopened(c -> {
        c.delete(cluster, current);
        return null;
      });
    }

    @Override
    public Observed reconfigure(String cluster, Observed server, NodeUpdate update) {
      return onReopened(c -> c.reconfigure(cluster, server, update));
    }

    @Override
    public Observed rebuild(String cluster, Observed current, ServerSpec desired, References refs) {
      return onReopened(c -> c.rebuild(cluster, current, desired, refs));
    }
  };

  @Override
  protected Backend backend() {
    return reopened;
  }

  @Override
  protected String block() {
    return "10.0.232";
  }

  @Override
  protected Optional<ByHand> byHand() {
    return Optional.of(new ByHand() {
      @Override
      public String port(String name, String network, Ipv4Address address) {
        return onReopened(c -> c.addForeignPort(name, network, address.toString()));
      }

      @Override
      public String securityGroup(String name) {
        return onReopened(c -> c.addForeignSecurityGroup(name));
      }

      @Override
      public boolean exists(String cloudId) {
        return onReopened(c -> c.exists(cloudId));
      }

      @Override
      public void cleanUp() {
        // each test has its own file
      }
    });
  }

  @Override
  protected Optional<String> externalNetwork() {
    return Optional.of("public");
  }
}
