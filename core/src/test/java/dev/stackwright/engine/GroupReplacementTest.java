package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.Capabilities;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RuleSpec;
import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A security group whose rules change on a backend that cannot change a group in place is replaced as Neutron allows
 * it: the new group is made first (Neutron takes two groups of one name), the ports using the old one move to it, then
 * the old one goes; groups whose rules name it are made again too, as their rules must name the new group.
 */
class GroupReplacementTest {
  private final Cluster seed = Topologies.seed("seed");

  /** The in-memory cloud, saying that it changes ports and floating IPs in place, but not security groups. */
  private static Backend groupsNotUpdatable(InMemoryCloud cloud) {
    return new CountingBackend(cloud) {
      @Override
      public Capabilities capabilities() {
        return new Capabilities(super.capabilities().kinds(),
            EnumSet.of(ResourceKind.PORT, ResourceKind.FLOATING_IP), 8);
      }
    };
  }

  private static Engine engine(Backend backend, Service ruleOn) {
    Engine.Builder b = Engine.builder().backend(backend).renderer(Topologies.renderer());
    if (ruleOn != null) {
      b.rule(ruleOn, RuleSpec.tcpFrom(9100, "192.0.2.0/24", "node exporter for monitoring"));
    }
    return b.build();
  }

  private static Map<ResourceId, String> cloudIds(InMemoryCloud cloud, ResourceKind kind) {
    return cloud.observe("seed").resources().stream().filter(o -> o.id().kind() == kind)
        .collect(Collectors.toMap(Observed::id, Observed::cloudId));
  }

  @Test
  void aGroupWhosePortsStillUseItIsReplacedWithoutAFailureOrAServerReplaced() {
    // given: the seed made, then one more rule on the workers' group
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    Backend backend = groupsNotUpdatable(cloud);
    assertThat(engine(backend, null).apply(seed).succeeded()).isTrue();
    Map<ResourceId, String> servers = cloudIds(cloud, ResourceKind.SERVER);
    String oldGroup = cloudIds(cloud, ResourceKind.SECURITY_GROUP).get(SecurityRules.groupOf(BuiltInServices.WORKER));

    // when
    ApplyResult result = engine(backend, BuiltInServices.WORKER).apply(seed);

    // then: done in one apply; the workers' ports have the new group; the old one is gone; no server replaced
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(engine(backend, BuiltInServices.WORKER).plan(seed).isEmpty()).as("%s", engine(backend, BuiltInServices.WORKER)
        .plan(seed)).isTrue();
    assertThat(cloud.exists(oldGroup)).isFalse();
    assertThat(cloud.count(ResourceKind.SECURITY_GROUP)).isEqualTo(7);
    assertThat(cloudIds(cloud, ResourceKind.SERVER)).isEqualTo(servers);
  }

  @Test
  void groupsWhoseRulesNameAReplacedGroupAreMadeAgainNamingTheNewOne() {
    // given: the seed made, then one more rule on the appservers' group, which the broker's and database's name
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    Backend backend = groupsNotUpdatable(cloud);
    assertThat(engine(backend, null).apply(seed).succeeded()).isTrue();
    Map<ResourceId, String> servers = cloudIds(cloud, ResourceKind.SERVER);

    // when
    Plan plan = engine(backend, BuiltInServices.APPSERVER).plan(seed);
    ApplyResult result = engine(backend, BuiltInServices.APPSERVER).apply(seed);

    // then: the groups naming it were replaced with it, and the cluster converged in this one apply
    assertThat(plan.change(SecurityRules.groupOf(BuiltInServices.DATABASE))).hasValueSatisfying(c -> {
      assertThat(c.action()).isEqualTo(Action.REPLACE);
      assertThat(c.reason()).contains("security-group/appserver");
    });
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(engine(backend, BuiltInServices.APPSERVER).plan(seed).isEmpty()).as("%s", engine(backend,
        BuiltInServices.APPSERVER).plan(seed)).isTrue();
    assertThat(cloud.count(ResourceKind.SECURITY_GROUP)).isEqualTo(7);
    assertThat(cloudIds(cloud, ResourceKind.SERVER)).isEqualTo(servers);
  }
}
