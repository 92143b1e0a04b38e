package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.ApplyResult;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.Created;
import dev.stackwright.engine.Engine;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fewer, bigger requests: on the real cloud, counted through a proxy, the seed's seven security groups go in one
 * request and are read back in one, their 22 rules in one request per group and phase (those naming other new groups
 * once the groups exist: Neutron takes the rules of one group per request), its ports in one; groups whose rules name
 * each other in a ring are made and destroyed; a bulk create whose answer is lost is found by its markers,
 * and one with a taken address falls back to one create per port, so only that port fails.
 */
@Tag("integration")
class BulkRequestsIT {
  private CountingProxy proxy;
  private OpenStackBackend backend;
  private String cluster;

  @BeforeEach
  void connect() {
    proxy = CountingProxy.start();
    backend = OpenStackBackend.builder().credentials(RealCloud.credentials()).proxy(proxy.uri()).build();
    cluster = RealCloud.uniqueClusterName("bulk");
  }

  @AfterEach
  void cleanUp() {
    if (backend != null) {
      dev.stackwright.spi.Observation seen = backend.observe(cluster);
      List<Observed> reverse = new ArrayList<>(seen.resources());
      reverse.addAll(seen.duplicates());
      reverse.sort((a, b) -> b.id().compareTo(a.id()));
      reverse.forEach(o -> backend.delete(cluster, o));
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  private long count(String prefix) {
    return proxy.requests().stream().filter(r -> r.startsWith(prefix)).count();
  }

  @Test
  void theSeedsGroupsTakeOneRequestTheirRulesOnePerGroupAndPhaseAndItsPortsOne() {
    // given: the seed on a network of the test's own, so no other run's seed holds its addresses
    OpenStackBackend unproxied = OpenStackBackend.builder().credentials(RealCloud.credentials()).build();
    try (PrivateNetwork network = PrivateNetwork.create(unproxied, RealCloud.uniqueClusterName("bulknet"))) {
      Engine engine = SeedOnOwnNetwork.engine(backend, SshKeys.newPublicKey("bulk@stackwright")).build();
      dev.stackwright.model.Cluster seed = SeedOnOwnNetwork.seed(cluster, network.name());

      // when
      ApplyResult result = engine.apply(seed);

      // then
      assertThat(result.succeeded()).as(result.summary()).isTrue();
      assertThat(count("POST /v2.0/security-groups")).as("%s", proxy.requests()).isEqualTo(1);
      // 2 groups have rules from a CIDR, made with the group; 6 name other groups, added once those exist
      assertThat(count("POST /v2.0/security-group-rules")).as("%s", proxy.requests()).isEqualTo(2 + 6);
      assertThat(count("GET /v2.0/security-groups?")).as("%s", proxy.requests()).isEqualTo(3);
      assertThat(count("POST /v2.0/ports")).as("%s", proxy.requests()).isEqualTo(1);
      assertThat(backend.observe(cluster).resources().stream().filter(o -> o.id().kind() == ResourceKind.PORT))
          .hasSize(6);
      assertThat(engine.plan(seed).isEmpty()).isTrue();
      assertThat(engine.destroy(cluster).succeeded()).isTrue();
    }
  }

  @Test
  void groupsWhoseRulesNameEachOtherInARingAreMadeAndDestroyed() {
    // given: the seed, and a rule on the controller's group from the database's (which admits SSH from the
    // controller's): a ring
    OpenStackBackend unproxied = OpenStackBackend.builder().credentials(RealCloud.credentials()).build();
    try (PrivateNetwork network = PrivateNetwork.create(unproxied, RealCloud.uniqueClusterName("ringnet"))) {
      Engine engine = SeedOnOwnNetwork.engine(backend, SshKeys.newPublicKey("ring@stackwright"))
          .rule(dev.stackwright.services.BuiltInServices.CONTROLLER, dev.stackwright.spi.RuleSpec.tcpFrom(9999,
              ResourceId.of(ResourceKind.SECURITY_GROUP, "database"), "closes a ring")).build();
      dev.stackwright.model.Cluster seed = SeedOnOwnNetwork.seed(cluster, network.name());

      // when
      ApplyResult result = engine.apply(seed);

      // then
      assertThat(result.succeeded()).as(result.summary()).isTrue();
      assertThat(engine.plan(seed).isEmpty()).as("%s", engine.plan(seed)).isTrue();
      assertThat(backend.observe(cluster).get(ResourceId.of(ResourceKind.SECURITY_GROUP, "controller"))
          .orElseThrow().spec()).isInstanceOfSatisfying(dev.stackwright.spi.SecurityGroupSpec.class, g ->
          assertThat(g.rules()).extracting(dev.stackwright.spi.RuleSpec::describe)
              .contains("tcp 9999 from security-group/database"));
      ApplyResult gone = engine.destroy(cluster);
      assertThat(gone.succeeded()).as(gone.summary()).isTrue();
      assertThat(backend.observe(cluster).resources()).isEmpty();
    }
  }

  @Test
  void aBulkCreateOfGroupsWhoseAnswerWasLostIsFoundByItsMarkersNotSentAgain() {
    // given
    List<ResourceSpec> groups = List.of(1, 2, 3).stream().map(i -> (ResourceSpec) new dev.stackwright.spi
        .SecurityGroupSpec(ResourceId.of(ResourceKind.SECURITY_GROUP, "g-" + i), cluster + "-g-" + i, "lost answer",
        List.of(dev.stackwright.spi.RuleSpec.tcpFrom(1000 + i, "10.0.0.0/16", "test")))).toList();
    proxy.failNext(line -> line.startsWith("POST /v2.0/security-groups"), CountingProxy.Fault.LOSE_ANSWER);

    // when
    List<Created> made = backend.createAll(cluster, groups, id -> Optional.empty());

    // then: made once each, tagged, with their rules
    assertThat(made).allSatisfy(c -> assertThat(c.observed()).as("%s", c.failure()).isPresent());
    assertThat(count("POST /v2.0/security-groups")).as("%s", proxy.requests()).isEqualTo(1);
    assertThat(backend.observe(cluster).resources()).extracting(o -> o.id().key())
        .containsExactlyInAnyOrder("g-1", "g-2", "g-3");
    assertThat(backend.observe(cluster).resources()).allSatisfy(o -> assertThat(o.spec()).isEqualTo(groups.stream()
        .filter(g -> g.id().equals(o.id())).findFirst().orElseThrow()));
  }

  @Test
  void aBulkCreateOfGroupsHeldPastTheTimeoutAndMadeAgainLeavesSecondGroupsThatObservationSeesAsDuplicates() {
    // given: the bulk create is held 6 s before it reaches the cloud; the backend waits 5 s for an answer, finds
    // nothing by the markers and makes the groups again; then the held request makes them a second time, untagged
    OpenStackBackend impatient = OpenStackBackend.builder().credentials(RealCloud.credentials()).proxy(proxy.uri())
        .timeouts(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5)).build();
    List<ResourceSpec> groups = List.of(1, 2, 3).stream().map(i -> (ResourceSpec) new dev.stackwright.spi
        .SecurityGroupSpec(ResourceId.of(ResourceKind.SECURITY_GROUP, "h-" + i), cluster + "-h-" + i, "held",
        List.of(dev.stackwright.spi.RuleSpec.tcpFrom(2000 + i, "10.0.0.0/16", "test")))).toList();
    proxy.holdFor(java.time.Duration.ofSeconds(6))
        .failNext(line -> line.startsWith("POST /v2.0/security-groups"), CountingProxy.Fault.HELD);

    // when
    List<Created> made = impatient.createAll(cluster, groups, id -> Optional.empty());
    assertThat(proxy.awaitHeldRequests(java.time.Duration.ofSeconds(30))).isTrue();

    // then: each group twice in the cloud, and observation sees the second ones (by their markers) as duplicates,
    // which the plan deletes, instead of leaving them as orphans no list by tag would find
    assertThat(made).allSatisfy(c -> assertThat(c.observed()).as("%s", c.failure()).isPresent());
    assertThat(count("POST /v2.0/security-groups")).as("%s", proxy.requests()).isEqualTo(2);
    dev.stackwright.spi.Observation seen = impatient.observe(cluster);
    assertThat(seen.resources()).extracting(o -> o.id().key()).containsExactlyInAnyOrder("h-1", "h-2", "h-3");
    assertThat(seen.duplicates()).extracting(o -> o.id().key()).containsExactlyInAnyOrder("h-1", "h-2", "h-3");
    // of each pair, one is the group as wanted (tagged, with its rule): the one the plan keeps
    List<Observed> all = new ArrayList<>(seen.resources());
    all.addAll(seen.duplicates());
    assertThat(all).filteredOn(o -> groups.contains(o.spec())).extracting(o -> o.id().key())
        .containsExactlyInAnyOrder("h-1", "h-2", "h-3");
  }

  @Test
  void aBulkCreateWhoseAnswerWasLostIsFoundByItsMarkersNotSentAgain() {
    // given
    List<ResourceSpec> ports = ports(3);
    proxy.failNext(line -> line.startsWith("POST /v2.0/ports"), CountingProxy.Fault.LOSE_ANSWER);

    // when
    List<Created> made = backend.createAll(cluster, ports, id -> Optional.empty());

    // then
    assertThat(made).allSatisfy(c -> assertThat(c.observed()).isPresent());
    assertThat(count("POST /v2.0/ports")).isEqualTo(1);
    assertThat(backend.observe(cluster).resources()).extracting(o -> o.id().key())
        .containsExactlyInAnyOrder("b-1", "b-2", "b-3");
  }

  @Test
  void aTakenAddressFailsOnlyItsOwnPort() {
    // given: b-2's address is already held by a port of ours
    List<ResourceSpec> ports = ports(3);
    PortSpec holder = (PortSpec) ports.get(1);
    backend.create(cluster, new PortSpec(ResourceId.of(ResourceKind.PORT, "holder"), cluster + "-holder", "internal",
        holder.fixedIps(), Set.of()), id -> Optional.empty());

    // when
    List<Created> made = backend.createAll(cluster, ports, id -> Optional.empty());

    // then
    assertThat(made.get(0).observed()).as("%s", made.get(0).failure()).isPresent();
    assertThat(made.get(2).observed()).as("%s", made.get(2).failure()).isPresent();
    assertThat(made.get(1).failure()).get().isInstanceOfSatisfying(BackendException.class, e -> {
      assertThat(e.reason()).isEqualTo(BackendException.Reason.CONFLICT);
      assertThat(e.resource()).contains(holder.id());
    });
    assertThat(backend.observe(cluster).resources()).extracting(o -> o.id().key())
        .containsExactlyInAnyOrder("holder", "b-1", "b-3");
  }

  @Test
  void aPortMadeBeforeWhoseTagsWereLostIsTakenAndTaggedNotMadeAgain() throws Exception {
    // given: b-1 exists with its marker but no tags (the process died between the create and the tagging)
    List<ResourceSpec> ports = ports(2);
    PortSpec first = (PortSpec) ports.get(0);
    AsUser.openstack("port", "create", "--network", "internal", "--fixed-ip", "subnet=internal-v4,ip-address="
        + first.sortedFixedIps().get(0), "--description", new dev.stackwright.openstack.internal.Marker(cluster,
        first.id().toString()).description(), first.name());
    assertThat(backend.observe(cluster).resources()).isEmpty();

    // when
    List<Created> made = backend.createAll(cluster, ports, id -> Optional.empty());

    // then
    assertThat(made).allSatisfy(c -> assertThat(c.observed()).as("%s", c.failure()).isPresent());
    assertThat(backend.observe(cluster).resources()).extracting(o -> o.id().key())
        .containsExactlyInAnyOrder("b-1", "b-2");
  }

  private List<ResourceSpec> ports(int n) {
    String block = "10.0." + ThreadLocalRandom.current().nextInt(230, 250);
    List<ResourceSpec> ports = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ports.add(new PortSpec(ResourceId.of(ResourceKind.PORT, "b-" + i), cluster + "-b-" + i, "internal",
          Set.of(Ipv4Address.parse(block + "." + (200 + i))), Set.of()));
    }
    return ports;
  }
}
