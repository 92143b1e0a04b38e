package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.fixtures.Seed;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.spi.FloatingIpSpec;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RouterSpec;
import dev.stackwright.spi.SubnetSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A cluster that owns its network: the network, subnet and router planned, made and destroyed (last) like every other
 * resource; a change of the subnet in place or refused; someone else's port keeping the network.
 */
class OwnedNetworkTest {
  private static final ResourceId NETWORK = ResourceId.of(ResourceKind.NETWORK, "internal");
  private static final ResourceId SUBNET = ResourceId.of(ResourceKind.SUBNET, "internal");
  private static final ResourceId ROUTER = ResourceId.of(ResourceKind.ROUTER, "external");

  private static Cluster owned(Consumer<dev.stackwright.dsl.ClusterDsl> edit) {
    dev.stackwright.dsl.ClusterDsl dsl = Seed.named("net").withoutWorkers().dsl().adminCidr(Topologies.ADMIN_CIDR)
        // tag::own-network[]
        .externalNetwork("public")   // a router joins the owned subnet to it; floating IPs come from it
        .ownNetwork()                // network "<cluster>-internal", its subnet: range, gateway, DHCP pool
        .dnsServers("10.0.0.1");     // handed out by the owned subnet
        // end::own-network[]
    edit.accept(dsl);
    return dsl.build();
  }

  private static Engine engine(dev.stackwright.spi.Backend cloud) {
    return Engine.builder().backend(cloud).renderer(Topologies.renderer()).build();
  }

  @Test
  void thePlanMakesTheNetworkItsSubnetAndARouterToTheExternalNetwork() {
    // given
    Cluster cluster = owned(x -> {});

    // when
    Plan plan = engine(InMemoryCloud.forCluster(cluster)).plan(cluster);

    // then
    assertThat(plan.change(NETWORK)).get().extracting(Change::name).isEqualTo("net-internal");
    SubnetSpec subnet = (SubnetSpec) plan.change(SUBNET).orElseThrow().desired().orElseThrow();
    assertThat(subnet.cidr()).isEqualTo(cluster.network());
    assertThat(subnet.gateway()).isEqualTo(cluster.gateway());
    assertThat(subnet.allocationPool()).isEqualTo(cluster.dhcpPool());
    assertThat(subnet.dnsServers()).isEqualTo(cluster.dnsServers());
    RouterSpec router = (RouterSpec) plan.change(ROUTER).orElseThrow().desired().orElseThrow();
    assertThat(router.externalNetwork()).isEqualTo("public");
    assertThat(router.subnet()).isEqualTo(SUBNET);
  }

  @Test
  void everyPortIsOnTheSubnetAndEveryFloatingIpGoesThroughTheRouter() {
    // given
    Cluster cluster = owned(x -> {});

    // when
    Plan plan = engine(InMemoryCloud.forCluster(cluster)).plan(cluster);

    // then
    List<PortSpec> ports = plan.changes(c -> c.id().kind() == ResourceKind.PORT).stream()
        .map(c -> (PortSpec) c.desired().orElseThrow()).toList();
    assertThat(ports).isNotEmpty().allSatisfy(p -> {
      assertThat(p.subnet()).contains(SUBNET);
      assertThat(p.network()).isEqualTo("net-internal");
    });
    List<FloatingIpSpec> fips = plan.changes(c -> c.id().kind() == ResourceKind.FLOATING_IP).stream()
        .map(c -> (FloatingIpSpec) c.desired().orElseThrow()).toList();
    assertThat(fips).isNotEmpty().allSatisfy(f -> assertThat(f.router()).contains(ROUTER));
  }

  @Test
  void anOwnedNetworkWithoutAnExternalNetworkHasNoRouter() {
    // given
    Cluster cluster = Seed.named("net").withoutWorkers().dsl().ownNetwork().build();

    // when
    Plan plan = engine(InMemoryCloud.forCluster(cluster)).plan(cluster);

    // then
    assertThat(plan.change(SUBNET)).isPresent();
    assertThat(plan.changes(c -> c.id().kind() == ResourceKind.ROUTER)).isEmpty();
  }

