package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.model.Ipv4Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every backend does, written from what real OpenStack does, and run against both the in-memory cloud and the
 * loopback OpenStack: so the in-memory cloud cannot drift from the real thing. A subclass gives the backend and the
 * network the cloud has ({@code internal}, 10.0.0.0/16, flavour {@code hpc}, image {@code debian-9.2}).
 */
public abstract class BackendContract {
  protected abstract Backend backend();

  /** A /24 of the internal network no other test uses at the same time, such as {@code 10.0.231}. */
  protected abstract String block();

  private String cluster;
  private final List<Observed> made = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void name() {
    cluster = "contract-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void cleanUp() {
    List<Observed> reverse = new ArrayList<>(made);
    Collections.reverse(reverse);
    for (Observed o : reverse) {
      try {
        backend().delete(cluster, o);
      } catch (RuntimeException e) {
        // already gone, or the test's own delete failed on purpose; the next one still runs
      }
    }
  }

  private Observed create(ResourceSpec spec) {
    Observed o = backend().create(cluster, spec, this::cloudId);
    made.add(o);
    return o;
  }

  private Optional<String> cloudId(ResourceId id) {
    return made.stream().filter(o -> o.id().equals(id)).map(Observed::cloudId).findFirst();
  }

  private Ipv4Address address(int last) {
    return Ipv4Address.parse(block() + "." + last);
  }

  private SecurityGroupSpec group(String key, List<RuleSpec> rules) {
    return new SecurityGroupSpec(ResourceId.of(ResourceKind.SECURITY_GROUP, key), cluster + "-" + key, "", rules);
  }

  private PortSpec port(String key, Set<ResourceId> groups, int... lasts) {
    Set<Ipv4Address> ips = new java.util.HashSet<>();
    for (int l : lasts) {
      ips.add(address(l));
    }
    return new PortSpec(ResourceId.of(ResourceKind.PORT, key), cluster + "-" + key, "internal", ips, groups);
  }

  private ServerSpec server(String key, String flavor, ResourceId port) {
    String userData = "#cloud-config\nhostname: " + key + "\n";
    return new ServerSpec(ResourceId.of(ResourceKind.SERVER, key), cluster + "-" + key, flavor, "debian-9.2", port,
        Optional.empty(), Optional.empty(), userData, ServerSpec.sha256(userData),
        Map.of("/etc/hosts", "0123456789ab", "/etc/conf.d/celery", "ba9876543210"),
        Map.of(DesiredState.META_NODE, key, DesiredState.META_ROLES, "worker"));
  }

  @Test
  void aPortWithSeveralAddressesAndAGroupComesBackAsItWasAsked() {
    SecurityGroupSpec web = create(group("web", List.of(RuleSpec.tcpFrom(80, "0.0.0.0/0", "web"),
        RuleSpec.tcpFrom(22, ResourceId.of(ResourceKind.SECURITY_GROUP, "web"), "self")))).spec() instanceof
        SecurityGroupSpec g ? g : null;
    PortSpec asked = port("multi", Set.of(web.id()), 11, 12, 13, 14);
    Observed p = create(asked);

    Observation seen = backend().observe(cluster);

    assertThat(seen.get(asked.id())).get().satisfies(o -> {
      assertThat(o.cloudId()).isEqualTo(p.cloudId());
      assertThat(o.spec()).isEqualTo(asked);
      assertThat(o.fact(Observed.Facts.MAC)).get().asString().matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    });
    assertThat(((SecurityGroupSpec) seen.get(web.id()).orElseThrow().spec()).rules())
        .containsExactlyInAnyOrderElementsOf(web.rules());
  }

  /** A public key made for these tests (public keys are not secrets). */
  static final String PUBLIC_KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBQMipubXP+M3ecwun6x3z4DWxrscV5eS/nv6CXKUvQs contract";

  @Test
  void aKeypairAndAServerGroupAreOursByTheirNamesAlone() {
    KeypairSpec key = new KeypairSpec(ResourceId.of(ResourceKind.KEYPAIR, ClusterResources.KEYPAIR_KEY),
        ClusterResources.markedName(cluster, ClusterResources.KEYPAIR_KEY), PUBLIC_KEY);
    ServerGroupSpec group = new ServerGroupSpec(ResourceId.of(ResourceKind.SERVER_GROUP, "server_all"),
        ClusterResources.markedName(cluster, "server_all"), "anti-affinity");
    create(key);
    create(group);

    Observation seen = backend().observe(cluster);

    assertThat(seen.get(key.id())).get().extracting(Observed::spec).isEqualTo(key);
    assertThat(seen.get(group.id())).get().extracting(Observed::spec).isEqualTo(group);
    assertThat(backend().observe(cluster + "x").size()).as("a cluster whose name starts like ours").isZero();
  }

