package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.Created;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every backend does, written from what real OpenStack does, and run against both the in-memory cloud and the
 * loopback OpenStack: so the in-memory cloud cannot drift from the real thing. A subclass gives the backend and the
 * network the cloud has ({@code internal}, 10.0.0.0/16, flavour {@code hpc}, image {@code debian-12}).
 */
public abstract class BackendContract {
  protected abstract Backend backend();

  /** A /24 of the internal network no other test uses at the same time, such as {@code 10.0.231}. */
  protected abstract String block();

  /**
   * The cloud's own side, where a person makes resources by hand, outside stackwright: they carry no marker, and no
   * backend may ever observe, change or delete them.
   */
  protected interface ByHand {
    /** A port on {@code network} with one fixed address; returns its cloud id. */
    String port(String name, String network, Ipv4Address address);

    /** A security group without rules; returns its cloud id. */
    String securityGroup(String name);

    /** Whether the resource with this cloud id still exists. */
    boolean exists(String cloudId);

    /** Removes what this made; called after each test, also when it failed. */
    void cleanUp();
  }

  /** How this cloud makes resources by hand; without one, the tests about them are skipped. */
  protected Optional<ByHand> byHand() {
    return Optional.empty();
  }

  /** The external network floating IPs come from, when the cloud has one; without one, their tests are skipped. */
  protected Optional<String> externalNetwork() {
    return Optional.empty();
  }