  @Test
  void aUsedNetworkMakesNoNetworkAndItsPortsNameNoSubnet() {
    // given
    Cluster cluster = Topologies.exposed("used");

    // when
    Plan plan = engine(InMemoryCloud.forCluster(cluster)).plan(cluster);

    // then
    assertThat(plan.changes(c -> c.id().kind() == ResourceKind.NETWORK || c.id().kind() == ResourceKind.SUBNET
        || c.id().kind() == ResourceKind.ROUTER)).isEmpty();
    assertThat(plan.changes(c -> c.id().kind() == ResourceKind.PORT))
        .allSatisfy(c -> assertThat(((PortSpec) c.desired().orElseThrow()).subnet()).isEmpty());
  }

  @Test
  void anAppliedOwnedNetworkIsConverged() {
    // given
    Cluster cluster = owned(x -> {});
    Engine engine = engine(InMemoryCloud.forCluster(cluster));
    assertThat(engine.apply(cluster).succeeded()).isTrue();

    // when
    Plan again = engine.plan(cluster);

    // then
    assertThat(again.isEmpty()).as(again.render()).isTrue();
  }

  @Test
  void newDnsServersChangeTheSubnetInPlaceSayingWhich() {
    // given
    InMemoryCloud cloud = InMemoryCloud.forCluster(owned(x -> {}));
    engine(cloud).apply(owned(x -> {}));

    // when
    Plan plan = engine(cloud).plan(owned(x -> x.dnsServers("10.0.0.2")));

    // then
    assertThat(plan.change(SUBNET)).get().satisfies(c -> {
      assertThat(c.action()).isEqualTo(Action.UPDATE);
      assertThat(c.reason()).contains("DNS servers [10.0.0.1] -> [10.0.0.1, 10.0.0.2]");
    });
    assertThat(plan.changes()).extracting(Change::id).containsExactly(SUBNET);
  }

  @Test
  void anotherExternalNetworkChangesTheRoutersGatewayInPlace() {
    // given
    InMemoryCloud cloud = InMemoryCloud.forCluster(owned(x -> {}));
    engine(cloud).apply(owned(x -> {}));

    // when
    Plan plan = engine(cloud).plan(owned(x -> x.externalNetwork("public2")));

    // then
    assertThat(plan.change(ROUTER)).get().satisfies(c -> {
      assertThat(c.action()).isEqualTo(Action.UPDATE);
      assertThat(c.reason()).isEqualTo("external network public -> public2");
    });
    assertThat(plan.change(NETWORK)).isEmpty();
    assertThat(plan.change(SUBNET)).isEmpty();
  }

