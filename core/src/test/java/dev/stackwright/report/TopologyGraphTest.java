package dev.stackwright.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.SecurityRules;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import dev.stackwright.report.DotEdges.Edge;
import dev.stackwright.spi.RuleSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The seed's picture against the model and against the rules the engine derives for its security groups. */
class TopologyGraphTest {
  private final Cluster seed = Seed.named("seed").dsl().adminCidr("192.0.2.0/24").build();

  @Test
  void everyVmIsInTheBoxOfItsHostKindWithEachRoleInstanceAndItsAddress() {
    // when
    String dot = TopologyGraph.of(seed).toDot();

    // then
    for (Node node : seed.nodes()) {
      String box = box(dot, node.host());
      assertThat(box).contains("\"vm " + node.name() + "\" [label=<");
      for (RoleInstance r : node.roles()) {
        assertThat(box).contains("<td port=\"in " + r.role() + "\" align=\"left\">" + r.name() + "<br/>",
            "<td port=\"out " + r.role() + "\" align=\"left\">" + r.address() + "</td>");
      }
    }
    assertThat(seed.nodes()).extracting(Node::name).contains("server_all-1", "worker-3");
  }

  @Test
  void anOwnedNetworkAndItsRouterAreNamedInTheTitle() {
    // given
    Cluster owned = Seed.named("seed").dsl().externalNetwork("public").ownNetwork().build();

    // when
    String dot = TopologyGraph.of(owned).toDot();

    // then
    assertThat(dot).contains("label=\"cluster seed, network 10.0.0.0/16 (owned: seed-internal, router to public)\"");
    assertThat(TopologyGraph.of(seed).toDot()).doesNotContain("owned:");
  }

  @Test
  void theEdgesAreExactlyTheRulesTheEngineDerivesForTheSecurityGroups() {
    // given
    Set<String> rules = SecurityRules.of(seed).entrySet().stream()
        .flatMap(e -> e.getValue().stream().map(r -> e.getKey().name() + ": " + r.describe()))
        .collect(Collectors.toSet());

    // when
    List<Edge> edges = DotEdges.of(TopologyGraph.of(seed).toDot()).edges();

    // then
    assertThat(edges).extracting(Edge::rule).containsExactlyInAnyOrderElementsOf(rules);
    assertThat(rules).contains("broker: tcp 5672 from security-group/worker", "webserver: tcp 80 from 0.0.0.0/0",
        "controller: tcp 22 from 192.0.2.0/24", "database: tcp 22 from security-group/controller");
  }

  @Test
  void eachEdgeIsLabelledWithItsRulesPortAndProtocolAndSaysWhyInItsTooltip() {
    // given
    Map<String, RuleSpec> byId = SecurityRules.of(seed).entrySet().stream()
        .flatMap(e -> e.getValue().stream().map(r -> Map.entry(e.getKey().name() + ": " + r.describe(), r)))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    // when
    List<Edge> edges = DotEdges.of(TopologyGraph.of(seed).toDot()).edges();

    // then
    assertThat(edges).isNotEmpty().allSatisfy(edge -> {
      RuleSpec rule = byId.get(edge.rule());
      assertThat(edge.label()).endsWith(rule.portMin() + "/" + rule.protocol());
      assertThat(edge.attributes()).containsEntry("tooltip", rule.purpose());
    });
    assertThat(edges).filteredOn(e -> e.rule().equals("broker: tcp 5672 from security-group/worker"))
        .singleElement().extracting(Edge::label).isEqualTo("amqp 5672/tcp");
    assertThat(edges).filteredOn(e -> e.rule().equals("worker: tcp 22 from security-group/controller"))
        .singleElement().extracting(Edge::label).as("a port the service does not name").isEqualTo("22/tcp");
  }

