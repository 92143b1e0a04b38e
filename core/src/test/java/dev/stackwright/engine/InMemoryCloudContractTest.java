package dev.stackwright.engine;

import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.spi.Backend;
import java.util.Optional;

/** The backend contract on the in-memory cloud. */
class InMemoryCloudContractTest extends OwnershipContract {
  private final InMemoryCloud cloud = InMemoryCloud.builder().network("internal", "10.0.0.0/16")
      .externalNetwork("public").flavor("hpc", 2, 8192).image("debian-12").build();

  @Override
  protected Backend backend() {
    return cloud;
  }

  @Override
  protected String block() {
    return "10.0.231";
  }

  @Override
  protected Optional<ByHand> byHand() {
    return Optional.of(new ByHand() {
      @Override
      public String port(String name, String network, Ipv4Address address) {
        return cloud.addForeignPort(name, network, address.toString());
      }

      @Override
      public String securityGroup(String name) {
        return cloud.addForeignSecurityGroup(name);
      }

      @Override
      public boolean exists(String cloudId) {
        return cloud.exists(cloudId);
      }

      @Override
      public void cleanUp() {
        // each test has its own cloud
      }
    });
  }

  @Override
  protected Optional<String> externalNetwork() {
    return Optional.of("public");
  }
}
