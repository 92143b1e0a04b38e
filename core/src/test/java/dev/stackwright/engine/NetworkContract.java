package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.ExistingNetwork;
import dev.stackwright.spi.FloatingIpSpec;
import dev.stackwright.spi.NetworkSpec;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RouterSpec;
import dev.stackwright.spi.SubnetSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The part of the backend contract about a network the cluster owns (its subnet on the cloud's range, the test's
 * block holding the addresses, and a router when the cloud has an external network), and about the description of
 * an existing one, run against every backend like the rest of {@link BackendContract}.
 */
public abstract class NetworkContract extends OwnershipContract {
  private static final ResourceId NETWORK = ResourceId.of(ResourceKind.NETWORK, "internal");
  private static final ResourceId SUBNET = ResourceId.of(ResourceKind.SUBNET, "internal");
  private static final ResourceId ROUTER = ResourceId.of(ResourceKind.ROUTER, "external");

  /**
   * What {@link dev.stackwright.spi.Backend#describeNetwork} must say of the cloud's network {@code internal};
   * empty for a cloud that cannot tell (the test is then skipped).
   */
  protected Optional<ExistingNetwork> internalDescribed() {
    return Optional.empty();
  }

  private String networkName() {
    return cluster() + "-net";
  }

  private NetworkSpec network() {
    return new NetworkSpec(NETWORK, networkName());
  }

  /** The cloud's range, its gateway at the test block's .254 and a pool of the block's .192-.223. */
  private SubnetSpec subnet(List<Ipv4Address> dns) {
    return new SubnetSpec(SUBNET, networkName() + "-subnet", NETWORK, Ipv4Network.parse("10.0.0.0/16"),
        Optional.of(address(254)), Ipv4Network.parse(block() + ".192/27"), dns);
  }

  private PortSpec ownedPort(String key, int last) {
    return new PortSpec(ResourceId.of(ResourceKind.PORT, key), cluster() + "-" + key, networkName(),
        Set.of(address(last)), Set.of(), Optional.of(SUBNET));
  }

  @Test
  void anOwnedNetworkAndItsSubnetComeBackAsAsked() {
    // given
    SubnetSpec subnet = subnet(List.of(Ipv4Address.parse("192.0.2.53")));
    create(network());
    create(subnet);

    // when
    Observation seen = backend().observe(cluster());

    // then
    assertThat(seen.get(NETWORK)).get().extracting(Observed::spec).isEqualTo(network());
    assertThat(seen.get(SUBNET)).get().extracting(Observed::spec).isEqualTo(subnet);
  }

  @Test
  void aPortOnTheOwnedSubnetComesBackWithItsSubnet() {
    // given
    create(network());
    create(subnet(List.of()));
    PortSpec port = ownedPort("web-1", 11);

    // when
    create(port);

    // then
    assertThat(backend().observe(cluster()).get(port.id())).get().extracting(Observed::spec).isEqualTo(port);
  }

  @Test
  void theSubnetsDnsServersAndPoolChangeInPlace() {
    // given
    create(network());
    Observed before = create(subnet(List.of()));
    SubnetSpec after = new SubnetSpec(SUBNET, networkName() + "-subnet", NETWORK, Ipv4Network.parse("10.0.0.0/16"),
        Optional.of(address(254)), Ipv4Network.parse(block() + ".224/28"), List.of(Ipv4Address.parse("192.0.2.53")));

    // when
    backend().update(cluster(), before, after, this::cloudId);

    // then
    assertThat(backend().observe(cluster()).get(SUBNET)).get().satisfies(o -> {
      assertThat(o.cloudId()).isEqualTo(before.cloudId());
      assertThat(o.spec()).isEqualTo(after);
    });
  }

