package dev.stackwright.openstack;

import dev.stackwright.spi.Backend;
import dev.stackwright.engine.BackendContract;
import dev.stackwright.engine.NetworkContract;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.spi.AddressRange;
import dev.stackwright.spi.ExistingNetwork;
import dev.stackwright.openstack.internal.CloudClient;
import dev.stackwright.openstack.internal.Lookups;
import dev.stackwright.openstack.internal.Reply;
import dev.stackwright.openstack.internal.Request;
import dev.stackwright.openstack.internal.Service;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The backend contract, owned networks included, on the loopback OpenStack: what the in-memory cloud agrees with. */
@Tag("integration")
class OpenStackContractIT extends NetworkContract {
  private static OpenStackBackend cloud;
  private static Optional<String> external;
  /** This test's (JUnit makes an instance per test), so the clean-up after it sees what it made. */
  private NeutronByHand hand;

  @BeforeAll
  static void connect() {
    cloud = OpenStackBackend.builder().credentials(RealCloud.credentials()).build();
    external = RealCloud.externalNetwork(cloud).map(n -> n.path("name").asText());
  }

  @Override
  protected Backend backend() {
    return cloud;
  }

  /**
   * A /24 drawn per test from 10.0.40-99, which the seed leaves free, so runs from several worktrees on the one cloud
   * rarely meet (CloudCallsIT draws from 150-249).
   */
  private final String block = "10.0." + java.util.concurrent.ThreadLocalRandom.current().nextInt(40, 100);

  @Override
  protected String block() {
    return block;
  }

  /** Counted with the admin's credentials that {@code STACKWRIGHT_CLOUD_ADMIN_RC} names (hypervisors are admin-only). */
  @Override
  protected int hypervisors() {
    String rc = System.getenv("STACKWRIGHT_CLOUD_ADMIN_RC");
    if (rc == null || !java.nio.file.Files.isReadable(java.nio.file.Path.of(rc))) {
      return super.hypervisors();
    }
    CloudClient admin = CloudClient.create(OpenStackCredentials.fromOpenrc(java.nio.file.Path.of(rc)),
        dev.stackwright.openstack.internal.Settings.defaults());
    return (int) admin.http().list(Request.get(Service.COMPUTE, "/os-hypervisors"), "hypervisors", "hypervisors")
        .stream().filter(h -> !"disabled".equals(h.path("status").asText()) && !"down".equals(h.path("state").asText()))
        .count();
  }

  @Override
  protected String newClusterName() {
    return RealCloud.uniqueClusterName("contract");
  }

  /** The fixture's network (cloud/fixtures.py). */
  @Override
  protected Optional<ExistingNetwork> internalDescribed() {
    return Optional.of(new ExistingNetwork("internal", Ipv4Network.parse("10.0.0.0/16"),
        Optional.of(Ipv4Address.parse("10.0.0.254")), List.of(new AddressRange(Ipv4Address.parse("10.0.254.1"),
            Ipv4Address.parse("10.0.254.250")))));
  }

  @Override
  protected Optional<String> externalNetwork() {
    return external;
  }

  @Override
  protected Optional<BackendContract.ByHand> byHand() {
    if (hand == null) {
      hand = new NeutronByHand(cloud.client());
    }
    return Optional.of(hand);
  }

  /** Ports and groups made with plain Neutron requests, without any marker, as the openstack CLI would. */
  private static final class NeutronByHand implements BackendContract.ByHand {
    private final CloudClient client;
    private final List<Map.Entry<String, String>> made = Collections.synchronizedList(new ArrayList<>());

    NeutronByHand(CloudClient client) {
      this.client = client;
    }

    @Override
    public String port(String name, String network, Ipv4Address address) {
      Lookups.NetworkRef net = client.lookups().network(network, Optional.empty());
      return post("/ports", "port", "{\"port\": {\"name\": \"" + name + "\", \"network_id\": \"" + net.id()
          + "\", \"fixed_ips\": [{\"subnet_id\": \"" + net.subnetId() + "\", \"ip_address\": \"" + address + "\"}]}}");
    }

    @Override
    public String securityGroup(String name) {
      return post("/security-groups", "security_group", "{\"security_group\": {\"name\": \"" + name + "\"}}");
    }

    private String post(String path, String key, String json) {
      Reply r = client.http().sendOnce(Request.post(Service.NETWORK, path, json), "a " + key + " by hand");
      if (!r.ok()) {
        throw new IllegalStateException("POST " + path + " by hand: HTTP " + r.status() + " " + r.errorMessage());
      }
      String id = r.json().path(key).path("id").asText();
      made.add(Map.entry(path, id));
      return id;
    }

    @Override
    public boolean exists(String cloudId) {
      String path = made.stream().filter(e -> e.getValue().equals(cloudId)).map(Map.Entry::getKey).findFirst()
          .orElseThrow();
      return client.http().send(Request.get(Service.NETWORK, path + "/" + cloudId), "a resource by hand").ok();
    }

    @Override
    public void cleanUp() {
      List<Map.Entry<String, String>> reverse = new ArrayList<>(made);
      Collections.reverse(reverse);
      for (Map.Entry<String, String> e : reverse) {
        client.http().send(Request.delete(Service.NETWORK, e.getKey() + "/" + e.getValue()), "a resource by hand");
      }
      made.clear();
    }
  }
}
