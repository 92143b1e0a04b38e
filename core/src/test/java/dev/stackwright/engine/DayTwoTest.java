package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.fixtures.Seed;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.spi.NodeCommand;
import dev.stackwright.spi.NodeFile;
import dev.stackwright.spi.NodeUpdate;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Changes of the model after the first apply reach the running servers: the plan names what each node needs, the
 * in-memory cloud records what it was given, and the next plan is empty.
 */
class DayTwoTest {
  private static ResourceId server(String node) {
    return ResourceId.of(ResourceKind.SERVER, node);
  }

  private static Engine engine(InMemoryCloud cloud) {
    return Engine.builder().backend(cloud).renderer(Topologies.renderer()).build();
  }

  @Test
  void scalingAppServersReconfiguresTheLoadBalancerAndReloadsItsNginx() {
    // given
    Cluster one = Seed.named("grow").split().build();
    InMemoryCloud cloud = InMemoryCloud.forCluster(Seed.named("grow").split().role("appserver", a -> a.count(3))
        .build());
    Engine engine = engine(cloud);
    engine.apply(one);
    Cluster three = Seed.named("grow").split().role("appserver", a -> a.count(3)).build();

    // when
    Plan plan = engine.plan(three);

    // then
    Change web = plan.change(server("webserver-1")).orElseThrow();
    assertThat(web.action()).as(plan.render()).isEqualTo(Action.RECONFIGURE);
    assertThat(web.reason()).contains("/etc/nginx/sites-enabled/stackwright-webserver.conf").contains("reload nginx");
    assertThat(plan.summary()).contains("to reconfigure");
    assertThat(plan.isEmpty()).isFalse();
  }

  @Test
  void anAppliedScaleUpPushesTheUpstreamsAndThenPlansEmpty() {
    // given
    Cluster three = Seed.named("grow").split().role("appserver", a -> a.count(3)).build();
    InMemoryCloud cloud = InMemoryCloud.forCluster(three);
    Engine engine = engine(cloud);
    engine.apply(Seed.named("grow").split().build());

    // when
    ApplyResult result = engine.apply(three);

    // then
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    NodeUpdate web = cloud.nodeUpdates().stream().filter(u -> u.node().equals("webserver-1")).findFirst()
        .orElseThrow();
    assertThat(web.files()).extracting(NodeFile::path).contains("/etc/nginx/sites-enabled/stackwright-webserver.conf",
        "/etc/stackwright/manifest.sha256");
    assertThat(web.commands()).extracting(NodeCommand::name).contains("reload nginx");
    assertThat(web.via()).contains(server("controller-1"));
    assertThat(web.files().stream().filter(f -> f.path().endsWith("stackwright-webserver.conf")).findFirst()
        .orElseThrow().content()).contains("10.0.11.2").contains("10.0.11.3");
    Plan again = engine.plan(three);
    assertThat(again.isEmpty()).as(again.render()).isTrue();
    assertThat(again.drift()).isEmpty();
  }

  @Test
  void aNewApplicationVersionRedeploysEveryNodeThatRunsIt() {
    // given
    InMemoryCloud cloud = InMemoryCloud.forCluster(Seed.named("v").build());
    Engine engine = engine(cloud);
    engine.apply(Seed.named("v").build());
    Cluster bumped = Seed.named("v").version("v1.1").build();

    // when
    Plan plan = engine.plan(bumped);

    // then
    List<String> redeployed = plan.changes(c -> c.action() == Action.RECONFIGURE).stream()
        .map(c -> c.id().key()).toList();
    assertThat(redeployed).as(plan.render())
        .containsExactlyInAnyOrder("server_all-1", "worker-1", "worker-2", "worker-3");
    assertThat(plan.change(server("worker-2")).orElseThrow().reason())
        .contains("application demo v1.0 -> v1.1 -> redeploy");
    assertThat(plan.render()).contains("Reconfigure:\n").contains(
        "  ~> worker-1..3: application demo v1.0 -> v1.1 -> redeploy, one at a time\n");
  }

  @Test
  void aRedeployFetchesMigratesAndRestartsTheApplicationsUnits() {
    // given
    InMemoryCloud cloud = InMemoryCloud.forCluster(Seed.named("v").build());
    Engine engine = engine(cloud);
    engine.apply(Seed.named("v").build());
    Cluster bumped = Seed.named("v").version("v1.1").build();

    // when
    ApplyResult result = engine.apply(bumped);

    // then
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    NodeUpdate all = cloud.nodeUpdates().stream().filter(u -> u.node().equals("server_all-1")).findFirst()
        .orElseThrow();
    List<String> names = all.commands().stream().map(NodeCommand::name).toList();
    assertThat(names).containsSubsequence("app-fetch", "app-migrate", "restart gunicorn");
    assertThat(all.command("app-fetch").orElseThrow().command()).contains("'v1.1'");
    assertThat(all.revert()).extracting(NodeCommand::name).doesNotContain("app-fetch", "app-migrate")
        .as("the previous commit back before the units restart").startsWith("app-restore");
    assertThat(all.command("app-fetch").orElseThrow().command()).startsWith("runuser -u 'demo' --");
    assertThat(all.checks()).isNotEmpty();
    assertThat(engine.plan(bumped).isEmpty()).isTrue();
  }

