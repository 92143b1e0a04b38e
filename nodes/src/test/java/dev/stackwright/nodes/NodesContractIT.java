package dev.stackwright.nodes;

import dev.stackwright.spi.Backend;
import dev.stackwright.engine.BackendContract;
import dev.stackwright.spi.Observed;
import dev.stackwright.engine.NetworkContract;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.model.Ipv4Address;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * The backend contract on real nodes (see {@link TestRig} for what it needs and when it skips). Everything it made is
 * removed after it, also when it fails.
 */
@Tag("integration")
class NodesContractIT extends NetworkContract {
  private static TestRig rig;
  private static NodesBackend nodes;
  private final List<String> byHand = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void boot() throws IOException {
    rig = TestRig.open(null, null);
    nodes = rig.nodes;
  }

  @AfterAll
  static void removeEverything() throws IOException {
    if (rig != null) {
      rig.close();
    }
  }

  @Override
  protected Backend backend() {
    return nodes;
  }

  @Override
  protected String block() {
    return "10.0.231";
  }

  @Override
  protected Optional<dev.stackwright.spi.ExistingNetwork> internalDescribed() {
    return Optional.of(new dev.stackwright.spi.ExistingNetwork("internal",
        dev.stackwright.model.Ipv4Network.parse("10.0.0.0/16"), Optional.empty(), List.of()));
  }

  /** One machine: a strict anti-affinity group holds one server. */
  @Override
  protected int hypervisors() {
    return 1;
  }

  /** Each server's boot time, for the figures. */
  @Override
  protected Observed create(ResourceSpec spec) {
    Observed o = super.create(spec);
    if (spec instanceof ServerSpec) {
      System.out.println("[nodes] " + spec.name() + ": " + o.fact(Observed.Facts.STATUS).orElse("?") + " after "
          + o.fact("boot-seconds").orElse("?") + " s");
    }
    return o;
  }

  @Override
  protected Optional<BackendContract.ByHand> byHand() {
    return Optional.of(new BackendContract.ByHand() {
      @Override
      public String port(String name, String network, Ipv4Address address) {
        String id = nodes.addForeignPort(name, network, address);
        byHand.add(id);
        return id;
      }

      @Override
      public String securityGroup(String name) {
        String id = nodes.addForeignSecurityGroup(name);
        byHand.add(id);
        return id;
      }

      @Override
      public boolean exists(String cloudId) {
        return nodes.exists(cloudId);
      }

      @Override
      public void cleanUp() {
        byHand.forEach(nodes::removeByHand);
        byHand.clear();
      }
    });
  }
}
