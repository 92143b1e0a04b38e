package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.spi.Observation;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.openstack.FakeOpenStack.Answer;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link OpenStackBackend#observe} costs and gives back, on a scripted cloud: a converged cluster of any size is
 * read with one list per kind (ports, security groups with their rules, floating IPs, servers, keypairs, server
 * groups, and the project's networks, which give their names too) plus, the first time only, the names of images. Flavours come by name inside the server list
 * (compute microversion 2.47), so they cost nothing.
 */
class ObservationCostTest {
  private static final String CLUSTER = "seed";
  private final FakeOpenStack cloud = FakeOpenStack.start();

  @AfterEach
  void stop() {
    cloud.close();
  }

  private OpenStackBackend backend() {
    return OpenStackBackend.builder().credentials(cloud.credentials()).build();
  }

  /** A converged cluster of {@code servers} workers, each on its port in group worker, plus things not ours. */
  private void clusterOf(int servers) {
    StringJoiner ports = new StringJoiner(", ");
    StringJoiner vms = new StringJoiner(", ");
    for (int i = 1; i <= servers; i++) {
      ports.add("{\"id\": \"p" + i + "\", \"name\": \"port.100.0" + i + "_worker-" + i + "\", \"network_id\":"
          + " \"net-1\", \"description\": \"stackwright cluster=seed id=port/worker-" + i + "\", \"fixed_ips\":"
          + " [{\"subnet_id\": \"sub-1\", \"ip_address\": \"10.0.100." + i + "\"}], \"security_groups\": [\"g1\"],"
          + " \"device_id\": \"s" + i + "\", \"status\": \"ACTIVE\", \"mac_address\": \"fa:16:3e:00:00:0" + (i % 10)
          + "\"}");
      vms.add("{\"id\": \"s" + i + "\", \"name\": \"worker-" + i + "\", \"status\": \"ACTIVE\", \"flavor\":"
          + " {\"original_name\": \"hpc\", \"vcpus\": 4}, \"image\": {\"id\": \"img-1\"}, \"key_name\":"
          + " \"stackwright-4-seed-admin\", \"metadata\": {\"stackwright-cluster\": \"seed\", \"stackwright-id\":"
          + " \"server/worker-" + i + "\", \"stackwright-ud\": \"" + "ab".repeat(32) + "\", \"stackwright-f0\":"
          + " \"/etc/hosts=0123456789ab;/etc/conf.d/celery=ba9876543210\", \"node\": \"worker-" + i + "\"}}");
    }
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": [" + ports + "]}"));
    cloud.route("GET", "/v2.0/security-groups", s -> Answer.json(200, "{\"security_groups\": [{\"id\": \"g1\","
        + " \"name\": \"seed-worker\", \"description\": \"stackwright cluster=seed id=security-group/worker\","
        + " \"security_group_rules\": [{\"id\": \"r1\", \"direction\": \"ingress\", \"ethertype\": \"IPv4\","
        + " \"protocol\": \"tcp\", \"port_range_min\": 22, \"port_range_max\": 22, \"remote_ip_prefix\": null,"
        + " \"remote_group_id\": \"g1\", \"description\": \"ssh from the controller\"}, {\"id\": \"r2\","
        + " \"direction\": \"egress\", \"ethertype\": \"IPv4\", \"protocol\": null}]}]}"));
    cloud.route("GET", "/v2.0/floatingips", s -> Answer.json(200, "{\"floatingips\": []}"));
    cloud.route("GET", "/v2.1/servers/detail", s -> Answer.json(200, "{\"servers\": [" + vms + "]}"));
    cloud.route("GET", "/v2.1/os-keypairs", s -> Answer.json(200, "{\"keypairs\": [{\"keypair\": {\"name\":"
        + " \"stackwright-4-seed-admin\", \"public_key\": \"ssh-ed25519 AAAA\"}}, {\"keypair\": {\"name\": \"mine\","
        + " \"public_key\": \"ssh-rsa BBBB\"}}]}"));
    // a server group of the name before 2026-12, ours by the server of ours in it
    cloud.route("GET", "/v2.1/os-server-groups", s -> Answer.json(200, "{\"server_groups\": [{\"id\": \"sg1\","
        + " \"name\": \"stackwright_seed_worker\", \"policies\": [\"anti-affinity\"], \"members\": [\"s1\"]}]}"));
    cloud.route("GET", "/v2.0/networks", s -> Answer.json(200, "{\"networks\": [{\"id\": \"net-1\", \"name\":"
        + " \"internal\"}, {\"id\": \"net-2\", \"name\": \"public\"}]}"));
    cloud.route("GET", "/v2/images", s -> Answer.json(200, "{\"images\": [{\"id\": \"img-1\", \"name\":"
        + " \"debian-9.2\", \"status\": \"active\"}]}"));
  }

  @ParameterizedTest
  @ValueSource(ints = {6, 33, 100})
  void aConvergedClusterCostsEightRequestsTheFirstTimeAndSevenAfterWhateverItsSize(int servers) {
    // given
    clusterOf(servers);
    OpenStackBackend backend = backend();

    // when
    Observation first = backend.observe(CLUSTER);
    int firstCost = cloud.requests().size();
    Observation second = backend.observe(CLUSTER);
    int secondCost = cloud.requests().size() - firstCost;

    // then
    assertThat(first.resources()).hasSize(2 * servers + 3);
    assertThat(second.resources()).hasSize(2 * servers + 3);
    assertThat(firstCost).as("%s", cloud.requests()).isEqualTo(8);
    assertThat(secondCost).isEqualTo(7);
    assertThat(cloud.requests()).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::path).doesNotContain("/v2.1/flavors/detail");
  }

  @Test
  void serversOnADeletedImageCostNoMoreThanOthers() {
    // given: every server's image is gone from Glance
    clusterOf(30);
    cloud.route("GET", "/v2/images", s -> Answer.json(200, "{\"images\": []}"));

    // when
    Observation seen = backend().observe(CLUSTER);

    // then
    assertThat(cloud.requests()).hasSize(8);
    assertThat(((ServerSpec) seen.get(ResourceId.of(ResourceKind.SERVER, "worker-7")).orElseThrow().spec()).image())
        .isEqualTo("img-1");
  }

  @Test
  void aServerInErrorGetsItsFaultFromItsOwnGetSinceTheListLeavesItOut() {
    // given: worker-2 went to ERROR; Nova's list shows no fault for it
    clusterOf(6);
    String list = "{\"servers\": [{\"id\": \"s2\", \"name\": \"worker-2\", \"status\": \"ERROR\", \"flavor\":"
        + " {\"original_name\": \"hpc\"}, \"image\": {\"id\": \"img-1\"}, \"metadata\": {\"stackwright-cluster\":"
        + " \"seed\", \"stackwright-id\": \"server/worker-2\"}}]}";
    cloud.route("GET", "/v2.1/servers/detail", s -> Answer.json(200, list));
    cloud.route("GET", "/v2.1/servers/s2", s -> Answer.json(200, "{\"server\": {\"id\": \"s2\", \"status\":"
        + " \"ERROR\", \"fault\": {\"code\": 500, \"message\": \"No valid host was found.\"}}}"));

    // when
    Observation seen = backend().observe(CLUSTER);

    // then
    assertThat(seen.get(ResourceId.of(ResourceKind.SERVER, "worker-2")).orElseThrow().fact(
        dev.stackwright.spi.Observed.Facts.FAULT)).contains("No valid host was found.");
    assertThat(cloud.requests()).hasSize(9);
  }

  @Test
  void givesBackSpecsInTheShapeTheEngineAsksFor() {
    // given
    clusterOf(6);

    // when
    Observation seen = backend().observe(CLUSTER);

    // then names, not ids; our references as logical ids; rule purposes from their descriptions
    ResourceId worker = ResourceId.of(ResourceKind.SECURITY_GROUP, "worker");
    ServerSpec server = (ServerSpec) seen.get(ResourceId.of(ResourceKind.SERVER, "worker-1")).orElseThrow().spec();
    assertThat(server.flavor()).isEqualTo("hpc");
    assertThat(server.image()).isEqualTo("debian-9.2");
    assertThat(server.port()).isEqualTo(ResourceId.of(ResourceKind.PORT, "worker-1"));
    assertThat(server.keypair()).contains(ResourceId.of(ResourceKind.KEYPAIR, "admin"));
    assertThat(server.serverGroup()).contains(ResourceId.of(ResourceKind.SERVER_GROUP, "worker"));
    assertThat(server.fileDigests()).containsEntry("/etc/conf.d/celery", "ba9876543210").hasSize(2);
    assertThat(server.metadata()).containsExactlyEntriesOf(java.util.Map.of("node", "worker-1"));
    PortSpec port = (PortSpec) seen.get(ResourceId.of(ResourceKind.PORT, "worker-2")).orElseThrow().spec();
    assertThat(port.network()).isEqualTo("internal");
    assertThat(port.securityGroups()).containsExactly(worker);
    SecurityGroupSpec group = (SecurityGroupSpec) seen.get(worker).orElseThrow().spec();
    assertThat(group.rules()).singleElement().satisfies(r -> {
      assertThat(r).isEqualTo(RuleSpec.tcpFrom(22, worker, ""));
      assertThat(r.purpose()).isEqualTo("ssh from the controller");
    });
    assertThat(seen.resources()).extracting(o -> o.id().key()).doesNotContain("mine");
    assertThat(cloud.requests()).filteredOn(r -> r.path().equals("/v2.1/servers/detail"))
        .allSatisfy(r -> assertThat(r.headers()).containsEntry("openstack-api-version", "compute 2.47"));
  }
}
