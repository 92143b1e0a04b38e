package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.openstack.FakeOpenStack.Answer;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.NodeOperation;
import dev.stackwright.spi.NodeUpdate;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.ssh.Dialer;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@link OpenStackBackend#reconfigure} connects, on a scripted cloud: the jump host at its floating IP, a node
 * without one at its own; an address it cannot reach is UNREACHABLE and nothing is written to Nova. The dialer
 * refuses every connection and records where it was asked to go.
 */
class ReconfigureAddressesTest {
  private static final String CLUSTER = "seed";
  private static final ResourceId WEB = ResourceId.of(ResourceKind.SERVER, "web-1");
  private static final ResourceId CONTROLLER = ResourceId.of(ResourceKind.SERVER, "controller");
  private final FakeOpenStack cloud = FakeOpenStack.start();
  private final List<String> dialled = Collections.synchronizedList(new ArrayList<>());
  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    cloud.close();
  }

  @Test
  void theJumpHostIsDialledAtItsFloatingIpAndItsFailureIsTheNodesUnreachable() throws Exception {
    // given
    clusterWithFloatingIpOn("controller", "203.0.113.7");
    OpenStackBackend backend = backend();

    // when
    Throwable thrown = catchReconfigure(backend, Optional.of(CONTROLLER));

    // then
    assertThat(dialled).containsExactly("203.0.113.7:22");
    assertThat(thrown).isInstanceOfSatisfying(BackendException.class, e -> {
      assertThat(e.reason()).isEqualTo(BackendException.Reason.UNREACHABLE);
      assertThat(e.resource()).contains(WEB);
    }).hasMessageContaining("web-1").hasMessageContaining("10.0.1.5").hasMessageContaining("203.0.113.7");
  }

  @Test
  void aNodeReachedWithoutJumpHostIsDialledAtItsOwnFloatingIp() throws Exception {
    // given
    clusterWithFloatingIpOn("web-1", "203.0.113.9");

    // when
    Throwable thrown = catchReconfigure(backend(), Optional.empty());

    // then
    assertThat(dialled).containsExactly("203.0.113.9:22");
    assertThat(thrown).hasMessageContaining("web-1 (203.0.113.9)");
  }

  @Test
  void aBastionIsDialledInPlaceOfTheJumpHostsFloatingIp() throws Exception {
    // given
    clusterWithFloatingIpOn("controller", "203.0.113.7");
    OpenStackBackend backend = builder().bastion("127.0.0.1", 2222).build();

    // when
    catchReconfigure(backend, Optional.of(CONTROLLER));

    // then
    assertThat(dialled).containsExactly("127.0.0.1:2222");
  }

  @Test
  void aNodeThatCannotBeReachedHasNothingWrittenToNova() throws Exception {
    // given
    clusterWithFloatingIpOn("controller", "203.0.113.7");

    // when
    catchReconfigure(backend(), Optional.of(CONTROLLER));

    // then
    assertThat(cloud.requests()).isNotEmpty().extracting(FakeOpenStack.Seen::method).containsOnly("GET");
  }

  @Test
  void aJumpHostWithoutFloatingIpIsUnreachableWithTheFix() throws Exception {
    // given: the floating IP is on web-1, not on the controller
    clusterWithFloatingIpOn("web-1", "203.0.113.9");

    // when
    Throwable thrown = catchReconfigure(backend(), Optional.of(CONTROLLER));

    // then
    assertThat(dialled).isEmpty();
    assertThat(thrown).isInstanceOfSatisfying(BackendException.class,
        e -> assertThat(e.reason()).isEqualTo(BackendException.Reason.UNREACHABLE))
        .hasMessageContaining("jump host seed-controller of node seed-web-1").hasMessageContaining("bastion(");
  }

  @Test
  void onlyABackendWithAnSshKeyReconfigures() throws Exception {
    // given
    OpenStackBackend without = OpenStackBackend.builder().credentials(cloud.credentials()).build();
    OpenStackBackend with = backend();

    // then
    assertThat(without.capabilities().can(NodeOperation.RECONFIGURE)).isFalse();
    assertThat(with.capabilities().can(NodeOperation.RECONFIGURE)).isTrue();
    assertThatThrownBy(() -> without.reconfigure(CLUSTER, web(), update(Optional.empty())))
        .isInstanceOfSatisfying(BackendException.class,
            e -> assertThat(e.reason()).isEqualTo(BackendException.Reason.REFUSED))
        .hasMessageContaining("sshKey(");
  }

  private Throwable catchReconfigure(OpenStackBackend backend, Optional<ResourceId> via) {
    return org.assertj.core.api.Assertions.catchThrowable(() -> backend.reconfigure(CLUSTER, web(), update(via)));
  }

  private OpenStackBackend backend() throws Exception {
    return builder().build();
  }

  private OpenStackBackend.Builder builder() throws Exception {
    Dialer refusing = (address, port) -> {
      dialled.add(address + ":" + port);
      throw new ConnectException("Connection refused (scripted)");
    };
    return OpenStackBackend.builder().credentials(cloud.credentials()).sshKey(TestSshKey.in(dir))
        .knownHosts(dir.resolve("known_hosts")).dialer(refusing);
  }

  private static Observed web() {
    return new Observed(WEB, "s2", spec("web-1", "v1"), Map.of(Observed.Facts.STATUS, "ACTIVE"));
  }

  private static NodeUpdate update(Optional<ResourceId> via) {
    return new NodeUpdate(WEB, "web-1", via, List.of(), List.of(), false, List.of(), List.of(), spec("web-1", "v2"));
  }

  private static ServerSpec spec(String key, String version) {
    String ud = "#cloud-config\n# " + version + "\n";
    return new ServerSpec(ResourceId.of(ResourceKind.SERVER, key), CLUSTER + "-" + key, "hpc", "debian-12",
        ResourceId.of(ResourceKind.PORT, key), Optional.empty(), Optional.empty(), ud, ServerSpec.sha256(ud),
        Map.of("/etc/app.conf", ServerSpec.fileDigest(version)), Map.of());
  }

  /** The controller at 10.0.0.1 and web-1 at 10.0.1.5, each on its port; one floating IP, on {@code holder}'s port. */
  private void clusterWithFloatingIpOn(String holder, String address) {
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": [" + port("controller", "p1", "s1",
        "10.0.0.1") + ", " + port("web-1", "p2", "s2", "10.0.1.5") + "]}"));
    cloud.route("GET", "/v2.0/floatingips", s -> Answer.json(200, "{\"floatingips\": [{\"id\": \"f1\","
        + " \"floating_ip_address\": \"" + address + "\", \"description\": \"stackwright cluster=seed"
        + " id=floating-ip/" + holder + "\", \"floating_network_id\": \"net-2\", \"port_id\": \""
        + (holder.equals("controller") ? "p1" : "p2") + "\"}]}"));
    cloud.route("GET", "/v2.1/servers/detail", s -> Answer.json(200, "{\"servers\": [" + server("controller", "s1")
        + ", " + server("web-1", "s2") + "]}"));
    cloud.route("GET", "/v2.0/security-groups", s -> Answer.json(200, "{\"security_groups\": []}"));
    cloud.route("GET", "/v2.1/os-keypairs", s -> Answer.json(200, "{\"keypairs\": []}"));
    cloud.route("GET", "/v2.1/os-server-groups", s -> Answer.json(200, "{\"server_groups\": []}"));
    cloud.route("GET", "/v2.0/networks", s -> Answer.json(200, "{\"networks\": [{\"id\": \"net-1\", \"name\":"
        + " \"internal\"}, {\"id\": \"net-2\", \"name\": \"public\"}]}"));
    cloud.route("GET", "/v2/images", s -> Answer.json(200, "{\"images\": [{\"id\": \"img-1\", \"name\":"
        + " \"debian-12\", \"status\": \"active\"}]}"));
    cloud.route("POST", "/v2.1/servers/s1/action", s -> Answer.json(200, "{\"output\": \"\"}"));
    cloud.route("POST", "/v2.1/servers/s2/action", s -> Answer.json(200, "{\"output\": \"\"}"));
  }

  private static String port(String key, String id, String device, String ip) {
    return "{\"id\": \"" + id + "\", \"name\": \"seed-" + key + "\", \"network_id\": \"net-1\", \"description\":"
        + " \"stackwright cluster=seed id=port/" + key + "\", \"fixed_ips\": [{\"subnet_id\": \"sub-1\","
        + " \"ip_address\": \"" + ip + "\"}], \"security_groups\": [], \"device_id\": \"" + device + "\","
        + " \"status\": \"ACTIVE\", \"mac_address\": \"fa:16:3e:00:00:01\"}";
  }

  private static String server(String key, String id) {
    return "{\"id\": \"" + id + "\", \"name\": \"seed-" + key + "\", \"status\": \"ACTIVE\", \"flavor\":"
        + " {\"original_name\": \"hpc\"}, \"image\": {\"id\": \"img-1\"}, \"metadata\": {\"stackwright-cluster\":"
        + " \"seed\", \"stackwright-id\": \"server/" + key + "\"}}";
  }
}
