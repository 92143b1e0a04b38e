package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.FloatingIpSpec;
import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.NodeOperation;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.OwnedNames;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The part of the backend contract about servers and what they boot with (flavours, images, keypairs, server groups)
 * and floating IPs, run against both backends like the rest of {@link BackendContract}.
 */
public abstract class ServerContract extends BackendContract {
  @Test
  void aKeypairAndAServerGroupAreOursByTheirNamesAlone() {
    KeypairSpec key = new KeypairSpec(ResourceId.of(ResourceKind.KEYPAIR, OwnedNames.KEYPAIR_KEY),
        OwnedNames.of(cluster(), OwnedNames.KEYPAIR_KEY), PUBLIC_KEY);
    ServerGroupSpec group = new ServerGroupSpec(ResourceId.of(ResourceKind.SERVER_GROUP, "server_all"),
        OwnedNames.of(cluster(), "server_all"), "anti-affinity");
    create(key);
    create(group);

    Observation seen = backend().observe(cluster());

    assertThat(seen.get(key.id())).get().extracting(Observed::spec).isEqualTo(key);
    assertThat(seen.get(group.id())).get().extracting(Observed::spec).isEqualTo(group);
    assertThat(backend().observe(cluster() + "x").size()).as("a cluster whose name starts like ours").isZero();
  }

  @Test
  void aServerIsActiveAndKeepsItsDigestsAndMetadata() {
    Observed p = create(port("vm", Set.of(), 31));
    ServerSpec asked = server("vm", "hpc", p.id());
    create(asked);

    Observed seen = backend().observe(cluster()).get(asked.id()).orElseThrow();

    assertThat(seen.fact(Observed.Facts.STATUS)).contains("ACTIVE");
    assertThat(seen.spec()).isEqualTo(asked.withoutUserData());
  }

  @Test
  void anUnknownFlavourIsNotFoundAndNamesTheOnesThatExist() {
    Observed p = create(port("nf", Set.of(), 41));
    assertThatThrownBy(() -> create(server("nf", "hcp", p.id())))
        .isInstanceOfSatisfying(BackendException.class,
            e -> assertThat(e.reason()).isEqualTo(BackendException.Reason.NOT_FOUND))
        .hasMessageContaining("hcp").hasMessageContaining("hpc");
  }

  @Test
  void aKeypairAndAServerGroupComeBackAndAServerBootsWithThem() {
    KeypairSpec key = new KeypairSpec(ResourceId.of(ResourceKind.KEYPAIR, OwnedNames.KEYPAIR_KEY),
        OwnedNames.of(cluster(), OwnedNames.KEYPAIR_KEY), newPublicKey(cluster()));
    ServerGroupSpec spread = new ServerGroupSpec(ResourceId.of(ResourceKind.SERVER_GROUP, "worker"),
        OwnedNames.of(cluster(), "worker"), "soft-anti-affinity");
    create(key);
    create(spread);
    Observed p = create(port("kw", Set.of(), 35));
    ServerSpec asked = server("kw", "hpc", "debian-12", p.id(), Optional.of(key.id()), Optional.of(spread.id()));
    create(asked);

    Observation seen = backend().observe(cluster());

    assertThat(seen.get(key.id())).get().extracting(Observed::spec).isEqualTo(key);
    assertThat(seen.get(spread.id())).get().extracting(Observed::spec).isEqualTo(spread);
    assertThat(seen.get(asked.id())).get().extracting(Observed::spec).isEqualTo(asked.withoutUserData());
  }

  @Test
  void anUnknownImageIsNotFoundAndNamesTheOnesThatExist() {
    Observed p = create(port("ni", Set.of(), 42));
    assertThatThrownBy(() -> create(server("ni", "hpc", "debian-9.3", p.id(), Optional.empty(), Optional.empty())))
        .isInstanceOfSatisfying(BackendException.class,
            e -> assertThat(e.reason()).isEqualTo(BackendException.Reason.NOT_FOUND))
        .hasMessageContaining("debian-9.3").hasMessageContaining("debian-12");
  }

