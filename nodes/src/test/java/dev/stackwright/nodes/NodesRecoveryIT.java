package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.model.Ipv4Address;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A backend whose process died (kill -9) leaves its containers running, its namespaces, mounts and cgroups in place:
 * a new backend over the same state root sees all of it and removes all of it. The death is simulated by building a
 * second backend over the first one's state root and never touching the first again.
 */
@Tag("integration")
class NodesRecoveryIT {
  private static final String CLUSTER = "recovery";
  private static TestRig rig;

  @BeforeAll
  static void open() throws IOException {
    rig = TestRig.open(null, null);
  }

  @AfterAll
  static void close() throws IOException {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void aSecondBackendOverTheSameStateRootObservesAndRemovesWhatADeadOneLeft() {
    // given a first backend that made a group, two ports and a booted server, then "died"
    NodesBackend first = rig.nodes;
    List<Observed> made = new ArrayList<>();
    SecurityGroupSpec group = new SecurityGroupSpec(ResourceId.of(ResourceKind.SECURITY_GROUP, "g"), "recovery-g",
        "", List.of(RuleSpec.tcpFrom(22, "10.0.0.0/16", "ssh")));
    made.add(first.create(CLUSTER, group, refs(made)));
    made.add(first.create(CLUSTER, port("a", "10.0.233.2", group.id()), refs(made)));
    made.add(first.create(CLUSTER, port("b", "10.0.233.3", group.id()), refs(made)));
    String userData = "#cloud-config\nhostname: a\n";
    ServerSpec server = new ServerSpec(ResourceId.of(ResourceKind.SERVER, "a"), "recovery-a", "hpc", "debian-12",
        ResourceId.of(ResourceKind.PORT, "a"), Optional.empty(), Optional.empty(), userData,
        ServerSpec.sha256(userData), Map.of(), Map.of());
    made.add(first.create(CLUSTER, server, refs(made)));
    // the check sees each kind of thing a backend leaves (so that its empty answer below means something)
    assertThat(NothingLeft.of(rig.stateRoot)).anyMatch(s -> s.startsWith("network namespace "))
        .anyMatch(s -> s.startsWith("mount ")).anyMatch(s -> s.startsWith("cgroup "))
        .anyMatch(s -> s.startsWith("systemd-nspawn process ")).anyMatch(s -> s.startsWith("resource state "));

    // when a new process's backend looks
    NodesBackend second = rig.another();
    Observation seen = second.observe(CLUSTER);

    // then it sees everything, the server still ACTIVE
    assertThat(seen.resources()).extracting(Observed::cloudId)
        .containsExactlyInAnyOrderElementsOf(made.stream().map(Observed::cloudId).toList());
    assertThat(seen.get(server.id()).orElseThrow().fact(Observed.Facts.STATUS)).contains("ACTIVE");

    // when it removes all
    second.removeAll();

    // then nothing of the first is left on the host
    NothingLeft.assertNothingLeft(rig.stateRoot);
  }

  private static PortSpec port(String key, String address, ResourceId group) {
    return new PortSpec(ResourceId.of(ResourceKind.PORT, key), "recovery-" + key, "internal",
        Set.of(Ipv4Address.parse(address)), Set.of(group));
  }

  private static dev.stackwright.spi.References refs(List<Observed> made) {
    return id -> made.stream().filter(m -> m.id().equals(id)).map(Observed::cloudId).findFirst();
  }
}
