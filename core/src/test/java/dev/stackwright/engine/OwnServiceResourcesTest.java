package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import dev.stackwright.render.StandInRendering;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the engine makes of a service of the user's own, from its descriptor alone: its security group and rules, the
 * ports in it, whether replacing its node loses data; and the in-memory cloud applying it. The files are a stand-in
 * rendering ({@link StandInRendering}): what resources a cluster needs does not depend on them.
 */
class OwnServiceResourcesTest {
  private static final ResourceId REDIS_GROUP = ResourceId.of(ResourceKind.SECURITY_GROUP, "redis");

  /** A Redis cache the app servers and the workers use. */
  private static Service.Builder redis() {
    return Service.builder("redis").title("Redis cache").packages("redis-server")
        .port(ServicePort.tcp("redis", 6379))
        .openTo("appserver", "redis", "the app caches in Redis")
        .openTo("worker", "redis", "tasks cache in Redis");
  }

  /** The seed with three workers and {@code redis} on a VM of its own of flavour {@code flavor}. */
  private static Cluster seedWith(Service redis, String flavor) {
    ClusterDsl dsl = Topologies.seedDsl("cache");
    dsl.role("worker").count(3).flavor("hpc").subnet("10.0.100");
    dsl.service(redis);
    dsl.role("redis").subnet("10.0.40").flavor(flavor);
    return dsl.build();
  }

  private static DesiredState desired(Cluster cluster) {
    return ClusterResources.derive(cluster, StandInRendering.of(cluster), Optional.empty(), Map.of(), Set.of());
  }

  private static <T extends ResourceSpec> T spec(DesiredState desired, ResourceId id, Class<T> type) {
    return desired.resources().stream().filter(r -> r.id().equals(id)).map(type::cast).findFirst().orElseThrow();
  }

  @Test
  void itsGroupOpensItsPortOnlyToTheServicesItsAccessesNameAndSshToTheController() {
    // given
    Cluster cluster = seedWith(redis().build(), "webserver");

    // when
    SecurityGroupSpec group = spec(desired(cluster), REDIS_GROUP, SecurityGroupSpec.class);

    // then
    assertThat(group.name()).isEqualTo("cache-redis");
    assertThat(group.description()).contains("Redis cache");
    assertThat(group.rules()).extracting(RuleSpec::describe).containsExactlyInAnyOrder(
        "tcp 6379 from security-group/appserver", "tcp 6379 from security-group/worker",
        "tcp 22 from security-group/controller");
  }

  @Test
  void aNodeThatCarriesItSharingAHostIsInItsGroupBesideTheOthers() {
    // given redis on server_all, beside the app server, static files, broker and database
    ClusterDsl dsl = Topologies.seedDsl("cache");
    dsl.service(redis().build());
    dsl.role("redis").subnet("10.0.40");
    dsl.host("cachehost").flavor("server_all").carries("redis", "worker");
    dsl.role("worker").subnet("10.0.100");
    Cluster cluster = dsl.build();

    // when
    PortSpec port = spec(desired(cluster), ResourceId.of(ResourceKind.PORT, "cachehost-1"), PortSpec.class);

    // then
    assertThat(port.securityGroups()).containsExactlyInAnyOrder(REDIS_GROUP,
        ResourceId.of(ResourceKind.SECURITY_GROUP, "worker"));
  }

  @Test
  void theInMemoryCloudAppliesItAndThenPlansNothing() {
    // given
    Cluster cluster = seedWith(redis().build(), "webserver");
    InMemoryCloud cloud = InMemoryCloud.forCluster(cluster);

    // when
    ApplyResult result = apply(cloud, cluster);

    // then
    assertThat(result.succeeded()).as(result.toString()).isTrue();
    assertThat(cloud.observe("cache").get(REDIS_GROUP)).isPresent();
    assertThat(plan(cloud, cluster).isEmpty()).as(plan(cloud, cluster).render()).isTrue();
  }

  @Test
  void replacingTheNodeOfAServiceThatHoldsDataIsFlaggedAsDestroyingData() {
    // given
    InMemoryCloud cloud = InMemoryCloud.forCluster(seedWith(redis().build(), "server_all"));
    apply(cloud, seedWith(redis().holdsData(true).build(), "webserver"));

    // when its VM changes flavour, which replaces it
    Plan plan = plan(cloud, seedWith(redis().holdsData(true).build(), "server_all"));

    // then
    Change change = plan.change(ResourceId.of(ResourceKind.SERVER, "redis-1")).orElseThrow();
    assertThat(change.action()).isEqualTo(Action.REPLACE);
    assertThat(change.destroysData()).isTrue();
  }

  @Test
  void replacingTheNodeOfAServiceWithoutDataIsNotFlagged() {
    // given
    InMemoryCloud cloud = InMemoryCloud.forCluster(seedWith(redis().build(), "server_all"));
    apply(cloud, seedWith(redis().build(), "webserver"));

    // when
    Plan plan = plan(cloud, seedWith(redis().build(), "server_all"));

    // then
    Change change = plan.change(ResourceId.of(ResourceKind.SERVER, "redis-1")).orElseThrow();
    assertThat(change.action()).isEqualTo(Action.REPLACE);
    assertThat(change.destroysData()).isFalse();
  }

  @Test
  void aServerOfAServiceTheModelNoLongerHasCountsAsHoldingData() {
    // given a Redis without data applied, then dropped from the model
    InMemoryCloud cloud = InMemoryCloud.forCluster(seedWith(redis().build(), "webserver"));
    apply(cloud, seedWith(redis().build(), "webserver"));
    Cluster without = Topologies.seed("cache");

    // when
    Plan plan = plan(cloud, without);

    // then the engine cannot tell what it held: the safe side
    Change change = plan.change(ResourceId.of(ResourceKind.SERVER, "redis-1")).orElseThrow();
    assertThat(change.action()).isEqualTo(Action.DELETE);
    assertThat(change.destroysData()).isTrue();
  }

  private static Plan plan(InMemoryCloud cloud, Cluster cluster) {
    return Planner.plan(desired(cluster), cloud.observe(cluster.name()), cloud.capabilities());
  }

  private static ApplyResult apply(InMemoryCloud cloud, Cluster cluster) {
    Observation observed = cloud.observe(cluster.name());
    DesiredState desired = desired(cluster);
    Plan plan = Planner.plan(desired, observed, cloud.capabilities());
    return new Executor(cloud, 4, ExecutionListener.NONE, (spec, live) -> spec).run(plan, observed,
        desired.userDataAfterPorts(), Set.of());
  }
}
