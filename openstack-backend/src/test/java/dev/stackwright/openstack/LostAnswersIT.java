package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Observation;
import dev.stackwright.engine.Observed;
import dev.stackwright.engine.PortSpec;
import dev.stackwright.engine.ResourceId;
import dev.stackwright.engine.ResourceKind;
import dev.stackwright.engine.ServerSpec;
import dev.stackwright.model.Ipv4Address;
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
      List<Observed> reverse = new ArrayList<>(backend.observe(cluster).resources());
      reverse.sort((a, b) -> b.id().compareTo(a.id()));
      reverse.forEach(o -> backend.delete(cluster, o));
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  private Observed create(dev.stackwright.engine.ResourceSpec spec) {
    Observed o = backend.create(cluster, spec, id -> made.stream().filter(m -> m.id().equals(id))
        .map(Observed::cloudId).findFirst());
    made.add(o);
    return o;
  }

  @Test
  void aPortAndAServerWhoseAnswersWereLostAreMadeOnce() {
    // given
    String block = "10.0." + ThreadLocalRandom.current().nextInt(40, 100);
    PortSpec port = new PortSpec(ResourceId.of(ResourceKind.PORT, "lost-1"), cluster + "-lost-1", "internal",
        Set.of(Ipv4Address.parse(block + ".201"), Ipv4Address.parse(block + ".202")), Set.of());
    String userData = "#cloud-config\n";
    ServerSpec server = new ServerSpec(ResourceId.of(ResourceKind.SERVER, "lost-1"), cluster + "-lost-1", "hpc",
        "debian-9.2", port.id(), Optional.empty(), Optional.empty(), userData, ServerSpec.sha256(userData),
        Map.of("/etc/hosts", "0123456789ab"), Map.of());
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