  /** A cluster name no other test uses, on this cloud, at the same time. */
  protected String newClusterName() {
    return "contract-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private String cluster;
  private final List<Observed> made = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void name() {
    cluster = newClusterName();
  }

  /** This test's cluster. */
  protected String cluster() {
    return cluster;
  }

  @AfterEach
  void cleanUp() {
    // what was made by hand first: a port of it on an owned network would keep the network from being deleted
    byHand().ifPresent(ByHand::cleanUp);
    List<Observed> reverse = new ArrayList<>(made);
    Collections.reverse(reverse);
    for (Observed o : reverse) {
      try {
        backend().delete(cluster, o);
      } catch (RuntimeException e) {
        // already gone, or the test's own delete failed on purpose; the next one still runs
      }
    }
    // and whatever else carries the marker, such as a server whose create failed
    try {
      List<Observed> left = new ArrayList<>(backend().observe(cluster).resources());
      left.sort(Comparator.comparing(Observed::id).reversed());
      for (Observed o : left) {
        backend().delete(cluster, o);
      }
    } catch (RuntimeException e) {
      // the test's own failure says more
    }
  }

  /** How many hypervisors the cloud has: a strict anti-affinity group holds at most that many servers. */
  protected int hypervisors() {
    return 4;
  }

  protected Observed create(ResourceSpec spec) {
    Observed o = backend().create(cluster, spec, this::cloudId);
    made.add(o);
    return o;
  }

  protected Optional<String> cloudId(ResourceId id) {
    return made.stream().filter(o -> o.id().equals(id)).map(Observed::cloudId).findFirst();
  }

  Ipv4Address address(int last) {
    return Ipv4Address.parse(block() + "." + last);
  }

  SecurityGroupSpec group(String key, List<RuleSpec> rules) {
    return new SecurityGroupSpec(ResourceId.of(ResourceKind.SECURITY_GROUP, key), cluster + "-" + key,
        "stackwright: the " + key + " servers of cluster " + cluster, rules);
  }

  protected PortSpec port(String key, Set<ResourceId> groups, int... lasts) {
    Set<Ipv4Address> ips = new java.util.HashSet<>();
    for (int l : lasts) {
      ips.add(address(l));
    }
    return new PortSpec(ResourceId.of(ResourceKind.PORT, key), cluster + "-" + key, "internal", ips, groups);
  }

  ServerSpec server(String key, String flavor, ResourceId port) {
    return server(key, flavor, "debian-12", port, Optional.empty(), Optional.empty());
  }

  protected ServerSpec server(String key, String flavor, String image, ResourceId port, Optional<ResourceId> keypair,
      Optional<ResourceId> serverGroup) {
    String userData = "#cloud-config\nhostname: " + key + "\n";
    return new ServerSpec(ResourceId.of(ResourceKind.SERVER, key), cluster + "-" + key, flavor, image, port,
        keypair, serverGroup, userData, ServerSpec.sha256(userData),
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
        .containsExactlyInAnyOrderElementsOf(web.rules())
        .extracting(RuleSpec::purpose).containsExactlyInAnyOrder("web", "self");
    // the whole group, its description and each rule's purpose too; rules are a set, their order means nothing
    assertThat(seen.get(web.id()).orElseThrow().spec()).usingRecursiveComparison().ignoringCollectionOrder()
        .isEqualTo(web);
  }

  /** A public key made for these tests (public keys are not secrets). */
  static final String PUBLIC_KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBQMipubXP+M3ecwun6x3z4DWxrscV5eS/nv6CXKUvQs contract";

  @Test
  void portsMadeTogetherComeBackEachAsAskedAndATakenAddressFailsOnlyItsOwn() {
    SecurityGroupSpec web = (SecurityGroupSpec) create(group("web", List.of(RuleSpec.tcpFrom(80, "0.0.0.0/0",
        "web")))).spec();
    create(port("holder", Set.of(), 33));
    List<ResourceSpec> asked = List.of(port("one", Set.of(web.id()), 31), port("two", Set.of(), 33),
        port("three", Set.of(web.id()), 34, 35));

    List<Created> results = backend().createAll(cluster, asked, this::cloudId);
    results.forEach(r -> r.observed().ifPresent(made::add));

    assertThat(results).extracting(Created::id).containsExactly(asked.get(0).id(), asked.get(1).id(),
        asked.get(2).id());
    assertThat(results.get(1).failure()).get().isInstanceOfSatisfying(BackendException.class,
        e -> assertThat(e.reason()).isEqualTo(BackendException.Reason.CONFLICT));
    Observation seen = backend().observe(cluster);
    for (int i : new int[] {0, 2}) {
      assertThat(results.get(i).observed()).as("%s", results.get(i).failure()).isPresent();
      assertThat(seen.get(asked.get(i).id())).get().satisfies(o -> {
        assertThat(o.cloudId()).isEqualTo(results.get(i).observed().orElseThrow().cloudId());
        assertThat(o.spec()).isEqualTo(asked.get(i));
      });
    }
    assertThat(seen.get(asked.get(1).id())).isEmpty();
  }

  @Test
  void anAddressInUseIsAConflict() {
    create(port("first", Set.of(), 21));
    assertThatThrownBy(() -> create(port("second", Set.of(), 21)))
        .isInstanceOfSatisfying(BackendException.class,
            e -> assertThat(e.reason()).isEqualTo(BackendException.Reason.CONFLICT));
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

  @Test
  void resourcesMadeByHandAreNeverObservedAndSurviveOurDeletes() {
    ByHand hand = byHand().orElse(null);
    Assumptions.assumeTrue(hand != null, "this cloud makes no resources by hand");
    // a group by hand with the very name ours has, and a port beside ours
    String theirGroup = hand.securityGroup(cluster + "-web");
    String theirPort = hand.port(cluster + "-by-hand", "internal", address(81));
    Observed ourGroup = create(group("web", List.of(RuleSpec.tcpFrom(80, "0.0.0.0/0", "web"))));
    Observed ourPort = create(port("web-1", Set.of(ourGroup.id()), 82));

    Observation seen = backend().observe(cluster);

    assertThat(seen.resources()).extracting(Observed::cloudId)
        .containsExactlyInAnyOrder(ourGroup.cloudId(), ourPort.cloudId());
    backend().delete(cluster, ourPort);
    backend().delete(cluster, ourGroup);
    assertThat(backend().observe(cluster).size()).isZero();
    assertThat(hand.exists(theirGroup)).isTrue();
    assertThat(hand.exists(theirPort)).isTrue();
  }

  /** A fresh {@code ssh-rsa} public key line, as Nova accepts it. */
  protected static String newPublicKey(String comment) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      RSAPublicKey key = (RSAPublicKey) g.generateKeyPair().getPublic();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      for (byte[] b : List.of("ssh-rsa".getBytes(StandardCharsets.US_ASCII), key.getPublicExponent().toByteArray(),
          key.getModulus().toByteArray())) {
        out.writeInt(b.length);
        out.write(b);
      }
      return "ssh-rsa " + Base64.getEncoder().encodeToString(bytes.toByteArray()) + " " + comment;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
