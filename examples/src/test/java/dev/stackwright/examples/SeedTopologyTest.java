package dev.stackwright.examples;

import dev.stackwright.engine.Action;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Plan;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretSource;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.testing.PlanAssert;
import dev.stackwright.testing.RenderedAssert;
import org.junit.jupiter.api.Test;

/**
 * The seed's topology tests as a user writes them with {@code dev.stackwright.testing} (docs/testing.md quotes them):
 * the first plan, the rendered files, and a day-two plan.
 */
class SeedTopologyTest {
  // tag::setup[]
  private final Cluster cluster = SeedCluster.build();
  private final Renderer renderer = Renderer.builder().secrets(SecretSource.forTests()).build();
  // end::setup[]

  /** The seed with {@code workers} workers, as a user's own definition with a parameter would give it. */
  private static Cluster seedWith(int workers) {
    return Seed.named("seed").role("worker", w -> w.count(workers)).build();
  }

  @Test
  void theFirstPlanMakesTheSeedBehindItsFirewall() {
    // tag::first-plan[]
    Plan plan = Engine.builder().backend(InMemoryCloud.forCluster(cluster)).renderer(renderer).build().plan(cluster);

    PlanAssert.assertThat(plan)
        .creates(6, ResourceKind.SERVER)
        .createsServer("worker-1").withFlavor("hpc").withImage("debian-12").inServerGroup("worker").and()
        .createsPort("server_all-1").withAddress("10.0.20.1").inSecurityGroups("database", "broker").and()
        .opens(5984).from("appserver").to("database").and()
        .opens(80).from("203.0.113.0/24").to("webserver").and()
        .noRuleOpens(5984, "0.0.0.0/0")
        .noRuleOpens(6379)
        .destroysNoData();
    // end::first-plan[]
  }

  @Test
  void theFilesSayWhatEachNodeDoes() {
    // tag::rendered[]
    RenderedCluster rendered = renderer.render(cluster);

    RenderedAssert.assertThat(rendered)
        .node("webserver-1")
            .file("/etc/nginx/sites-enabled/stackwright-webserver.conf")
                .containsLine("server 10.0.11.1:8000 max_fails=3 fail_timeout=10s;  # appserver-1 on server_all-1")
                .isNotSecret().hasMode(0644)
            .and()
            .file("/etc/hosts").matches("^10\\.0\\.20\\.1\\s+database-1 database$")
        .and()
        .node("server_all-1")
            .file("/etc/stackwright/demo.env").isSecret().hasMode(0600).hasOwner("root", "root");
    // end::rendered[]
  }

  @Test
  void oneMoreWorkerIsOnePortOneServerAndTheOtherNodesReconfigured() {
    // tag::day-two[]
    InMemoryCloud cloud = InMemoryCloud.forCluster(seedWith(4));
    Engine engine = Engine.builder().backend(cloud).renderer(renderer).build();
    engine.apply(seedWith(3));

    PlanAssert.assertThat(engine.plan(seedWith(4)))
        .creates("port/worker-4", "server/worker-4")
        .change("server/webserver-1").hasAction(Action.RECONFIGURE).changesFiles("/etc/hosts").and()
        .reconfigures("controller-1", "server_all-1", "worker-1", "worker-2", "worker-3")
        .hasNoDrift()
        .hasNoOtherChanges();
    // end::day-two[]
  }
}
