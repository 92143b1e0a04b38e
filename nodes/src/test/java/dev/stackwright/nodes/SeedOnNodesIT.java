package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Plan;
import dev.stackwright.engine.Topologies;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.SecretName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The seed booted for real on the nodes backend, once for the class: its user-data installs from the rig's mirror
 * and CouchDB repository, clones the demo app from the rig's git daemon, and the cluster answers at its own
 * addresses from inside the rig. The Python index is unreachable, so Flower is reported not installed.
 */
@Tag("integration")
class SeedOnNodesIT {
  private static final String NAME = "nodeseed";
  private static final Pattern TASK_ID = Pattern.compile("\"task_id\": \"([^\"]+)\"");
  private static final Cluster SEED = seed();
  private static TestRig rig;
  private static Engine engine;
  private static ApplyResult applied;
  private static final StringBuilder FIGURES = new StringBuilder();

  /** The seed ({@link Seed}), its sources pointed at the rig. */
  static Cluster seed() {
    ClusterDsl c = Seed.named(NAME).source("git://10.0.255.254/demo.git").dsl()
        // the admin connects from the rig's own side: the controller's pages are open to that range only
        .adminCidr("10.0.255.254/32");
    c.packageSources().unsignedDebianMirror("http://10.0.255.254/debian ./")
        .couchdbRepository("http://10.0.255.254/couchdb ./", "http://10.0.255.254/couchdb/keys.asc")
        // nothing answers there: Flower is not installed, and the node says why
        .pythonIndex("http://10.0.255.253/simple");
    return c.build();
  }

  @BeforeAll
  static void boot() throws IOException, InterruptedException {
    rig = TestRig.open(null, null, SEED);
    try {
      DemoRepo.publish(rig.gitRoot, "demo", "v1.0");
      engine = Engine.builder().backend(rig.nodes).renderer(Topologies.renderer())
          .serverGroupPolicy("soft-anti-affinity").build();
      long t0 = System.nanoTime();
      applied = engine.apply(SEED);
      figure("apply (from nothing, every server's systemd up): %.1f s", (System.nanoTime() - t0) / 1e9);
      NodesHealthWait.untilSettled(rig.nodes, NAME, t0, FIGURES);
      long total = 0;
      for (var e : NodesHealthWait.pssKib(RigHttp.cgroupParent(rig)).entrySet()) {
        figure("PSS of %s's processes: %d MiB", e.getKey(), e.getValue() / 1024);
        total += e.getValue();
      }
      figure("PSS of the six nodes: %d MiB", total / 1024);
    } catch (RuntimeException | IOException | InterruptedException | Error e) {
      close();
      throw e;
    }
  }

  @AfterAll
  static void close() throws IOException {
    if (rig != null) {
      try {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/seed-on-nodes-figures.txt"), FIGURES.toString());
      } finally {
        rig.close();
        rig = null;
      }
    }
  }

  @Test
  void everyNodeFinishedCloudInitWithoutErrorAndEveryServiceIsActive() {
    assertThat(applied.succeeded()).as(applied.summary()).isTrue();
    List<NodeHealth> health = rig.nodes.health(NAME);
    health.forEach(h -> System.out.println("[seed] " + h.summary()));
    assertThat(health).hasSize(6).allSatisfy(h -> {
      assertThat(h.failedSteps()).as(h.summary()).isEmpty();
      assertThat(h.cloudInit()).as(h.summary()).isEqualTo("done");
      assertThat(h.healthy()).as(h.summary()).isTrue();
    });
    NodeHealth controller = health.stream().filter(h -> h.server().startsWith("controller")).findFirst().orElseThrow();
    assertThat(controller.services().get("flower")).startsWith("not installed: ").contains("10.0.255.253");
    NodeHealth all = health.stream().filter(h -> h.server().startsWith("server_all")).findFirst().orElseThrow();
    assertThat(all.services()).containsEntry("couchdb", "active");
    assertThat(all.standIns()).singleElement().asString().contains("stand-in");
    // and the command line's report after apply says the same, the stand-in and Flower included
    assertThat(rig.nodes.serverReports(NAME)).hasSize(6)
        .anySatisfy(line -> assertThat(line).startsWith("server_all-1: cloud-init done").contains("stand-in"))
        .anySatisfy(line -> assertThat(line).startsWith("controller-1: ").contains("flower=not installed: "));
  }

  @Test
  void aRequestGoesThroughTheLoadBalancerToAWorkerAndTheDatabaseAndBack() throws InterruptedException {
    // when
    String enqueued = RigHttp.get(rig, "http://10.0.10.3/enqueue/", null).body();
    Matcher id = TASK_ID.matcher(enqueued);

    // then
    assertThat(id.find()).as("enqueue answered: %s", enqueued).isTrue();
    String result = "";
    for (int i = 0; i < 60 && !result.contains("\"SUCCESS\""); i++) {
      result = RigHttp.get(rig, "http://10.0.10.3/result/" + id.group(1) + "/", null).body();
      Thread.sleep(1000);
    }
    assertThat(result).contains("\"SUCCESS\"").contains("\"sum\": 5").contains("worker@worker-");
  }

  @Test
  void theControllerAnswersWithTheAdminsPasswordAndStaticFilesComeFromTheStaticServer() throws IOException {
    // given
    String admin = "admin:" + "test-secret-" + SecretName.builtIn().indexOf(SecretName.ADMIN_PASSWORD) + "-0123456789";

    // when
    RigHttp.Answer queues = RigHttp.get(rig, "http://10.0.0.1/rabbitmq/api/queues/%2F", admin);
    RigHttp.Answer login = RigHttp.get(rig, "http://10.0.0.1/admin/login/", admin);
    RigHttp.Answer noPassword = RigHttp.get(rig, "http://10.0.0.1/rabbitmq/api/queues/%2F", null);
    RigHttp.Answer hello = RigHttp.get(rig, "http://10.0.10.3/static/demo/hello.txt", null);

    // then
    assertThat(queues.status()).as(queues.body()).isEqualTo(200);
    assertThat(queues.body()).startsWith("[");
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    assertThat(login.body()).contains("Django administration");
    assertThat(noPassword.status()).isEqualTo(401);
    assertThat(hello.body()).isEqualTo(Files.readString(DemoRepo.DEMO.resolve("demo/static/demo/hello.txt")));
    assertThat(RigHttp.inNode(rig, "server_all", "grep", "-c", "GET /static/demo/hello.txt",
        "/var/log/nginx/access.log").output().strip()).isNotEqualTo("0");
  }

  @Test
  void aSecondPlanIsEmpty() {
    Plan again = engine.plan(SEED);
    assertThat(again.isEmpty()).as(again.toString()).isTrue();
  }

  static void figure(String format, Object... args) {
    String line = String.format(Locale.ROOT, format, args);
    System.out.println("[seed] " + line);
    FIGURES.append(line).append('\n');
  }
}