  @Test
  void aKeypairNameWithADotIsRefused() {
    KeypairSpec dotted = new KeypairSpec(ResourceId.of(ResourceKind.KEYPAIR, "dotted"), "stackwright." + cluster,
        PUBLIC_KEY);
    assertThatThrownBy(() -> create(dotted)).isInstanceOfSatisfying(BackendException.class,
        e -> assertThat(e.reason()).isEqualTo(BackendException.Reason.REFUSED));
  }

  @Test
  void anAddressInUseIsAConflict() {
    create(port("first", Set.of(), 21));
    assertThatThrownBy(() -> create(port("second", Set.of(), 21)))
        .isInstanceOfSatisfying(BackendException.class,
            e -> assertThat(e.reason()).isEqualTo(BackendException.Reason.CONFLICT));
  }

  @Test
  void aServerIsActiveAndKeepsItsDigestsAndMetadata() {
    Observed p = create(port("vm", Set.of(), 31));
    ServerSpec asked = server("vm", "hpc", p.id());
    create(asked);

    Observed seen = backend().observe(cluster).get(asked.id()).orElseThrow();

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
  void deletingAPortBoundToAServerDetachesItAndTheServerStays() {
    // Neutron allows it (Nova loses the interface), which is why the engine deletes servers before their ports
    Observed p = create(port("bound", Set.of(), 51));
    Observed s = create(server("bound", "hpc", p.id()));

    backend().delete(cluster, p);

    Observation seen = backend().observe(cluster);
    assertThat(seen.get(p.id())).isEmpty();
    assertThat(seen.get(s.id())).get().satisfies(o -> assertThat(((ServerSpec) o.spec()).port())
        .isNotEqualTo(p.id()));
  }

  @Test
  void aGroupInUseByAPortCannotBeDeleted() {
    SecurityGroupSpec g = group("used", List.of());
    Observed group = create(g);
    create(port("user", Set.of(g.id()), 55));
    assertThatThrownBy(() -> backend().delete(cluster, group)).isInstanceOfSatisfying(BackendException.class,
        e -> assertThat(e.reason()).isEqualTo(BackendException.Reason.CONFLICT));
  }

  @Test
  void rulesChangeInPlaceAndFindUsesTheMarker() {
    SecurityGroupSpec before = group("ssh", List.of(RuleSpec.tcpFrom(22, "192.0.2.0/24", "admins")));
    Observed g = create(before);
    SecurityGroupSpec after = group("ssh", List.of(RuleSpec.tcpFrom(22, "198.51.100.0/24", "new admins"),
        RuleSpec.tcpFrom(443, "0.0.0.0/0", "web")));

    backend().update(cluster, g, after, this::cloudId);

    Observed found = backend().find(cluster, before.id()).orElseThrow();
    assertThat(found.cloudId()).isEqualTo(g.cloudId());
    assertThat(((SecurityGroupSpec) found.spec()).rules()).containsExactlyInAnyOrderElementsOf(after.rules());
    assertThat(backend().find(cluster, ResourceId.of(ResourceKind.SECURITY_GROUP, "nothing"))).isEmpty();
  }

  @Test
  void aPortsAddressesAndGroupsChangeInPlace() {
    SecurityGroupSpec a = group("a", List.of());
    create(a);
    Observed p = create(port("moving", Set.of(), 61));
    PortSpec moved = port("moving", Set.of(a.id()), 61, 62);

    backend().update(cluster, p, moved, this::cloudId);

    assertThat(backend().observe(cluster).get(moved.id()).orElseThrow().spec()).isEqualTo(moved);
  }

  @Test
  void anotherClustersResourcesAreNeverObserved() {
    create(port("mine", Set.of(), 71));
    assertThat(backend().observe(cluster + "-other").size()).isZero();
    assertThat(backend().observe(cluster).resources()).extracting(o -> o.id().key()).containsExactly("mine");
  }
}
