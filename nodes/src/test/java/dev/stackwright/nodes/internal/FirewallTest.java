package dev.stackwright.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.model.Ipv4Address;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FirewallTest {
  private static final ResourceId WEB = ResourceId.of(ResourceKind.SECURITY_GROUP, "web");
  private static final ResourceId APP = ResourceId.of(ResourceKind.SECURITY_GROUP, "app");

  private static Entry group(String cloudId, String cluster, ResourceId id, RuleSpec... rules) {
    return new Entry(cloudId, Optional.of(cluster), Optional.of(id), new SecurityGroupSpec(id, cluster + "-"
        + id.key(), "", List.of(rules)), Map.of(), Map.of(), Set.of());
  }

  private static Entry port(String cloudId, String cluster, String address, String... groups) {
    ResourceId id = ResourceId.of(ResourceKind.PORT, cloudId);
    return new Entry(cloudId, Optional.of(cluster), Optional.of(id), new PortSpec(id, cloudId, "internal",
        Set.of(Ipv4Address.parse(address)), Set.of()), Map.of(), Map.of(), Set.of(groups));
  }

  @Test
  void aPortTakesRepliesLoopbackAndWhatItsGroupsAllowAndDropsTheRest() {
    // given web takes 80 from anywhere and 8000 from the app servers' addresses
    Entry web = group("g-web", "prod", WEB, RuleSpec.tcpFrom(80, "0.0.0.0/0", "http"),
        RuleSpec.tcpFrom(8000, APP, "gunicorn"), new RuleSpec("udp", 5000, 5010, Optional.of("10.0.0.0/16"),
            Optional.empty(), "stats"));
    Entry app = group("g-app", "prod", APP);
    Entry lb = port("p-lb", "prod", "10.0.10.3", "g-web");
    List<Entry> all = List.of(web, app, lb, port("p-a1", "prod", "10.0.11.2", "g-app"),
        port("p-a2", "prod", "10.0.11.1", "g-app"), port("p-other", "other", "10.0.12.1", "g-app-of-other"));

    // when
    String script = Firewall.script(lb, all);

    // then
    assertThat(script).contains("type filter hook input priority 0; policy drop;",
        "ct state established,related accept", "iif \"lo\" accept",
        "    tcp dport 80 accept comment \"prod-web: tcp 80 from 0.0.0.0/0 (http)\"",
        "    ip saddr { 10.0.11.1, 10.0.11.2 } tcp dport 8000 accept",
        "    ip saddr 10.0.0.0/16 udp dport 5000-5010 accept");
    assertThat(script).doesNotContain("10.0.12.1").startsWith("table inet stackwright {}\n"
        + "delete table inet stackwright\n");
  }

  @Test
  void aPortWithoutGroupsTakesNothingIn() {
    Entry lone = port("p", "prod", "10.0.10.3");
    assertThat(Firewall.script(lone, List.of(lone))).doesNotContain("dport").contains("policy drop;");
  }

  @Test
  void aRuleFromAGroupWithoutPortsAllowsNothingYet() {
    Entry app = group("g-app", "prod", APP);
    Entry web = group("g-web", "prod", WEB, RuleSpec.tcpFrom(8000, APP, "gunicorn"));
    assertThat(Firewall.line(RuleSpec.tcpFrom(8000, APP, "gunicorn"), web, List.of(app, web))).isEmpty();
  }
}
