package dev.stackwright.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.engine.Action;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Plan;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.UserDataPolicy;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.ServerSpec;
import org.junit.jupiter.api.Test;

/** The plan assertions past creates: deletes, replaces, day two, no other changes, drift, rules and spec fields. */
class PlanAssertTest {
  private static final Renderer RENDERER = Renderer.builder().secrets(SecretSource.forTests()).build();
  private final Plan first = engine(InMemoryCloud.forCluster(Seed.named("pa").build())).plan(Seed.named("pa").build());

  private static Engine engine(InMemoryCloud cloud) {
    return Engine.builder().backend(cloud).renderer(RENDERER).build();
  }

  /** The plan of {@code after} on a cloud where {@code before} was applied. */
  private static Plan dayTwo(Seed before, Seed after) {
    InMemoryCloud cloud = InMemoryCloud.forCluster(after.build());
    engine(cloud).apply(before.build());
    return engine(cloud).plan(after.build());
  }

  private static Plan twoWorkersAfterThree() {
    return dayTwo(Seed.named("pa"), Seed.named("pa").role("worker", w -> w.count(2)));
  }

  @Test
  void aScaleDownIsDeletesAndReconfiguresAndNothingElse() {
    assertThatCode(() -> PlanAssert.assertThat(twoWorkersAfterThree())
        .deletes("server/worker-3", "port/worker-3")
        .reconfigures("controller-1", "webserver-1", "server_all-1", "worker-1", "worker-2")
        .hasNoOtherChanges()).doesNotThrowAnyException();
  }