  @Test
  void movingTheBrokerOntoTheDatabasesVmRebuildsItAndSaysItDestroysData() {
    // given
    Cluster apart = Seed.named("move").brokerApart().build();
    InMemoryCloud cloud = InMemoryCloud.forCluster(apart);
    Engine engine = engine(cloud);
    engine.apply(apart);
    Cluster moved = Seed.named("move").build();

    // when
    Plan plan = engine.plan(moved);

    // then
    Change rebuild = plan.change(server("server_all-1")).orElseThrow(() -> new AssertionError(plan.render()));
    assertThat(rebuild.action()).as(plan.render()).isEqualTo(Action.REBUILD);
    assertThat(rebuild.reason()).contains("+broker").contains("rebuild keeps its port and addresses");
    assertThat(rebuild.destroysData()).as("server_all holds the database").isTrue();
    assertThat(plan.change(server("broker-1")).orElseThrow().action()).isEqualTo(Action.DELETE);
  }

  @Test
  void anAppliedMoveRebuildsInPlaceAndThenPlansEmpty() {
    // given
    Cluster apart = Seed.named("move").brokerApart().build();
    InMemoryCloud cloud = InMemoryCloud.forCluster(apart);
    Engine engine = Engine.builder().backend(cloud).renderer(Topologies.renderer()).allowDataLoss(true).build();
    engine.apply(apart);
    String cloudId = cloud.observe("move").get(server("server_all-1")).orElseThrow().cloudId();
    Cluster moved = Seed.named("move").build();

    // when
    ApplyResult result = engine.apply(moved);

    // then
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(cloud.rebuilds()).containsExactly(server("server_all-1"));
    assertThat(cloud.observe("move").get(server("server_all-1")).orElseThrow().cloudId()).isEqualTo(cloudId);
    assertThat(cloud.serverStatuses()).doesNotContainKey("broker-1");
    Plan again = engine.plan(moved);
    assertThat(again.isEmpty()).as(again.render()).isTrue();
  }

  @Test
  void aRebuildThatWipesDataIsRefusedBeforeAnyChangeUnlessAllowed() {
    // given
    Cluster apart = Seed.named("move").brokerApart().build();
    InMemoryCloud cloud = InMemoryCloud.forCluster(apart);
    Engine engine = engine(cloud);
    engine.apply(apart);
    int creates = cloud.calls("create");
    int deletes = cloud.calls("delete");

    // when
    Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> engine.apply(Seed.named("move").build()));