  @Test
  void aFloatingIpComesFromTheExternalNetworkAndMovesToAnotherPortInPlace() {
    String external = externalNetwork().orElse(null);
    Assumptions.assumeTrue(external != null, "this cloud has no external network");
    Observed a = create(port("fa", Set.of(), 91));
    Observed b = create(port("fb", Set.of(), 92));
    FloatingIpSpec asked = new FloatingIpSpec(ResourceId.of(ResourceKind.FLOATING_IP, "fa"), "fip-fa", external,
        a.id());
    Observed fip = create(asked);

    Observed seen = backend().observe(cluster()).get(asked.id()).orElseThrow();
    assertThat(seen.spec()).isEqualTo(asked);
    assertThat(seen.fact(Observed.Facts.ADDRESS)).get().asString().matches("\\d+\\.\\d+\\.\\d+\\.\\d+");

    FloatingIpSpec moved = new FloatingIpSpec(asked.id(), asked.name(), external, b.id());
    backend().update(cluster(), fip, moved, this::cloudId);
    Observed after = backend().observe(cluster()).get(asked.id()).orElseThrow();
    assertThat(after.spec()).isEqualTo(moved);
    assertThat(after.cloudId()).isEqualTo(fip.cloudId());
    assertThat(after.fact(Observed.Facts.ADDRESS)).isEqualTo(seen.fact(Observed.Facts.ADDRESS));
  }

  @Test
  void aServerThatNoHypervisorCanTakeFailsAsNoHostWithItsFaultAndStaysObservedInError() {
    ServerGroupSpec apart = new ServerGroupSpec(ResourceId.of(ResourceKind.SERVER_GROUP, "apart"),
        OwnedNames.of(cluster(), "apart"), "anti-affinity");
    create(apart);
    int n = hypervisors();
    for (int i = 1; i <= n; i++) {
      Observed p = create(port("apart-" + i, Set.of(), 100 + i));
      create(server("apart-" + i, "hpc", "debian-12", p.id(), Optional.empty(), Optional.of(apart.id())));
    }
    Observed extra = create(port("apart-" + (n + 1), Set.of(), 101 + n));
    ServerSpec one = server("apart-" + (n + 1), "hpc", "debian-12", extra.id(), Optional.empty(),
        Optional.of(apart.id()));

    assertThatThrownBy(() -> create(one)).isInstanceOfSatisfying(BackendException.class, e -> {
      assertThat(e.reason()).isEqualTo(BackendException.Reason.NO_HOST);
      assertThat(e.resource()).contains(one.id());
    }).hasMessageContaining("No valid host was found");
    Observed failed = backend().observe(cluster()).get(one.id()).orElseThrow();
    assertThat(failed.fact(Observed.Facts.STATUS)).contains("ERROR");
    assertThat(failed.fact(Observed.Facts.FAULT)).get().asString().contains("No valid host was found");
  }

  @Test
  void aDeletedServerIsGoneWhenDeleteReturnsSoItsPortAndGroupCanGoAtOnce() {
    Observed g = create(group("gone", List.of(RuleSpec.tcpFrom(22, "192.0.2.0/24", "admins"))));
    Observed p = create(port("gone", Set.of(g.id()), 111));
    Observed s = create(server("gone", "hpc", p.id()));

    backend().delete(cluster(), s);
    backend().delete(cluster(), p);
    backend().delete(cluster(), g);

    assertThat(backend().observe(cluster()).size()).isZero();
    backend().delete(cluster(), s); // what is already gone is not an error
  }

  @Test
  void aRebuildKeepsTheServersCloudIdAndPortAndCarriesTheNewUserDatasDigestsAndMetadata() {
    Assumptions.assumeTrue(backend().capabilities().can(NodeOperation.REBUILD), "this backend does not rebuild");
    Observed p = create(port("rb", Set.of(), 121));
    ServerSpec asked = server("rb", "hpc", p.id());
    Observed made = create(asked);
    String userData = "#cloud-config\nhostname: rb\nwrite_files:\n  - path: /etc/rebuilt\n    content: yes\n";
    ServerSpec again = new ServerSpec(asked.id(), asked.name(), asked.flavor(), asked.image(), asked.port(),
        asked.keypair(), asked.serverGroup(), userData, ServerSpec.sha256(userData),
        Map.of("/etc/hosts", "0123456789ab", "/etc/rebuilt", "cafecafecafe"),
        Map.of(DesiredState.META_NODE, "rb", DesiredState.META_ROLES, "worker,broker"));

    Observed rebuilt = backend().rebuild(cluster(), made, again, this::cloudId);

    Observed seen = backend().observe(cluster()).get(asked.id()).orElseThrow();
    assertThat(rebuilt.cloudId()).isEqualTo(made.cloudId());
    assertThat(seen.cloudId()).isEqualTo(made.cloudId());
    assertThat(seen.fact(Observed.Facts.STATUS)).contains("ACTIVE");
    assertThat(seen.spec()).isEqualTo(again.withoutUserData());
    assertThat(backend().observe(cluster()).get(p.id()).orElseThrow().spec()).isEqualTo(p.spec());
  }
}
