package dev.stackwright.openstack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.openstack.FakeOpenStack;
import dev.stackwright.openstack.FakeOpenStack.Answer;
import java.time.Clock;
import java.util.Optional;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InventoryTest {
  private final FakeOpenStack cloud = FakeOpenStack.start();

  @AfterEach
  void stop() {
    cloud.close();
  }

  private CloudClient client() {
    return new CloudClient(cloud.credentials(), Settings.defaults(), Clock.systemUTC(), d -> { });
  }

  private void cloudWith(int nodes) {
    StringJoiner ports = new StringJoiner(", ");
    StringJoiner servers = new StringJoiner(", ");
    for (int i = 1; i <= nodes; i++) {
      ports.add("{\"id\": \"p" + i + "\", \"name\": \"port-" + i + "\", \"network_id\": \"n\", \"description\":"
          + " \"stackwright cluster=seed id=port/worker-" + i + "\", \"fixed_ips\": [{\"subnet_id\": \"s\","
          + " \"ip_address\": \"10.0.100." + i + "\"}], \"security_groups\": [\"g\"], \"device_id\": \"s" + i + "\"}");
      servers.add("{\"id\": \"s" + i + "\", \"name\": \"seed-worker-" + i + "\", \"status\": \"ACTIVE\","
          + " \"flavor\": {\"id\": \"f\"}, \"image\": {\"id\": \"i\"}, \"metadata\": {\"stackwright-cluster\":"
          + " \"seed\", \"stackwright-id\": \"server/worker-" + i + "\"}}");
    }
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": [" + ports + "]}"));
    cloud.route("GET", "/v2.0/security-groups", s -> Answer.json(200, "{\"security_groups\": [{\"id\": \"g\","
        + " \"name\": \"seed-worker\", \"description\": \"stackwright cluster=seed id=sg/worker\","
        + " \"security_group_rules\": [{\"id\": \"r\", \"direction\": \"ingress\", \"ethertype\": \"IPv4\","
        + " \"protocol\": \"tcp\", \"port_range_min\": 22, \"port_range_max\": 22, \"remote_ip_prefix\": null}]}]}"));
    cloud.route("GET", "/v2.0/floatingips", s -> Answer.json(200, "{\"floatingips\": []}"));
    cloud.route("GET", "/v2.1/servers/detail", s -> Answer.json(200, "{\"servers\": [" + servers + ", {\"id\":"
        + " \"foreign\", \"name\": \"seed-other\", \"status\": \"ACTIVE\", \"metadata\": {}}]}"));
    cloud.route("GET", "/v2.1/os-keypairs", s -> Answer.json(200, "{\"keypairs\": [{\"keypair\": {\"name\":"
        + " \"seed-key\", \"public_key\": \"ssh-rsa AAA\"}}, {\"keypair\": {\"name\": \"mine\"}}]}"));
    cloud.route("GET", "/v2.1/os-server-groups", s -> Answer.json(200, "{\"server_groups\": [{\"id\": \"sg1\","
        + " \"name\": \"seed-worker\", \"policies\": [\"anti-affinity\"], \"members\": [\"s1\"]}]}"));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 6, 200})
  void costsSixRequestsWhateverTheClustersSize(int nodes) {
    // given
    cloudWith(nodes);

    // when
    Inventory inv = Inventory.observe(client(), "seed", Optional.of("seed-"), n -> n.startsWith("seed-"));

    // then
    assertThat(cloud.requests()).hasSize(6);
    assertThat(inv.ports()).hasSize(nodes);
    assertThat(inv.servers()).hasSize(nodes);
  }

  @Test
  void keepsOnlyWhatCarriesTheClustersMarker() {
    // given
    cloudWith(2);

    // when
    Inventory inv = Inventory.observe(client(), "seed", Optional.of("seed-"), n -> n.startsWith("seed-"));

    // then
    assertThat(inv.servers()).extracting(Inventory.ServerState::id).containsExactly("s1", "s2");
    assertThat(inv.keypairs()).extracting(Inventory.KeypairState::name).containsExactly("seed-key");
    assertThat(inv.ports().get(0).marker()).contains(new Marker("seed", "port/worker-1"));
    assertThat(inv.securityGroups().get(0).rules().get(0).spec().portMin()).contains(22);
    assertThat(inv.serverGroups().get(0).policy()).isEqualTo("anti-affinity");
    assertThat(cloud.requests()).filteredOn(s -> s.path().equals("/v2.0/ports"))
        .allSatisfy(s -> assertThat(s.query()).contains("tags=swc%3Aseed"));
    assertThat(cloud.requests()).filteredOn(s -> s.path().equals("/v2.1/servers/detail"))
        .allSatisfy(s -> assertThat(s.query()).contains("name=%5Eseed-"));
  }
}
