package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Node;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.RuleSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expectations the matrix test holds the rig to, derived from the seed's rules. */
class SecurityMatrixTest {
  private static final int HTTP = SecurityMatrix.port(BuiltInServices.WEBSERVER, "http");
  private static final int SSH = SecurityMatrix.port(BuiltInServices.CONTROLLER, "ssh");
  private static final int COUCHDB = SecurityMatrix.port(BuiltInServices.DATABASE, "couchdb");
  private static final int APP = SecurityMatrix.port(BuiltInServices.APPSERVER, "app");
  private static final Cluster SEED = Topologies.seed("matrix");
  private static final Map<ResourceId, List<RuleSpec>> RULES = SecurityMatrix.rules(SEED);

  private static SecurityMatrix.Source node(String name) {
    return SecurityMatrix.Source.of(SEED.node(name).orElseThrow());
  }

  private static SecurityMatrix.Target at(String node, String role, int port) {
    Node n = SEED.node(node).orElseThrow();
    return SecurityMatrix.targets(SEED).stream().filter(t -> t.node().equals(n) && t.role().equals(role)
        && t.port() == port).findFirst().orElseThrow();
  }

  @Test
  void aWorkerReachesNeitherTheAdminPortsNorTheDatabaseFromTheWebserver() {
    assertThat(SecurityMatrix.allowed(RULES, node("worker-1"), at("controller-1", "controller-1", HTTP)))
        .isFalse();
    assertThat(SecurityMatrix.allowed(RULES, node("worker-1"), at("controller-1", "controller-1", SSH)))
        .isFalse();
    assertThat(SecurityMatrix.allowed(RULES, node("webserver-1"), at("server_all-1", "database-1",
        COUCHDB))).isFalse();
  }

  @Test
  void whatTheClusterNeedsIsAllowed() {
    assertThat(SecurityMatrix.allowed(RULES, node("worker-1"), at("server_all-1", "database-1",
        COUCHDB))).isTrue();
    assertThat(SecurityMatrix.allowed(RULES, node("webserver-1"), at("server_all-1", "appserver-1",
        APP))).isTrue();
    assertThat(SecurityMatrix.allowed(RULES, node("controller-1"), at("worker-1", "worker-1", SSH)))
        .isTrue();
    SecurityMatrix.Source bridge = new SecurityMatrix.Source("rig", List.of(Ipv4Address.parse("10.0.255.254")),
        List.of());
    assertThat(SecurityMatrix.allowed(RULES, bridge, at("webserver-1", "webserver-1", HTTP))).isTrue();
    assertThat(SecurityMatrix.allowed(RULES, bridge, at("worker-1", "worker-1", SSH))).isFalse();
  }

  @Test
  void aPortOfAServiceOfTheClustersOwnIsProbedToo() {
    // given
    ClusterDsl dsl = Topologies.seedDsl("matrix");
    dsl.service(Service.builder("redis").port(ServicePort.tcp("redis", 6379)).openTo("worker", "redis", "cache")
        .build());
    dsl.role("redis").subnet("10.0.40").flavor("webserver");
    dsl.role("worker").flavor("hpc").subnet("10.0.100");

    // when
    List<Integer> ports = SecurityMatrix.servicePorts(dsl.build());

    // then
    assertThat(ports).contains(6379).containsAll(SecurityMatrix.servicePorts(SEED));
  }
}
