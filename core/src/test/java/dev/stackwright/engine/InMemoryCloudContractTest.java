package dev.stackwright.engine;

import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.spi.AddressRange;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.ExistingNetwork;
import java.util.List;
import java.util.Optional;

/** The backend contract on the in-memory cloud. */
class InMemoryCloudContractTest extends NetworkContract {
  private final InMemoryCloud cloud = InMemoryCloud.builder()
      .network("internal", "10.0.0.0/16", "10.0.0.254", "10.0.254.1-10.0.254.254")
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
  protected Optional<ExistingNetwork> internalDescribed() {
    return Optional.of(new ExistingNetwork("internal", Ipv4Network.parse("10.0.0.0/16"),
        Optional.of(Ipv4Address.parse("10.0.0.254")), List.of(new AddressRange(Ipv4Address.parse("10.0.254.1"),
            Ipv4Address.parse("10.0.254.254")))));
  }

  @Override
  protected Optional<String> externalNetwork() {
    return Optional.of("public");
  }
}
