package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.spi.OwnedNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A create whose answer is lost on the way back (the cloud made it; the connection broke) is found by its ownership
 * marker instead of being sent again: on the real cloud, with the answers of its POSTs dropped by a proxy.
 */
@Tag("integration")
class LostAnswersIT {
  private CountingProxy proxy;
  private OpenStackBackend backend;
  private String cluster;
  private final List<Observed> made = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void connect() {
    OpenStackCredentials credentials = RealCloud.credentials();
    proxy = CountingProxy.start();
    backend = OpenStackBackend.builder().credentials(credentials).proxy(proxy.uri()).build();
    cluster = RealCloud.uniqueClusterName("lost");
  }

  @AfterEach
  void cleanUp() {
    if (backend != null) {
      Observation seen = backend.observe(cluster);
      List<Observed> reverse = new ArrayList<>(seen.resources());
      reverse.addAll(seen.duplicates());
      reverse.sort((a, b) -> b.id().compareTo(a.id()));
      reverse.forEach(o -> backend.delete(cluster, o));
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  private Observed create(dev.stackwright.spi.ResourceSpec spec) {
    Observed o = backend.create(cluster, spec, id -> made.stream().filter(m -> m.id().equals(id))
        .map(Observed::cloudId).findFirst());
    made.add(o);
    return o;
  }

  private PortSpec port(String key) {
    String block = "10.0." + ThreadLocalRandom.current().nextInt(40, 100);
    return new PortSpec(ResourceId.of(ResourceKind.PORT, key), cluster + "-" + key, "internal",
        Set.of(Ipv4Address.parse(block + ".201"), Ipv4Address.parse(block + ".202")), Set.of());
  }

  private ServerSpec server(String key, PortSpec port) {
    String userData = "#cloud-config\n";
    return new ServerSpec(ResourceId.of(ResourceKind.SERVER, key), cluster + "-" + key, "hpc", "debian-12",
        port.id(), Optional.empty(), Optional.empty(), userData, ServerSpec.sha256(userData),
        Map.of("/etc/hosts", "0123456789ab"), Map.of());
  }

  @Test
  void aServerBootHeldPastTheTimeoutAndSentAgainEndsAsOneServerHoldingItsPort() {
    // given: the boot is held 6 s before it reaches Nova; the backend waits 5 s, finds nothing by the marker and
    // boots again; then the held boot reaches Nova and makes a twin on the same port, which fails on the port and
    // unbinds it
    backend = OpenStackBackend.builder().credentials(RealCloud.credentials()).proxy(proxy.uri())
        .timeouts(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5)).build();
    PortSpec port = port("held-1");
    ServerSpec server = server("held-1", port);
    Observed p = create(port);
    proxy.holdFor(java.time.Duration.ofSeconds(6))
        .failNext(line -> line.startsWith("POST /v2.1/servers"), CountingProxy.Fault.HELD);

    // when
    Observed s = create(server);

    // then: two boots reached Nova, and one server is left, ACTIVE on its port
    assertThat(proxy.awaitHeldRequests(java.time.Duration.ofSeconds(30))).isTrue();
    assertThat(proxy.requests()).filteredOn(r -> r.equals("POST /v2.1/servers")).hasSizeGreaterThanOrEqualTo(2);
    Observation seen = backend.observe(cluster);
    assertThat(seen.duplicates()).isEmpty();
    assertThat(seen.get(server.id())).get().satisfies(o -> {
      assertThat(o.cloudId()).isEqualTo(s.cloudId());
      assertThat(o.fact(Observed.Facts.STATUS)).contains("ACTIVE");
      assertThat(((ServerSpec) o.spec()).port()).as("the port the server holds").isEqualTo(p.id());
    });
  }

  @Test
  void aServerGroupCreateHeldPastTheTimeoutAndSentAgainLeavesOneGroupOnceItsServerIsBuilt() {
    // given: the group's create is held 6 s before it reaches Nova; the backend waits 5 s, finds no group of that
    // name and creates it again; the held create then makes a second group of the same name
    backend = OpenStackBackend.builder().credentials(RealCloud.credentials()).proxy(proxy.uri())
        .timeouts(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5)).build();
    ServerGroupSpec group = new ServerGroupSpec(ResourceId.of(ResourceKind.SERVER_GROUP, "held"),
        dev.stackwright.spi.OwnedNames.of(cluster, "held"), "soft-anti-affinity");
    PortSpec port = port("grouped-1");
    ServerSpec plain = server("grouped-1", port);
    ServerSpec server = new ServerSpec(plain.id(), plain.name(), plain.flavor(), plain.image(), plain.port(),
        Optional.empty(), Optional.of(group.id()), plain.userData(), plain.userDataSha256(), plain.fileDigests(),
        plain.metadata());
    proxy.holdFor(java.time.Duration.ofSeconds(6))
        .failNext(line -> line.startsWith("POST /v2.1/os-server-groups"), CountingProxy.Fault.HELD);

    // when
    Observed g = create(group);
    create(port);
    create(server);

    // then: two creates reached Nova, and one group is left, the one the server is in
    assertThat(proxy.awaitHeldRequests(java.time.Duration.ofSeconds(30))).isTrue();
    assertThat(proxy.requests()).filteredOn(r -> r.startsWith("POST /v2.1/os-server-groups")).hasSize(2);
    Observation seen = backend.observe(cluster);
    assertThat(seen.duplicates()).isEmpty();
    assertThat(seen.get(group.id())).get().extracting(Observed::cloudId).isEqualTo(g.cloudId());
    assertThat(seen.get(server.id())).get().satisfies(o ->
        assertThat(((ServerSpec) o.spec()).serverGroup()).contains(group.id()));
  }

  @Test
  void aPortAndAServerWhoseAnswersWereLostAreMadeOnce() {
    // given
    PortSpec port = port("lost-1");
    ServerSpec server = server("lost-1", port);
    proxy.failNext(line -> line.startsWith("POST /v2.0/ports"), CountingProxy.Fault.LOSE_ANSWER);
    proxy.failNext(line -> line.startsWith("POST /v2.1/servers"), CountingProxy.Fault.LOSE_ANSWER);

    // when
    Observed p = create(port);
    Observed s = create(server);

    // then
    Observation seen = backend.observe(cluster);
    assertThat(seen.duplicates()).isEmpty();
    assertThat(seen.get(port.id())).get().extracting(Observed::cloudId).isEqualTo(p.cloudId());
    assertThat(seen.get(server.id())).get().satisfies(o -> {
      assertThat(o.cloudId()).isEqualTo(s.cloudId());
      assertThat(o.fact(Observed.Facts.STATUS)).contains("ACTIVE");
    });
    assertThat(proxy.requests()).filteredOn(r -> r.startsWith("POST /v2.0/ports")).hasSize(1);
    assertThat(proxy.requests()).filteredOn(r -> r.startsWith("POST /v2.1/servers")).hasSize(1);
  }
}
