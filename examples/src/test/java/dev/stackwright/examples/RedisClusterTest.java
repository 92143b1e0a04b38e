package dev.stackwright.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Plan;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.testing.PlanAssert;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Redis example as stackwright sees it: who may reach the cache (planned on the in-memory cloud) and the setting
 * the application gets from it.
 */
class RedisClusterTest {
  private static final String APP_ENV = "/etc/stackwright/demo.env";

  private final Cluster cluster = RedisCluster.build();

  @Test
  void theCacheRunsOnAVmOfItsOwnInItsOwnBlock() {
    // when
    Node cache = cluster.nodesWith(RedisCluster.redis()).get(0);

    // then
    assertThat(cache.name()).isEqualTo("redis-1");
    assertThat(cache.flavor().name()).isEqualTo("cache");
    assertThat(cache.roles()).hasSize(1);
    assertThat(cache.primaryAddress().toString()).isEqualTo("10.0.40.1");
  }

  @Test
  void onServerAllTheCacheSharesTheSeedsServerAllAndTheRestIsTheExample() {
    // when
    Cluster shared = RedisCluster.defineOnServerAll().build();

    // then
    Node cache = shared.nodesWith(RedisCluster.redis()).get(0);
    assertThat(cache.roles()).hasSize(5);
    assertThat(cache.flavor().name()).isEqualTo("server_all");
    assertThat(shared.roles().stream().filter(r -> !r.name().equals("redis")))
        .containsExactlyInAnyOrderElementsOf(cluster.roles().stream().filter(r -> !r.name().equals("redis")).toList());
    assertThat(shared.role("redis").orElseThrow().block()).isEqualTo(cluster.role("redis").orElseThrow().block());
  }

  @Test
  void the6379RulesAdmitTheAppServersAndWorkersOnlyAndNoOtherGroupOpensIt() {
    // when
    Plan plan = Engine.builder().backend(InMemoryCloud.forCluster(cluster)).renderer(Renderer.builder()
        .secrets(SecretSource.forTests()).build()).build().plan(cluster);

    // then
    List<SecurityGroupSpec> groups = plan.changes().stream().flatMap(c -> c.desired().stream())
        .filter(SecurityGroupSpec.class::isInstance).map(SecurityGroupSpec.class::cast).toList();
    SecurityGroupSpec redis = groups.stream().filter(g -> g.id().toString().equals("security-group/redis"))
        .findFirst().orElseThrow(() -> new AssertionError("no security group for redis in " + groups));
    // tag::rules[]
    assertThat(redis.rules()).extracting(RuleSpec::describe).containsExactlyInAnyOrder(
        "tcp 6379 from security-group/appserver",
        "tcp 6379 from security-group/worker",
        "tcp 22 from security-group/controller");
    // end::rules[]
    assertThat(groups).filteredOn(g -> g != redis).flatExtracting(SecurityGroupSpec::rules)
        .noneMatch(r -> r.portMin() <= 6379 && 6379 <= r.portMax());
    PlanAssert.assertThat(plan).noRuleOpens(6379, "0.0.0.0/0");
  }

  @Test
  void theAppsEnvFileOnAppServersAndWorkersHasTheCachesUrlWithItsPasswordAndIsSecret() {
    // given
    RenderedCluster files = render(cluster);
    String password = SecretSource.forTests().find(SecretName.of("redis_password", 32)).orElseThrow().reveal();
    String url = "CACHE_URL=\"redis://:" + password + "@10.0.40.1:6379/0\"";

    // when
    List<String> nodes = appNodes(cluster).toList();

    // then
    assertThat(password).hasSize(32);
    assertThat(nodes).containsExactly("server_all-1", "worker-1", "worker-2", "worker-3");
    assertThat(nodes).allSatisfy(n -> assertThat(files.file(n, APP_ENV).orElseThrow().content()).contains(url));
    assertThat(nodes).allSatisfy(n -> assertThat(files.file(n, APP_ENV).orElseThrow().secret()).isTrue());
  }

  @Test
  void theSeedsEnvFileHasNoCacheUrl() {
    // given
    Cluster seed = SeedCluster.build();

    // when
    RenderedCluster files = render(seed);

    // then
    assertThat(appNodes(seed)).isNotEmpty().allSatisfy(n -> assertThat(files.file(n, APP_ENV).orElseThrow()
        .content()).doesNotContain("CACHE_URL"));
  }

  @Test
  void theClientLibraryIsInstalledWhereTheAppReachesTheCacheAndNowhereElse() {
    // given
    RenderedCluster files = render(cluster);
    List<String> clients = appNodes(cluster).toList();

    // when
    List<String> withLibrary = cluster.nodes().stream().map(Node::name)
        .filter(n -> files.userData(n).lines().anyMatch(l -> l.strip().equals("- python3-redis"))).toList();

    // then
    assertThat(withLibrary).containsExactlyElementsOf(clients);
  }

  /** The nodes with an app server or a worker, whose app reaches the cache. */
  private static Stream<String> appNodes(Cluster c) {
    return c.nodes().stream().filter(n -> n.has(BuiltInServices.APPSERVER) || n.has(BuiltInServices.WORKER))
        .map(Node::name);
  }

  private static RenderedCluster render(Cluster c) {
    return Renderer.builder().secrets(SecretSource.forTests()).build().render(c);
  }
}