    // then
    assertThat(refused).isInstanceOf(dev.stackwright.StackwrightException.class)
        .hasMessageContaining("nothing was changed: server_all-1 would be rebuilt").hasMessageContaining(
            "--allow-data-loss");
    assertThat(cloud.rebuilds()).isEmpty();
    assertThat(cloud.calls("create")).isEqualTo(creates);
    assertThat(cloud.calls("delete")).isEqualTo(deletes);
    assertThat(cloud.serverStatuses()).containsKey("broker-1");
  }

  @Test
  void aRolloutGoesOneNodeOfAKindAtATimeAndStopsThatKindAtItsFirstFailure() {
    // given
    InMemoryCloud cloud = InMemoryCloud.forCluster(Seed.named("roll").build());
    Engine engine = engine(cloud);
    engine.apply(Seed.named("roll").build());
    cloud.inject(dev.stackwright.memory.Fault.on(dev.stackwright.memory.Fault.Kind.UNAVAILABLE, "reconfigure",
        server("worker-1"), 1));
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    Engine watched = Engine.builder().backend(cloud).renderer(Topologies.renderer()).listener(new ExecutionListener() {
      @Override
      public void started(Step step) {
        events.add("start " + step.id().key());
      }

      @Override
      public void skipped(Step step, String reason) {
        events.add("skip " + step.id().key());
      }
    }).build();

    // when
    ApplyResult result = watched.apply(Seed.named("roll").version("v1.1").build());

    // then
    assertThat(result.succeeded()).isFalse();
    assertThat(events).contains("start worker-1", "skip worker-2", "skip worker-3", "start server_all-1")
        .doesNotContain("start worker-2", "start worker-3");
    assertThat(cloud.nodeUpdates()).extracting(NodeUpdate::node).containsExactly("server_all-1");
    Plan next = engine.plan(Seed.named("roll").version("v1.1").build());
    assertThat(next.changes()).extracting(c -> c.id().key()).as("the next apply finishes the job")
        .containsExactlyInAnyOrder("worker-1", "worker-2", "worker-3");
  }

  @Test
  void theLoadBalancerIsReconfiguredOnceTheNewAppServersExist() {
    // given
    Cluster three = Seed.named("grow").split().role("appserver", a -> a.count(3)).build();
    InMemoryCloud cloud = InMemoryCloud.forCluster(three);
    engine(cloud).apply(Seed.named("grow").split().build());
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    Engine watched = Engine.builder().backend(cloud).renderer(Topologies.renderer()).listener(new ExecutionListener() {
      @Override
      public void started(Step step) {
        events.add("start " + step);
      }

      @Override
      public void finished(Step step, java.time.Duration elapsed) {
        events.add("end " + step);
      }
    }).build();

    // when
    watched.apply(three);

    // then
    assertThat(events).contains("start reconfigure server/webserver-1", "end create server/appserver-2",
        "end create server/appserver-3");
    assertThat(events.indexOf("start reconfigure server/webserver-1"))
        .isGreaterThan(events.indexOf("end create server/appserver-2"))
        .isGreaterThan(events.indexOf("end create server/appserver-3"));
  }

  @Test
  void aChangedSettingOfTheApplicationRestartsItsUnitsWithoutARedeploy() {
    // given
    Cluster three = Seed.named("grow").split().role("appserver", a -> a.count(3)).build();
    InMemoryCloud cloud = InMemoryCloud.forCluster(three);
    Engine engine = engine(cloud);
    engine.apply(Seed.named("grow").split().build());

    // when
    engine.apply(three);

    // then
    NodeUpdate worker = cloud.nodeUpdates().stream().filter(u -> u.node().equals("worker-1")).findFirst()
        .orElseThrow();
    assertThat(worker.files()).extracting(NodeFile::path).contains("/etc/stackwright/demo.env");
    assertThat(worker.commands()).extracting(NodeCommand::name).contains("restart celery")
        .doesNotContain("app-fetch", "app-migrate");
  }

  @Test
  void movingTheBrokerOntoAKindOfTwoVmsRebuildsThemOneAfterTheOther() {
    // given
    Cluster apart = Seed.named("two").brokerApart().serverAlls(2).build();
    InMemoryCloud cloud = InMemoryCloud.forCluster(apart);
    Engine engine = Engine.builder().backend(cloud).renderer(Topologies.renderer()).allowDataLoss(true).build();
    engine.apply(apart);
    Cluster moved = Seed.named("two").serverAlls(2).build();

    // when
    ApplyResult result = engine.apply(moved);

    // then
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(cloud.rebuilds()).containsExactly(server("server_all-1"), server("server_all-2"));
    assertThat(engine.plan(moved).isEmpty()).isTrue();
  }

  @Test
  void anAppServerScaledDownStaysWhenTheLoadBalancerCouldNotStopNamingIt() {
    // given
    Cluster three = Seed.named("shrink").split().role("appserver", a -> a.count(3)).build();
    InMemoryCloud cloud = InMemoryCloud.forCluster(three);
    Engine engine = engine(cloud);
    engine.apply(three);
    cloud.inject(dev.stackwright.memory.Fault.on(dev.stackwright.memory.Fault.Kind.UNAVAILABLE, "reconfigure",
        server("webserver-1"), 1));
    Cluster one = Seed.named("shrink").split().build();

    // when
    ApplyResult result = engine.apply(one);

    // then
    assertThat(result.succeeded()).isFalse();
    assertThat(cloud.serverStatuses()).containsKeys("appserver-2", "appserver-3");
    assertThat(engine.apply(one).succeeded()).as("the next apply finishes the job").isTrue();
    assertThat(cloud.serverStatuses()).doesNotContainKeys("appserver-2", "appserver-3");
  }

  @Test
  void newAppServersAreCheckedHealthyBeforeTheLoadBalancerNamesThem() {
    // given
    Cluster three = Seed.named("grow").split().role("appserver", a -> a.count(3)).build();
    InMemoryCloud cloud = InMemoryCloud.forCluster(three);
    Engine engine = engine(cloud);
    engine.apply(Seed.named("grow").split().build());

    // when
    engine.apply(three);

    // then
    List<String> order = cloud.nodeUpdates().stream().map(NodeUpdate::node).toList();
    NodeUpdate booted = cloud.nodeUpdates().get(order.indexOf("appserver-3"));
    assertThat(booted.files()).isEmpty();
    assertThat(booted.checks()).extracting(NodeCommand::name).startsWith("first-boot")
        .anyMatch(name -> name.startsWith("health-appserver-3"));
    assertThat(order.indexOf("appserver-2")).isNotNegative().isLessThan(order.indexOf("webserver-1"));
    assertThat(order.indexOf("appserver-3")).isNotNegative().isLessThan(order.indexOf("webserver-1"));
  }

  @Test
  void aRebuiltServerIsCheckedBeforeItCounts() {
    // given
    Cluster apart = Seed.named("move").brokerApart().build();
    InMemoryCloud cloud = InMemoryCloud.forCluster(apart);
    Engine engine = Engine.builder().backend(cloud).renderer(Topologies.renderer()).allowDataLoss(true).build();
    engine.apply(apart);

    // when
    engine.apply(Seed.named("move").build());

    // then
    assertThat(cloud.nodeUpdates()).filteredOn(u -> u.node().equals("server_all-1")).singleElement()
        .satisfies(u -> assertThat(u.checks()).extracting(NodeCommand::name).contains("first-boot"));
  }

  @Test
  void aChangedFileOfTheUsersOwnReloadsTheUnitItNames() {
    // given
    java.nio.file.Path templates = java.nio.file.Path.of("target", "day-two-templates");
    writeTemplate(templates, "one");
    Cluster seed = Seed.named("own").build();
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    engineWith(cloud, templates).apply(seed);
    writeTemplate(templates, "two");

    // when
    engineWith(cloud, templates).apply(seed);

    // then
    assertThat(cloud.nodeUpdates()).filteredOn(u -> u.node().startsWith("worker-")).hasSize(3)
        .allSatisfy(u -> assertThat(u.commands()).extracting(NodeCommand::name).containsExactly("reload myagent"));
  }

  private static Engine engineWith(InMemoryCloud cloud, java.nio.file.Path templates) {
    return Engine.builder().backend(cloud).renderer(dev.stackwright.render.Renderer.builder()
        .secrets(Topologies.secrets()).templateDirectory(templates)
        .addFile("worker", "/etc/myagent.conf", "myagent.conf.jinja", 0644, "root:root",
            dev.stackwright.model.OnChange.reload("myagent")).build()).build();
  }

  private static void writeTemplate(java.nio.file.Path dir, String text) {
    try {
      java.nio.file.Files.createDirectories(dir);
      java.nio.file.Files.writeString(dir.resolve("myagent.conf.jinja"), "level=" + text + "\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aClientPackageANewServiceGivesRunningNodesIsInstalledInPlaceNotByARebuild() {
    // given
    Cluster seed = Seed.named("pk").build();
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    Engine engine = engine(cloud);
    engine.apply(seed);
    dev.stackwright.model.Service cache = dev.stackwright.model.Service.builder("cache").title("cache")
        .packages("redis-server").clientPackages("python3-redis")
        .port(dev.stackwright.model.ServicePort.tcp("redis", 6379)).openTo("worker", "redis", "tasks cache").build();
    dev.stackwright.dsl.ClusterDsl withCache = Seed.named("pk").dsl();
    withCache.service(cache);
    withCache.role("cache").kind(cache).subnet("10.0.40").flavor("webserver");
    Cluster grown = withCache.build();

    // when
    Plan plan = engine.plan(grown);
    engine.apply(grown);

    // then
    assertThat(plan.changes(c -> c.action() == Action.REBUILD || c.action() == Action.REPLACE)).isEmpty();
    assertThat(plan.change(server("worker-1")).orElseThrow().reason()).contains("its packages changed -> install");
    NodeUpdate worker = cloud.nodeUpdates().stream().filter(u -> u.node().equals("worker-1")).findFirst()
        .orElseThrow();
    assertThat(worker.commands().get(0).name()).isEqualTo("install-packages");
    assertThat(worker.commands().get(0).command()).contains("'python3-redis'");
    assertThat(engine.plan(grown).isEmpty()).isTrue();
  }

  @Test
  void aNewVersionReachesTheWorkersOnlyOnceTheAppServerThatMigratesHasIt() {
    // given
    Cluster seed = Seed.named("lead").build();
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    engine(cloud).apply(seed);
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    Engine watched = Engine.builder().backend(cloud).renderer(Topologies.renderer()).listener(new ExecutionListener() {
      @Override
      public void started(Step step) {
        events.add("start " + step.id().key());
      }

      @Override
      public void finished(Step step, java.time.Duration elapsed) {
        events.add("end " + step.id().key());
      }
    }).build();

    // when
    watched.apply(Seed.named("lead").version("v1.1").build());

    // then
    assertThat(events).contains("end server_all-1", "start worker-1");
    assertThat(events.indexOf("start worker-1")).isGreaterThan(events.indexOf("end server_all-1"));
  }
}