  @Test
  void aNewRangeIsAConflictAndNothingIsApplied() {
    // given
    InMemoryCloud cloud = InMemoryCloud.forCluster(owned(x -> {}));
    engine(cloud).apply(owned(x -> {}));
    Cluster wider = owned(x -> x.network("10.0.0.0/15"));

    // when
    Plan plan = engine(cloud).plan(wider);

    // then
    assertThat(plan.change(SUBNET)).isEmpty();
    assertThat(plan.conflicts()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(SUBNET);
      assertThat(c.reason()).contains("range 10.0.0.0/16 -> 10.0.0.0/15").contains("every port and server on it");
    });
    int creates = cloud.calls("create");
    assertThatThrownBy(() -> engine(cloud).apply(wider)).isInstanceOf(PlanConflictException.class);
    assertThat(cloud.calls("create")).isEqualTo(creates);
  }

  @Test
  void goingBackToAUsedNetworkMovesThePortsAndDeletesTheOwnedOneSayingWhy() {
    // given: a cloud that has the network "internal" too
    Cluster owned = owned(x -> {});
    Cluster used = Seed.named("net").withoutWorkers().dsl().adminCidr(Topologies.ADMIN_CIDR)
        .externalNetwork("public").build();
    InMemoryCloud cloud = InMemoryCloud.forCluster(used);
    engine(cloud).apply(owned);

    // when
    Plan plan = engine(cloud).plan(used);
    ApplyResult result = Engine.builder().backend(cloud).renderer(Topologies.renderer()).allowDataLoss(true).build()
        .apply(used); // the servers move with their ports: the database's data goes

    // then
    assertThat(plan.change(NETWORK)).get().satisfies(c -> {
      assertThat(c.action()).isEqualTo(Action.DELETE);
      assertThat(c.reason()).isEqualTo("no longer in the model: the cluster owns no network any more");
    });
    assertThat(plan.change(ROUTER)).get().extracting(Change::action).isEqualTo(Action.DELETE);
    assertThat(plan.changes(c -> c.id().kind() == ResourceKind.PORT)).isNotEmpty()
        .allSatisfy(c -> assertThat(c.reason()).contains("network net-internal -> internal"));
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(cloud.observe(used.name()).resources()).extracting(o -> o.id().kind())
        .doesNotContain(ResourceKind.NETWORK, ResourceKind.SUBNET, ResourceKind.ROUTER);
  }

  @Test
  void destroyDeletesTheNetworkAfterItsSubnetTheSubnetAfterItsPortsAndRouter() {
    // given
    Cluster cluster = owned(x -> {});
    List<ResourceId> deleted = Collections.synchronizedList(new ArrayList<>());
    CountingBackend cloud = new CountingBackend(InMemoryCloud.forCluster(cluster)) {
      @Override
      public void delete(String name, Observed current) {
        super.delete(name, current);
        deleted.add(current.id());
      }
    };
    engine(cloud).apply(cluster);

    // when
    ApplyResult result = engine(cloud).destroy(cluster.name());

    // then
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    // after everything that refers to it; unrelated deletes (security groups, the keypair) run alongside
    int lastPort = deleted.stream().filter(id -> id.kind() == ResourceKind.PORT).mapToInt(deleted::indexOf).max()
        .orElseThrow();
    int lastFip = deleted.stream().filter(id -> id.kind() == ResourceKind.FLOATING_IP).mapToInt(deleted::indexOf)
        .max().orElseThrow();
    assertThat(deleted.indexOf(NETWORK)).isGreaterThan(deleted.indexOf(SUBNET));
    assertThat(deleted.indexOf(SUBNET)).isGreaterThan(deleted.indexOf(ROUTER)).isGreaterThan(lastPort);
    assertThat(deleted.indexOf(ROUTER)).isGreaterThan(lastFip);
    assertThat(cloud.observe(cluster.name()).size()).isZero();
  }

  @Test
  void someoneElsesPortOnTheNetworkKeepsItWithItsSubnetAndRouterAndIsNamedInThePlan() {
    // given
    Cluster cluster = owned(x -> {});
    InMemoryCloud cloud = InMemoryCloud.forCluster(cluster);
    engine(cloud).apply(cluster);
    String theirs = cloud.addForeignPort("their-probe", "net-internal", "10.0.200.5");

    // when
    Plan plan = engine(cloud).destroyPlan(cluster.name());

    // then
    assertThat(plan.change(NETWORK)).isEmpty();
    assertThat(plan.change(SUBNET)).isEmpty();
    assertThat(plan.change(ROUTER)).isEmpty();
    assertThat(plan.conflicts()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(NETWORK);
      assertThat(c.reason()).contains("their-probe (" + theirs + ")").contains("kept with its subnet/internal and"
          + " router/external");
      assertThat(c.fix()).contains("openstack port delete");
    });
    assertThat(plan.changes()).isNotEmpty().allSatisfy(c -> assertThat(c.action()).isEqualTo(Action.DELETE));
  }

  @Test
  void aDestroyWithSomeoneElsesPortDeletesTheRestAndNeverThePort() {
    // given
    Cluster cluster = owned(x -> {});
    InMemoryCloud cloud = InMemoryCloud.forCluster(cluster);
    engine(cloud).apply(cluster);
    String theirs = cloud.addForeignPort("their-probe", "net-internal", "10.0.200.5");

    // when
    ApplyResult result = engine(cloud).destroy(cluster.name());

    // then
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(cloud.exists(theirs)).isTrue();
    assertThat(cloud.observe(cluster.name()).resources()).extracting(Observed::id)
        .containsExactlyInAnyOrder(NETWORK, SUBNET, ROUTER);
  }
}