  @Test
  void theOutsideWorldAndTheAdminNetworkReachThePublicEntriesFromBoxesOfTheirOwn() {
    // when
    String dot = TopologyGraph.of(seed).toDot();
    List<Edge> edges = DotEdges.of(dot).edges();

    // then
    assertThat(dot).contains("\"from 0.0.0.0/0\" [", "label=\"anyone\\n0.0.0.0/0\"",
        "\"from 192.0.2.0/24\" [", "label=\"admin network\\n192.0.2.0/24\"");
    assertThat(edges).filteredOn(e -> e.rule().equals("webserver: tcp 80 from 0.0.0.0/0")).singleElement()
        .satisfies(e -> assertThat(e.from() + " -> " + e.to())
            .isEqualTo("\"from 0.0.0.0/0\" -> \"vm webserver-1\":\"in webserver\""));
    assertThat(edges).filteredOn(e -> e.from().equals("\"from 192.0.2.0/24\"")).extracting(Edge::to)
        .containsOnly("\"vm controller-1\":\"in controller\"");
  }

  @Test
  void theJumpHostAndThePublicEntriesAreMarkedAndTheJumpHostsSshToEveryServiceDashed() {
    // when
    String dot = TopologyGraph.of(seed).toDot();

    // then
    assertThat(box(dot, "controller")).contains("<i>SSH jump host, public entry</i>");
    assertThat(box(dot, "webserver")).contains("<i>public entry</i>");
    assertThat(box(dot, "server_all")).doesNotContain("<i>");
    List<Edge> fromJumpHost = DotEdges.of(dot).edges().stream()
        .filter(e -> e.from().equals("\"vm controller-1\":\"out controller\"")).toList();
    assertThat(fromJumpHost).filteredOn(e -> e.label().endsWith(" 22/tcp") || e.label().equals("22/tcp"))
        .hasSize(SecurityRules.of(seed).size())
        .allSatisfy(e -> assertThat(e.attributes()).containsEntry("style", "dashed"));
    assertThat(fromJumpHost).filteredOn(e -> e.label().equals("app 8000/tcp")).singleElement()
        .satisfies(e -> assertThat(e.attributes()).doesNotContainKey("style"));
  }

  @Test
  void anEdgeFromARoleOnSeveralVmsStartsAtTheTableOfEveryVmOfItsHostKind() {
    // when
    String dot = TopologyGraph.of(seed).toDot();

    // then: the three workers are one table; server_all has one VM, so its edges end at that VM's row
    assertThat(box(dot, "worker")).contains("\"every VM of worker\" [label=<",
        ">worker-1 to worker-3</td>", ">10.0.100.1 to 10.0.100.3</td>");
    assertThat(box(dot, "server_all")).doesNotContain("every VM");
    assertThat(DotEdges.of(dot).edges())
        .filteredOn(e -> e.rule().equals("database: tcp 5984 from security-group/worker")).singleElement()
        .satisfies(e -> assertThat(e.from() + " -> " + e.to())
            .isEqualTo("\"every VM of worker\":\"out worker\" -> \"vm server_all-1\":\"in database\""));
  }

  @Test
  void oddTitlesAndPurposesAreEscapedInLabelsAndTooltips() {
    // given: a service of the user's with markup in its title (the DSL allows it) and, in its access's purpose,
    // quotes, a backslash, markup and a newline (a purpose is free text)
    Service odd = Service.builder("cache").title("cache <fast> & co")
        .port(ServicePort.tcp("cache", 6379))
        .openTo("appserver", "cache", "the \"app\" caches \\ <here> & there\nand more")
        .build();
    Cluster cluster = Seed.named("odd").onServerAll(odd).dsl().service(odd).build();

    // when
    String dot = TopologyGraph.of(cluster).toDot();

    // then
    assertThat(dot).contains("<font point-size=\"8\">cache &lt;fast&gt; &amp; co</font>")
        .contains("tooltip=\"the \\\"app\\\" caches \\\\ <here> & there\\nand more\"")
        .doesNotContain("<fast>", "\"app\" caches");
    assertThat(DotEdges.of(dot).edges()).extracting(Edge::rule)
        .contains("cache: tcp 6379 from security-group/appserver");
  }

  /** The subgraph of host kind {@code host}: from its opening line to its closing brace. */
  private static String box(String dot, String host) {
    int start = dot.indexOf("subgraph \"cluster host " + host + "\" {");
    assertThat(start).as("the box of host kind %s", host).isNotNegative();
    return dot.substring(start, dot.indexOf("\n  }\n", start));
  }
}
