package dev.stackwright.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.engine.Action;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Plan;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretSource;
import org.junit.jupiter.api.Test;

/** The assertions users write topology tests with: they pass on the truth and fail with the nearest mismatch. */
class AssertionsTest {
  private static final Renderer RENDERER = Renderer.builder().secrets(SecretSource.forTests()).build();
  private final Cluster cluster = cluster(3);
  private final Plan plan = Engine.builder().backend(InMemoryCloud.forCluster(cluster)).renderer(RENDERER).build()
      .plan(cluster);

  private static Cluster cluster(int appServers) {
    ClusterDsl c = Stackwright.cluster("shop").network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").defaultImage("debian-12");
    c.flavor("small").vcpus(1).ramGb(1);
    c.flavor("hpc").vcpus(2).ramGb(8);
    c.role("controller").address("10.0.0.1").flavor("small");
    c.role("webserver").subnet("10.0.10").firstOffset(3).flavor("small");
    c.role("appserver").subnet("10.0.11").count(appServers).flavor("small");
    c.role("static").subnet("10.0.12").flavor("small");
    c.role("database").subnet("10.0.20").flavor("small");
    c.role("broker").subnet("10.0.30").flavor("small");
    c.role("worker").subnet("10.0.100").count(3).flavor("hpc");
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo").source("https://git.example.org/d.git")
        .version("v1");
    return c.build();
  }

  @Test
  void aTrueStatementAboutThePlanPasses() {
    assertThatCode(() -> PlanAssert.assertThat(plan)
        .creates(3, ResourceKind.SERVER, PlanAssert.flavor("hpc"))
        .creates(11, ResourceKind.SERVER)
        .noRuleOpens(5984, "0.0.0.0/0")
        .noRuleOpens(5672, "0.0.0.0/0")
        .destroysNoData()
        .changes("port/webserver-1", Action.CREATE, "not in the cloud yet")).doesNotThrowAnyException();
  }

  @Test
  void aWrongCountNamesTheNearestMismatch() {
    assertThatThrownBy(() -> PlanAssert.assertThat(plan).creates(4, ResourceKind.SERVER, PlanAssert.flavor("hpc")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected the plan to create 4 server(s) with flavour hpc but it creates 3")
        .hasMessageContaining("nearest mismatch: server/").hasMessageContaining("has flavour small");
  }

  @Test
  void aRuleOpeningTheDatabaseToTheWorldIsCaught() {
    Plan leaky = Engine.builder().backend(InMemoryCloud.forCluster(cluster)).renderer(RENDERER)
        .rule(BuiltInServices.DATABASE, RuleSpec.tcpFrom(5984, "0.0.0.0/0", "oops")).build().plan(cluster);
    assertThatThrownBy(() -> PlanAssert.assertThat(leaky).noRuleOpens(5984, "0.0.0.0/0"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected no rule to open 5984 to 0.0.0.0/0 but security-group/database has"
            + " tcp 5984 from 0.0.0.0/0 (oops)");
  }

  @Test
  void aWiderRuleThanTheRangeAskedAboutStillOpensThePortToIt() {
    Plan leaky = Engine.builder().backend(InMemoryCloud.forCluster(cluster)).renderer(RENDERER)
        .rule(BuiltInServices.DATABASE, RuleSpec.tcpFrom(5984, "0.0.0.0/0", "oops")).build().plan(cluster);
    assertThatThrownBy(() -> PlanAssert.assertThat(leaky).noRuleOpens(5984, "198.51.100.0/24"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("security-group/database has tcp 5984 from 0.0.0.0/0");
    assertThatCode(() -> PlanAssert.assertThat(plan).noRuleOpens(5984, "198.51.100.0/24"))
        .doesNotThrowAnyException();
  }

  @Test
  void aPlanWithoutSecurityGroupsCannotProveThatNoRuleOpensAPort() {
    InMemoryCloud cloud = InMemoryCloud.forCluster(cluster);
    Engine engine = Engine.builder().backend(cloud).renderer(RENDERER).build();
    engine.apply(cluster);
    Plan converged = engine.plan(cluster);
    assertThatThrownBy(() -> PlanAssert.assertThat(converged).noRuleOpens(5984, "0.0.0.0/0"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("proves nothing")
        .hasMessageContaining("on an empty cloud");
    assertThatThrownBy(() -> PlanAssert.assertThat(plan).noRuleOpens(5984, "everyone"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("not an IPv4 CIDR");
  }

  @Test
  void theLoadBalancerListsEveryAppServerAndAMissingOneShowsTheNearestLine() {
    RenderedCluster four = RENDERER.render(cluster(4));
    String site = "/etc/nginx/sites-enabled/stackwright-webserver.conf";
    RenderedAssert.assertThat(four).file("webserver-1", site).containsLines(
        "server 10.0.11.1:8000 max_fails=3 fail_timeout=10s;  # appserver-1 on appserver-1",
        "server 10.0.11.4:8000 max_fails=3 fail_timeout=10s;  # appserver-4 on appserver-4");
    RenderedCluster three = RENDERER.render(cluster);
    assertThatThrownBy(() -> RenderedAssert.assertThat(three).file("webserver-1", site)
        .containsLine("server 10.0.11.4:8000 max_fails=3 fail_timeout=10s;  # appserver-4 on appserver-4"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("nearest line:\n  server 10.0.11.");
    assertThatThrownBy(() -> RenderedAssert.assertThat(three).file("webserver-1", "/etc/nginx/nope.conf"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("it has no such file; nearest: /etc/nginx/nginx.conf; it has [");
  }
}
