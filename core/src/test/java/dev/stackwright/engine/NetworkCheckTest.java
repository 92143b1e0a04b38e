package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.InvalidClusterException;
import dev.stackwright.Problem;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The existing network a cluster uses, checked against its address plan before anything is made (the seed: gateway
 * 10.0.0.254, controller 10.0.0.1, webserver 10.0.10.3, appserver 10.0.11.1, ...).
 */
class NetworkCheckTest {
  private final Cluster seed = Seed.named("used").withoutWorkers().dsl().build();

  /** The seed's cloud, its network described as {@code cidr}, {@code gateway} and {@code pools}. */
  private static InMemoryCloud cloud(Cluster cluster, String cidr, String gateway, String... pools) {
    dev.stackwright.memory.InMemoryCloudBuilder b = InMemoryCloud.builder().network("internal", cidr, gateway, pools)
        .image(cluster.defaultImage());
    cluster.flavors().forEach(f -> b.flavor(f.name(), f.vcpus(), f.ramMb()));
    return b.build();
  }

  private List<Problem> problems(InMemoryCloud cloud) {
    Engine engine = Engine.builder().backend(cloud).renderer(Topologies.renderer()).build();
    try {
      engine.apply(seed);
    } catch (InvalidClusterException e) {
      assertThat(cloud.calls("create")).as("nothing is made").isZero();
      assertThat(cloud.calls("observe")).as("nothing is observed").isZero();
      return e.problems();
    }
    throw new AssertionError("expected the network to be refused");
  }

  @Test
  void aNetworkThatFitsTheAddressPlanPasses() {
    // given
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    InMemoryCloud described = cloud(seed, "10.0.0.0/16", "10.0.0.254", "10.0.254.1-10.0.254.254");

    // when
    Plan plan = Engine.builder().backend(described).renderer(Topologies.renderer()).build().plan(seed);

    // then
    assertThat(plan.changes()).isNotEmpty();
    assertThat(cloud.calls("describeNetwork")).isZero();
    assertThat(described.calls("describeNetwork")).isEqualTo(1);
  }

  @Test
  void aRoleOutsideTheSubnetsRangeIsAProblemOfThatRole() {
    // when
    List<Problem> problems = problems(cloud(seed, "10.0.0.0/20", "10.0.0.254"));

    // then
    assertThat(problems).extracting(Problem::path).contains("role[database].subnet", "role[broker].subnet")
        .doesNotContain("role[webserver].subnet");
    assertThat(problems).filteredOn(p -> p.path().equals("role[database].subnet")).singleElement()
        .satisfies(p -> {
          assertThat(p.message()).contains("10.0.20.1 outside the range 10.0.0.0/20");
          assertThat(p.fix()).contains("choose a block inside 10.0.0.0/20");
        });
  }

  @Test
  void aRoleAddressInAnAllocationPoolIsAProblemNamingThePool() {
    // when
    List<Problem> problems = problems(cloud(seed, "10.0.0.0/16", "10.0.0.254", "10.0.10.2-10.0.10.100"));

    // then
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("role[webserver].subnet");
      assertThat(p.value()).contains("10.0.10");
      assertThat(p.message()).contains("10.0.10.3 in the allocation pool 10.0.10.2-10.0.10.100");
      assertThat(p.fix()).contains("cluster.ownNetwork()");
    });
  }

  @Test
  void aGatewayOnARoleAddressIsAProblemOfThatRole() {
    // given
    Cluster atGateway = Seed.named("used").withoutWorkers().dsl().gateway("10.0.0.253").build();
    InMemoryCloud cloud = cloud(atGateway, "10.0.0.0/16", "10.0.11.1");
    Engine engine = Engine.builder().backend(cloud).renderer(Topologies.renderer()).build();

    // when / then
    assertThatThrownBy(() -> engine.plan(atGateway)).isInstanceOfSatisfying(InvalidClusterException.class,
        e -> assertThat(e.problems()).filteredOn(p -> p.path().equals("role[appserver].subnet")).singleElement()
            .satisfies(p -> assertThat(p.message()).contains("10.0.11.1 on the gateway")));
  }

  @Test
  void aGatewayOtherThanTheModelsIsAProblemWithTheRightOneInTheFix() {
    // when
    List<Problem> problems = problems(cloud(seed, "10.0.0.0/16", "10.0.0.250"));

    // then
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("cluster.gateway");
      assertThat(p.value()).contains("10.0.0.254");
      assertThat(p.fix()).isEqualTo("write cluster.gateway(\"10.0.0.250\")");
    });
  }

  @Test
  void aNetworkTheCloudCannotDescribeIsNotChecked() {
    // given: the network given by its range alone, much smaller than the model's
    InMemoryCloud cloud = InMemoryCloud.builder().network("internal", "10.0.0.0/24").build();

    // when
    Plan plan = Engine.builder().backend(cloud).renderer(Topologies.renderer()).build().plan(seed);

    // then: planned (the cloud would refuse the ports when they are made)
    assertThat(plan.changes()).isNotEmpty();
  }

  @Test
  void anOwnedNetworkIsNeverDescribed() {
    // given
    Cluster owned = Seed.named("owned").withoutWorkers().dsl().ownNetwork().build();
    InMemoryCloud cloud = InMemoryCloud.forCluster(owned);

    // when
    Engine.builder().backend(cloud).renderer(Topologies.renderer()).build().plan(owned);

    // then
    assertThat(cloud.calls("describeNetwork")).isZero();
  }
}
