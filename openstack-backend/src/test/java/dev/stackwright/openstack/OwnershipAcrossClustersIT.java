package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Engine;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.engine.Plan;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.model.Cluster;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two clusters on the real loopback OpenStack, one's name a prefix of the other's ({@code prod-…} and
 * {@code prod-…_a}): destroying the shorter one leaves the longer whole, keypair and server group included.
 */
@Tag("integration")
class OwnershipAcrossClustersIT {
  private static String prod;
  private static String prodA;
  private static Engine engine;
  private static OpenStackBackend cloud;

  @BeforeAll
  static void connect() {
    OpenStackCredentials credentials = RealCloud.credentials();
    prod = RealCloud.uniqueClusterName("prod");
    prodA = prod + "_a";
    cloud = OpenStackBackend.builder().credentials(credentials).build();
    engine = Engine.builder().backend(cloud).renderer(SeedCluster.renderer()).parallelism(8)
        .publicKey(SshKeys.newPublicKey("it@stackwright")).build();
  }

  @AfterAll
  static void cleanUp() {
    if (engine != null) {
      engine.destroy(prodA);
      engine.destroy(prod);
    }
  }

  /** A controller, a broker and two workers (so a server group), in blocks from 10.0.{@code third}. */
  static Cluster small(String name, int third) {
    ClusterDsl c = Stackwright.cluster(name).network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").adminCidr("192.0.2.0/24").defaultImage("debian-12").cpuWeight("hpc", 1.0);
    c.flavor("hpc").vcpus(2).ramGb(8).cpuClass("hpc");
    c.role("controller").address("10.0." + third + ".1").flavor("hpc");
    c.role("broker").subnet("10.0." + (third + 1)).flavor("hpc");
    c.role("worker").count(2).flavor("hpc").subnet("10.0." + (third + 2));
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo").source("https://git.example.org/stackwright/demo.git")
        .version("v1.0");
    return c.build();
  }

  private static Set<String> cloudIds(Observation o) {
    return o.resources().stream().map(Observed::cloudId).collect(Collectors.toSet());
  }

  @Test
  void destroyingProdLeavesProdAWhole() {
    // given
    ApplyResult a = engine.apply(small(prodA, 161));
    ApplyResult p = engine.apply(small(prod, 165));
    assertThat(a.succeeded()).as(a.summary()).isTrue();
    assertThat(p.succeeded()).as(p.summary()).isTrue();
    Observation before = cloud.observe(prodA);
    assertThat(before.resources()).extracting(o -> o.id().kind())
        .contains(ResourceKind.KEYPAIR, ResourceKind.SERVER_GROUP);

    // when
    Plan plan = engine.destroyPlan(prod);
    ApplyResult destroyed = engine.destroy(prod);

    // then
    assertThat(plan.changes()).allSatisfy(c -> assertThat(cloudIds(before)).doesNotContain(
        c.current().orElseThrow().cloudId()));
    assertThat(destroyed.succeeded()).as(destroyed.summary()).isTrue();
    assertThat(cloud.observe(prod).size()).isZero();
    assertThat(cloudIds(cloud.observe(prodA))).isEqualTo(cloudIds(before));
    assertThat(engine.plan(small(prodA, 161)).isEmpty()).isTrue();
  }
}