  @Test
  void aRouterJoinsTheSubnetToTheExternalNetworkAndFloatingIpsGoThroughIt() {
    String external = externalNetwork().orElse(null);
    Assumptions.assumeTrue(external != null, "this cloud has no external network");
    // given
    create(network());
    create(subnet(List.of()));
    RouterSpec router = new RouterSpec(ROUTER, cluster() + "-router", external, SUBNET);
    create(router);
    Observed port = create(ownedPort("lb-1", 12));
    FloatingIpSpec fip = new FloatingIpSpec(ResourceId.of(ResourceKind.FLOATING_IP, "lb-1"), "fip-lb-1", external,
        port.id(), Optional.of(ROUTER));

    // when
    create(fip);

    // then
    Observation seen = backend().observe(cluster());
    assertThat(seen.get(ROUTER)).get().extracting(Observed::spec).isEqualTo(router);
    assertThat(seen.get(fip.id())).get().satisfies(o -> assertThat(o.spec()).isEqualTo(fip));
  }

  @Test
  void aFloatingIpForAPortNoRouterReachesIsRefused() {
    String external = externalNetwork().orElse(null);
    Assumptions.assumeTrue(external != null, "this cloud has no external network");
    // given
    create(network());
    create(subnet(List.of()));
    Observed port = create(ownedPort("lb-2", 18));
    FloatingIpSpec fip = new FloatingIpSpec(ResourceId.of(ResourceKind.FLOATING_IP, "lb-2"), "fip-lb-2", external,
        port.id());

    // when / then
    assertThatThrownBy(() -> create(fip)).isInstanceOf(BackendException.class);
    assertThat(backend().observe(cluster()).get(fip.id())).isEmpty();
  }

  @Test
  void aSubnetWithAPortOnItAndANetworkWithASubnetCannotBeDeleted() {
    // given
    Observed network = create(network());
    Observed subnet = create(subnet(List.of()));
    create(ownedPort("db-1", 13));

    // when / then
    assertThatThrownBy(() -> backend().delete(cluster(), subnet)).isInstanceOfSatisfying(BackendException.class,
        e -> assertThat(e.reason()).isEqualTo(BackendException.Reason.CONFLICT));
    assertThatThrownBy(() -> backend().delete(cluster(), network)).isInstanceOfSatisfying(BackendException.class,
        e -> assertThat(e.reason()).isEqualTo(BackendException.Reason.CONFLICT));
  }

  @Test
  void deletedInReverseOrderTheOwnedNetworkLeavesNothing() {
    // given
    Observed network = create(network());
    Observed subnet = create(subnet(List.of()));
    Observed port = create(ownedPort("app-1", 14));

    // when
    backend().delete(cluster(), port);
    backend().delete(cluster(), subnet);
    backend().delete(cluster(), network);

    // then
    assertThat(backend().observe(cluster()).size()).isZero();
  }

  @Test
  void someoneElsesPortOnTheOwnedNetworkIsNamedOnItAndNeverObserved() {
    ByHand hand = byHand().orElse(null);
    Assumptions.assumeTrue(hand != null, "this cloud makes no resources by hand");
    // given
    create(network());
    create(subnet(List.of()));
    Observed ours = create(ownedPort("web-1", 15));
    String theirs = hand.port("their-probe", networkName(), address(16));

    // when
    Observation seen = backend().observe(cluster());

    // then
    assertThat(seen.get(NETWORK).orElseThrow().fact(Observed.Facts.FOREIGN_PORTS)).get().asString()
        .contains("their-probe (" + theirs + ")").doesNotContain(ours.cloudId());
    assertThat(seen.resources()).extracting(Observed::cloudId).doesNotContain(theirs);
  }

  @Test
  void anOwnedNetworkWithOnlyOurPortsNamesNoForeignPort() {
    // given
    create(network());
    create(subnet(List.of()));
    create(ownedPort("web-1", 17));

    // when
    Observed seen = backend().observe(cluster()).get(NETWORK).orElseThrow();

    // then
    assertThat(seen.fact(Observed.Facts.FOREIGN_PORTS).orElse("")).isEmpty();
  }

  @Test
  void theCloudsNetworkIsDescribedWithItsRangeGatewayAndPools() {
    ExistingNetwork expected = internalDescribed().orElse(null);
    Assumptions.assumeTrue(expected != null, "this cloud cannot describe its networks");

    // when
    Optional<ExistingNetwork> described = backend().describeNetwork("internal");

    // then
    assertThat(described).contains(expected);
  }
}