  @Test
  void aDeleteOfWhatThePlanDoesNotTouchNamesTheNearestChange() {
    assertThatThrownBy(() -> PlanAssert.assertThat(twoWorkersAfterThree()).deletes("server/worker-4"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected the plan to delete server/worker-4 but the plan has no change of"
            + " server/worker-4; nearest: - delete server/worker-3")
        .hasMessageContaining("the plan's ");
  }

  @Test
  void theWrongActionSaysWhatThePlanDoesInstead() {
    assertThatThrownBy(() -> PlanAssert.assertThat(twoWorkersAfterThree()).replaces("server/worker-3"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected the plan to replace server/worker-3 but it will delete it");
  }

  @Test
  void hasNoOtherChangesListsEveryChangeNotMatchedBefore() {
    assertThatThrownBy(() -> PlanAssert.assertThat(first).creates(6, ResourceKind.SERVER).hasNoOtherChanges())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("expected no other changes but the plan has 16 more:")
        .hasMessageContaining("+ create port/worker-1").hasMessageNotContaining("+ create server/worker-1");
  }

  @Test
  void anotherFlavourReplacesTheServers() {
    Plan plan = dayTwo(Seed.named("pa"), Seed.named("pa").role("worker", w -> w.flavor("webserver")));
    assertThatCode(() -> PlanAssert.assertThat(plan).replaces("server/worker-1", "server/worker-2", "server/worker-3")
        .change("server/worker-1").because("flavour").destroysNoData().and().hasNoOtherChanges())
        .doesNotThrowAnyException();
  }

  @Test
  void anExtraRuleUpdatesTheGroupInPlace() {
    InMemoryCloud cloud = InMemoryCloud.forCluster(Seed.named("pa").build());
    engine(cloud).apply(Seed.named("pa").build());
    Plan plan = Engine.builder().backend(cloud).renderer(RENDERER)
        .rule(BuiltInServices.WORKER, RuleSpec.tcpFrom(9100, "192.0.2.0/24", "node exporter")).build()
        .plan(Seed.named("pa").build());
    assertThatCode(() -> PlanAssert.assertThat(plan).updates("security-group/worker")
        .change("security-group/worker").hasAction(Action.UPDATE).because("9100").and().hasNoOtherChanges()
        .opens(9100).from("192.0.2.0/24").to("worker")).doesNotThrowAnyException();
  }

  @Test
  void aServiceMovedOntoAVmRebuildsItAndSaysItDestroysData() {
    Plan plan = dayTwo(Seed.named("pa").brokerApart(), Seed.named("pa"));
    assertThatCode(() -> PlanAssert.assertThat(plan).rebuilds("server_all-1").deletes("server/broker-1")
        .change("server/server_all-1").destroysData().because("+broker")).doesNotThrowAnyException();
    assertThatThrownBy(() -> PlanAssert.assertThat(plan).destroysNoData()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("server/server_all-1");
  }

  @Test
  void aReconfigureNamesTheFilesItChanges() {
    Plan plan = dayTwo(Seed.named("pa"), Seed.named("pa").role("worker", w -> w.count(2)));
    assertThatCode(() -> PlanAssert.assertThat(plan).change("server/webserver-1").hasAction(Action.RECONFIGURE)
        .changesFiles("/etc/hosts")).doesNotThrowAnyException();
    assertThatThrownBy(() -> PlanAssert.assertThat(plan).change("server/webserver-1").changesFiles("/etc/host"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected server/webserver-1 to change /etc/host but it has no such file (nearest:"
            + " /etc/hosts)");
  }

  @Test
  void driftKeptByAHostsPolicyIsAssertedAsSuch() {
    Plan plan = dayTwo(Seed.named("pa").role("worker", w -> w.onUserDataChange(UserDataPolicy.REPORT_DRIFT)),
        Seed.named("pa").role("worker", w -> w.count(4).onUserDataChange(UserDataPolicy.REPORT_DRIFT)));
    assertThatCode(() -> PlanAssert.assertThat(plan).hasDrift("worker-1").keptByPolicy().because("/etc/hosts"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> PlanAssert.assertThat(plan).hasDrift("worker-1").notDelivered())
        .isInstanceOf(AssertionError.class).hasMessageContaining("its host's policy keeps it");
  }

  @Test
  void hasNoDriftFailsListingTheDrift() {
    Plan plan = dayTwo(Seed.named("pa").role("worker", w -> w.onUserDataChange(UserDataPolicy.REPORT_DRIFT)),
        Seed.named("pa").role("worker", w -> w.count(4).onUserDataChange(UserDataPolicy.REPORT_DRIFT)));
    assertThatThrownBy(() -> PlanAssert.assertThat(plan).hasNoDrift()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected no drift but the plan keeps 3")
        .hasMessageContaining("! drift server/worker-2").hasMessageContaining("(kept by policy)");
  }

  @Test
  void aRuleFromTheRightServiceToTheRightGroupPasses() {
    assertThatCode(() -> PlanAssert.assertThat(first).opens(5984).from("appserver").to("database").and()
        .opens(80).from("203.0.113.0/24").to(BuiltInServices.WEBSERVER)).doesNotThrowAnyException();
  }

  @Test
  void aRuleFromAServiceThatHasNoneNamesTheRulesThatOpenThePortAndTheNearestSource() {
    assertThatThrownBy(() -> PlanAssert.assertThat(first).opens(5984).from("appservr"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected a rule to open 5984 from security-group/appservr but the rules that open"
            + " 5984 are:\n  security-group/database has tcp 5984 from security-group/appserver")
        .hasMessageContaining("nearest source: appserver");
  }

  @Test
  void noRuleOpensAPortThatTheDatabaseOpensFails() {
    assertThatThrownBy(() -> PlanAssert.assertThat(first).noRuleOpens(5984)).isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("expected no rule to open 5984 but security-group/database has tcp 5984 from");
    assertThatCode(() -> PlanAssert.assertThat(first).noRuleOpens(6379)).doesNotThrowAnyException();
  }

  @Test
  void aServersFieldsAreAssertedOneByOne() {
    assertThatCode(() -> PlanAssert.assertThat(first).createsServer("worker-1").withFlavor("hpc")
        .withImage("debian-12").inServerGroup("worker").withFile("/etc/conf.d/celery")
        .matches(s -> s.fileDigests().size() == 5, "boot with five files").and()
        .createsPort("server_all-1").withAddress("10.0.20.1").inSecurityGroups("database", "broker")
        .onNetwork("internal")).doesNotThrowAnyException();
  }

  @Test
  void aFieldThatDiffersShowsBothValues() {
    assertThatThrownBy(() -> PlanAssert.assertThat(first).createsServer("worker-1").withFlavor("webserver"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("expected server/worker-1 to have flavour webserver but it has hpc");
  }

  @Test
  void aServerThePlanDoesNotMakeNamesTheNearest() {
    assertThatThrownBy(() -> PlanAssert.assertThat(first).createsServer("worker-9"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("nearest: + create server/worker-");
  }

  @Test
  void aPredicateOnAnySpecShowsTheSpecButNeverTheUserDataOrASecret() {
    String secret = SecretSource.forTests().find(SecretName.ADMIN_PASSWORD).orElseThrow().reveal();
    assertThatThrownBy(() -> PlanAssert.assertThat(first).creates(ResourceKind.SERVER, "controller-1",
        s -> ((ServerSpec) s).flavor().equals("hpc")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected server/controller-1 to match the predicate but its spec is ServerSpec[")
        .hasMessageContaining("withheld").hasMessageNotContaining(secret);
    assertThatCode(() -> PlanAssert.assertThat(first).creates(ResourceKind.PORT, "worker-2",
        s -> ((PortSpec) s).fixedIps().size() == 1)).doesNotThrowAnyException();
  }

  @Test
  void anIdWithoutItsKindSaysHowToWriteIt() {
    assertThatThrownBy(() -> PlanAssert.assertThat(first).deletes("worker-3")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("\"worker-3\" is not a resource id").hasMessageContaining("write kind/key");
  }
}
