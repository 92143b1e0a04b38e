package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.spi.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecurityRulesTest {
  private final Cluster seed = Topologies.seed("seed");

  @Test
  void theBrokerIsOpenToTheAppServersTheWorkersAndTheControllerOnly() {
    // when
    List<RuleSpec> rules = SecurityRules.of(seed, BuiltInServices.BROKER);

    // then
    assertThat(rules).extracting(RuleSpec::describe).containsExactlyInAnyOrder(
        "tcp 5672 from security-group/appserver",
        "tcp 5672 from security-group/worker",
        "tcp 5672 from security-group/controller",
        "tcp 15672 from security-group/controller",
        "tcp 22 from security-group/controller");
  }

  @Test
  void everyRuleOfTheSeedIsWhatTheIssueAsksForAndNoneOpensADataServiceToTheWorld() {
    for (Service kind : BuiltInServices.all()) {
      for (RuleSpec r : SecurityRules.of(seed, kind)) {
        boolean world = r.remoteCidr().filter("0.0.0.0/0"::equals).isPresent();
        if (world) {
          assertThat(kind).as("only the load balancer and DHCP are open to everyone: %s %s", kind, r)
              .isIn(BuiltInServices.WEBSERVER, BuiltInServices.CONTROLLER);
          assertThat(r.portMin()).isIn(80, 443, 67);
        }
        assertThat(r.purpose()).as("every rule says why it exists").isNotBlank();
      }
    }
    assertThat(SecurityRules.of(seed, BuiltInServices.DATABASE)).extracting(RuleSpec::describe)
        .containsExactlyInAnyOrder("tcp 5984 from security-group/appserver", "tcp 5984 from security-group/worker",
            "tcp 22 from security-group/controller");
    assertThat(SecurityRules.of(seed, BuiltInServices.APPSERVER)).extracting(RuleSpec::describe)
        .contains("tcp 8000 from security-group/webserver", "tcp 8000 from security-group/controller");
    assertThat(SecurityRules.of(seed, BuiltInServices.STATIC)).extracting(RuleSpec::describe)
        .contains("tcp 80 from security-group/webserver").hasSize(2);
    assertThat(SecurityRules.of(seed, BuiltInServices.CONTROLLER)).extracting(RuleSpec::describe)
        .contains("tcp 80 from 192.0.2.0/24", "tcp 22 from 192.0.2.0/24", "udp 67 from 0.0.0.0/0");
    assertThat(SecurityRules.of(seed, BuiltInServices.WEBSERVER)).extracting(RuleSpec::describe)
        .contains("tcp 80 from 0.0.0.0/0");
  }

  @Test
  void withoutTlsNeitherTheLoadBalancerNorTheControllerOpens443() {
    // when: the seed has no TLS, so nothing listens on 443
    List<RuleSpec> rules = new ArrayList<>(SecurityRules.of(seed, BuiltInServices.WEBSERVER));
    rules.addAll(SecurityRules.of(seed, BuiltInServices.CONTROLLER));

    // then
    assertThat(rules).extracting(RuleSpec::portMin).doesNotContain(443);
  }

  @Test
  void withTlsTheLoadBalancerOpens443ToEveryoneAndTheControllerToTheAdminNetwork() {
    // given
    ClusterDsl dsl = Topologies.seedDsl("tls");
    dsl.tls().clusterCa();
    Cluster tls = dsl.build();

    // then
    assertThat(SecurityRules.of(tls, BuiltInServices.WEBSERVER)).extracting(RuleSpec::describe)
        .contains("tcp 80 from 0.0.0.0/0", "tcp 443 from 0.0.0.0/0");
    assertThat(SecurityRules.of(tls, BuiltInServices.CONTROLLER)).extracting(RuleSpec::describe)
        .contains("tcp 80 from 192.0.2.0/24", "tcp 443 from 192.0.2.0/24")
        .doesNotContain("tcp 443 from 0.0.0.0/0");
  }

  @Test
  void aSourceRoleTheClusterDoesNotHaveOpensNothing() {
    // given: no workers at all
    Cluster noWorkers = Topologies.seedDsl("lean").build();

    // then
    assertThat(SecurityRules.of(noWorkers, BuiltInServices.DATABASE)).extracting(RuleSpec::remoteGroup)
        .doesNotContain(Optional.of(SecurityRules.groupOf(BuiltInServices.WORKER)));
  }

  @Test
  void withoutAnAdminNetworkTheControllersPagesAndSshAreClosedToTheOutside() {
    Cluster noAdmin = Topologies.seed("closed", 1, w -> {});
    // the seed fixture sets an admin CIDR; a cluster built without one:
    Cluster without = Topologies.seedDsl("noadmin").adminCidr(null).build();
    assertThat(SecurityRules.of(noAdmin, BuiltInServices.CONTROLLER)).hasSizeGreaterThan(
        SecurityRules.of(without, BuiltInServices.CONTROLLER).size());
    assertThat(SecurityRules.of(without, BuiltInServices.CONTROLLER)).allMatch(r -> r.remoteCidr().isEmpty()
        || r.protocol().equals("udp"));
  }
}
