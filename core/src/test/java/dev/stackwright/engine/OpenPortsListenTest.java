package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.RenderedFile;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.spi.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A port the security groups open to an address range has nginx listening behind it, on the instance's address, in
 * the node's rendered sites: the load balancer once opened 443 to the world with nothing there.
 */
class OpenPortsListenTest {

  @Test
  void everyPortTheSeedOpensToTheOutsideHasANginxListenBehindIt() {
    // given
    Cluster seed = Topologies.seed("seed");

    // when
    List<String> unserved = unserved(seed, Topologies.renderer().render(seed));

    // then
    assertThat(unserved).isEmpty();
  }

  @Test
  void everyPortASeedWithTlsOpensToTheOutsideHasANginxListenBehindIt() {
    // given
    ClusterDsl dsl = Topologies.seedDsl("tls");
    dsl.tls().clusterCa();
    Cluster tls = dsl.build();

    // when
    RenderedCluster rendered = Topologies.renderer().render(tls);

    // then
    assertThat(unserved(tls, rendered)).isEmpty();
    assertThat(SecurityRules.of(tls, BuiltInServices.WEBSERVER)).extracting(RuleSpec::portMin).contains(443);
  }

  /** Each "instance port" the groups open to a CIDR (SSH and DHCP aside) with no {@code listen ADDRESS:PORT}. */
  static List<String> unserved(Cluster cluster, RenderedCluster rendered) {
    List<String> unserved = new ArrayList<>();
    for (Node node : cluster.nodes()) {
      String sites = sites(rendered, node.name());
      for (RoleInstance r : node.roles()) {
        if (r.kind() != BuiltInServices.WEBSERVER && r.kind() != BuiltInServices.CONTROLLER) {
          continue;
        }
        for (RuleSpec rule : SecurityRules.of(cluster, r.kind())) {
          boolean outside = rule.remoteCidr().isPresent() && rule.protocol().equals("tcp");
          if (outside && rule.portMin() != SecurityRules.SSH
              && !sites.contains("listen " + r.address() + ":" + rule.portMin())) {
            unserved.add(r.name() + " " + rule.describe());
          }
        }
      }
    }
    return unserved;
  }

  private static String sites(RenderedCluster rendered, String node) {
    return String.join("\n", rendered.files(node).stream().filter(f -> f.path().startsWith("/etc/nginx/sites-"))
        .map(RenderedFile::content).toList());
  }
}
