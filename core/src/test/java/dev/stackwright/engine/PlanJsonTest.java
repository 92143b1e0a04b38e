package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.UserDataPolicy;
import dev.stackwright.render.SecretName;
import dev.stackwright.spi.Capabilities;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real plans on the in-memory cloud, written as JSON and checked against docs/schema/plan-v1.schema.json read
 * strictly (no field the schema does not document): a first plan, a converged one, day two with a reconfigure and a
 * rebuild, a destroy, drift of both kinds.
 */
class PlanJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Engine engine(InMemoryCloud cloud) {
    return Engine.builder().backend(cloud).renderer(Topologies.renderer()).build();
  }

  private static JsonNode valid(Plan plan) throws Exception {
    String json = plan.toJson();
    assertThat(PlanSchema.errors(json)).as(json).isEmpty();
    return JSON.readTree(json);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void theSeedsFirstPlanFollowsTheSchemaWithEveryFileAdded() throws Exception {
    // given
    Cluster seed = Seed.named("json").build();
    Engine engine = engine(InMemoryCloud.forCluster(seed));

    // when
    JsonNode doc = valid(engine.plan(seed));

    // then
    assertThat(doc.get("backend").asText()).isEqualTo("memory");
    assertThat(doc.get("summary").get("create").asInt()).isEqualTo(engine.plan(seed).count(Action.CREATE));
    assertThat(doc.get("files")).isNotEmpty().allSatisfy(f -> assertThat(f.get("status").asText()).isEqualTo("added"));
    JsonNode hosts = findFile(doc, "controller-1", "/etc/hosts");
    assertThat(hosts.get("secret").asBoolean()).isFalse();
    assertThat(hosts.get("linesAdded").asInt()).isPositive();
  }

  private static JsonNode findFile(JsonNode doc, String node, String path) {
    for (JsonNode f : doc.get("files")) {
      if (f.get("node").asText().equals(node) && f.get("path").asText().equals(path)) {
        return f;
      }
    }
    throw new AssertionError("no " + node + ":" + path + " in " + doc.get("files"));
  }

  @Test
  void aConvergedPlanFollowsTheSchemaAndIsEmpty() throws Exception {
    // given
    Cluster seed = Seed.named("json").build();
    Engine engine = engine(InMemoryCloud.forCluster(seed));
    engine.apply(seed);

    // when
    JsonNode doc = valid(engine.plan(seed));

    // then
    assertThat(doc.get("empty").asBoolean()).isTrue();
    assertThat(doc.get("pending").asBoolean()).isFalse();
    assertThat(doc.get("changes")).isEmpty();
    assertThat(doc.get("files")).isEmpty();
    assertThat(doc.get("summary").get("unchanged").asInt()).isPositive();
  }

  @Test
  void aReconfigureNamesItsNodesFilesCommandsAndChecks() throws Exception {
    // given
    Cluster one = Seed.named("grow").split().build();
    Cluster three = Seed.named("grow").split().role("appserver", a -> a.count(3)).build();
    Engine engine = engine(InMemoryCloud.forCluster(three));
    engine.apply(one);

    // when
    JsonNode doc = valid(engine.plan(three));

    // then
    JsonNode web = change(doc, "server/webserver-1");
    assertThat(web.get("action").asText()).isEqualTo("reconfigure");
    assertThat(texts(web.get("changedPaths"))).contains("/etc/nginx/sites-enabled/stackwright-webserver.conf");
    JsonNode node = web.get("node");
    assertThat(texts(node.get("files"))).contains("/etc/nginx/sites-enabled/stackwright-webserver.conf",
        "/etc/stackwright/manifest.sha256");
    assertThat(texts(node.get("commands"))).contains("reload nginx");
    assertThat(node.get("checks")).isNotEmpty();
    assertThat(node.get("via").asText()).isEqualTo("server/controller-1");
    assertThat(findFile(doc, "webserver-1", "/etc/nginx/sites-enabled/stackwright-webserver.conf")
        .get("status").asText()).isEqualTo("changed");
  }

  private static JsonNode change(JsonNode doc, String id) {
    for (JsonNode c : doc.get("changes")) {
      if (c.get("resource").get("id").asText().equals(id)) {
        return c;
      }
    }
    throw new AssertionError("no change of " + id + " in " + doc.get("changes"));
  }

  @Test
  void aRebuildSaysItBootsAndDestroysData() throws Exception {
    // given
    Cluster apart = Seed.named("move").brokerApart().build();
    Engine engine = engine(InMemoryCloud.forCluster(apart));
    engine.apply(apart);

    // when
    JsonNode doc = valid(engine.plan(Seed.named("move").build()));

    // then
    JsonNode rebuild = change(doc, "server/server_all-1");
    assertThat(rebuild.get("action").asText()).isEqualTo("rebuild");
    assertThat(rebuild.get("destroysData").asBoolean()).isTrue();
    assertThat(rebuild.get("node").get("boots").asBoolean()).isTrue();
    assertThat(texts(rebuild.get("node").get("checks"))).startsWith("first-boot");
    assertThat(change(doc, "server/broker-1").get("action").asText()).isEqualTo("delete");
    assertThat(doc.get("destroysData").asBoolean()).isTrue();
  }

  @Test
  void aDestroyPlanFollowsTheSchemaWithOnlyDeletes() throws Exception {
    // given
    Cluster seed = Seed.named("json").build();
    Engine engine = engine(InMemoryCloud.forCluster(seed));
    engine.apply(seed);

    // when
    JsonNode doc = valid(engine.destroyPlan("json"));

    // then
    assertThat(doc.get("changes")).isNotEmpty()
        .allSatisfy(c -> assertThat(c.get("action").asText()).isEqualTo("delete"));
    assertThat(doc.get("summary").get("delete").asInt()).isEqualTo(doc.get("changes").size());
  }

  @Test
  void anOwnedNetworksPlanFollowsTheSchemaWithItsNewKinds() throws Exception {
    // given
    Cluster owned = Seed.named("json").dsl().externalNetwork("public").ownNetwork().build();
    Engine engine = engine(InMemoryCloud.forCluster(owned));

    // when
    JsonNode doc = valid(engine.plan(owned));

    // then
    List<String> kinds = new ArrayList<>();
    doc.get("changes").forEach(c -> kinds.add(c.get("resource").get("kind").asText()));
    assertThat(kinds).contains("network", "subnet", "router");
  }

  @Test
  void aDestroyKeepingAnOwnedNetworkFollowsTheSchemaWithItsConflict() throws Exception {
    // given
    Cluster owned = Seed.named("json").dsl().ownNetwork().build();
    InMemoryCloud cloud = InMemoryCloud.forCluster(owned);
    engine(cloud).apply(owned);
    cloud.addForeignPort("their-probe", "json-internal", "10.0.200.5");

    // when
    JsonNode doc = valid(engine(cloud).destroyPlan("json"));

    // then
    assertThat(doc.get("conflicts")).singleElement()
        .satisfies(c -> assertThat(c.toString()).contains("network/internal").contains("their-probe"));
  }

  @Test
  void driftAHostKeepsByPolicyIsKeptByPolicyAndNotPending() throws Exception {
    // given
    Engine engine = engine(InMemoryCloud.forCluster(Topologies.seed("drift")));
    engine.apply(Topologies.seed("drift", 3, w -> w.processes(2).onUserDataChange(UserDataPolicy.REPORT_DRIFT)));

    // when
    JsonNode doc = valid(engine.plan(Topologies.seed("drift", 3,
        w -> w.processes(4).onUserDataChange(UserDataPolicy.REPORT_DRIFT))));

    // then
    assertThat(doc.get("drift")).isNotEmpty()
        .allSatisfy(d -> assertThat(d.get("status").asText()).isEqualTo("kept-by-policy"));
    assertThat(doc.get("summary").get("notDelivered").asInt()).isZero();
  }

  @Test
  void driftABackendCannotDeliverIsNotDeliveredAndPending() throws Exception {
    // given
    Cluster seed = Topologies.seed("drift");
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    engine(cloud).apply(Topologies.seed("drift", 3, w -> w.processes(2)));
    Engine recordOnly = Engine.builder().renderer(Topologies.renderer()).backend(new CountingBackend(cloud) {
      @Override
      public Capabilities capabilities() {
        return Capabilities.full(4); // no node operations: changed files cannot reach a running server
      }
    }).build();

    // when
    JsonNode doc = valid(recordOnly.plan(Topologies.seed("drift", 3, w -> w.processes(4))));

    // then
    assertThat(doc.get("drift")).isNotEmpty()
        .allSatisfy(d -> assertThat(d.get("status").asText()).isEqualTo("not-delivered"));
    assertThat(doc.get("pending").asBoolean()).isTrue();
    assertThat(doc.get("summary").get("notDelivered").asInt()).isEqualTo(doc.get("drift").size());
  }

  @Test
  void theJsonHoldsNoSecretsValue() {
    // given
    Cluster seed = Seed.named("json").build();
    Engine engine = engine(InMemoryCloud.forCluster(seed));

    // when
    // tag::to-json[]
    Plan plan = engine.plan(seed);
    String json = plan.toJson(); // follows docs/schema/plan-v1.schema.json; no secret, no file's content
    // end::to-json[]

    // then
    for (SecretName name : SecretName.builtIn()) {
      assertThat(json).doesNotContain(Topologies.secrets().find(name).orElseThrow().reveal());
    }
  }

  @Test
  void aDocumentTheSchemaRefusesIsCaught() throws Exception {
    // given: a real plan's JSON with an action the schema does not know and its summary left out
    Cluster seed = Seed.named("json").build();
    String json = engine(InMemoryCloud.forCluster(seed)).plan(seed).toJson()
        .replaceFirst("\"action\": \"create\"", "\"action\": \"explode\"").replace("\"summary\":", "\"summery\":");

    // when
    List<com.networknt.schema.Error> errors = PlanSchema.errors(json);

    // then
    assertThat(errors).extracting(Object::toString)
        .anySatisfy(m -> assertThat(m).contains("required property 'summary' not found"))
        .anySatisfy(m -> assertThat(m).contains("/changes/0/action").contains("enumeration"));
  }

  @Test
  void countedLinesAreRefusedForAFileThePlanDoesNotChange() {
    // given
    Cluster seed = Seed.named("json").build();
    Plan plan = engine(InMemoryCloud.forCluster(seed)).plan(seed);
    FileChange stranger = new FileChange("nowhere-1", "/etc/hosts", java.util.Optional.of("0123456789ab"),
        java.util.Optional.of("ba9876543210"), false, java.util.OptionalInt.empty(), java.util.OptionalInt.empty());

    // when / then
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> plan.withFileChanges(List.of(stranger.withLines(1, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nowhere-1:/etc/hosts is not a file this plan changes from 0123456789ab to ba9876543210");
  }

  @Test
  void theSchemaIsADraft202012Schema() {
    // when
    List<com.networknt.schema.Error> errors = PlanSchema.metaErrors();

    // then
    assertThat(errors).isEmpty();
    assertThat(PlanSchema.tree().get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  @Test
  void theSchemaAllowsFieldsALaterVersionOneAdds() throws Exception {
    // given
    Cluster seed = Seed.named("json").build();
    String json = engine(InMemoryCloud.forCluster(seed)).plan(seed).toJson()
        .replaceFirst("\\{", "{\n  \"addedLater\": true,");

    // when
    var errors = PlanSchema.asWritten().validate(json, com.networknt.schema.InputFormat.JSON);

    // then
    assertThat(errors).isEmpty();
  }
}
