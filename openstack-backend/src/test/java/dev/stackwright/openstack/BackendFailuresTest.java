package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.openstack.FakeOpenStack.Answer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the cloud refuses reaches the engine as a {@link BackendException}: a reason, the resource, the status and
 * request id.
 */
class BackendFailuresTest {
  private final FakeOpenStack cloud = FakeOpenStack.start();
  private OpenStackBackend backend;

  @BeforeEach
  void internalNetwork() {
    backend = OpenStackBackend.builder().credentials(cloud.credentials()).build();
    cloud.route("GET", "/v2.0/networks", s -> Answer.json(200, "{\"networks\": [{\"id\": \"net-1\", \"name\":"
        + " \"internal\"}]}"));
    cloud.route("GET", "/v2.0/subnets", s -> Answer.json(200, "{\"subnets\": [{\"id\": \"sub-1\", \"name\":"
        + " \"internal-subnet\", \"cidr\": \"10.0.0.0/16\"}]}"));
    cloud.route("GET", "/v2.0/extensions/tag-creation", s -> Answer.json(200, "{\"extension\": {}}"));
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": []}"));
    cloud.route("GET", "/v2.1/flavors/detail", s -> Answer.json(200, "{\"flavors\": [{\"id\": \"f1\", \"name\":"
        + " \"hpc\", \"vcpus\": 2, \"ram\": 8192}, {\"id\": \"f2\", \"name\": \"webserver\"}]}"));
    cloud.route("GET", "/v2/images", s -> Answer.json(200, s.query() != null && s.query().contains("name=")
        ? "{\"images\": []}" : "{\"images\": [{\"id\": \"i1\", \"name\": \"debian-9.2\", \"status\": \"active\"}]}"));
  }

  @AfterEach
  void stop() {
    cloud.close();
  }

  private static PortSpec port(String key) {
    return new PortSpec(ResourceId.of(ResourceKind.PORT, key), "port-" + key, "internal",
        Set.of(Ipv4Address.parse("10.0.10.3")), Set.of());
  }

  @Test
  void anAddressInUseIsAConflictWithStatusRequestIdAndResource() {
    // given
    cloud.route("POST", "/v2.0/ports", s -> Answer.json(409, "{\"NeutronError\": {\"type\":"
        + " \"IpAddressAlreadyAllocated\", \"message\": \"IP address 10.0.10.3 already allocated in subnet sub-1\","
        + " \"detail\": \"\"}}"));

    // then
    assertThatThrownBy(() -> backend.create("c", port("webserver-1"), id -> Optional.empty()))
        .isInstanceOfSatisfying(BackendException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
          assertThat(e.status()).contains(409);
          assertThat(e.requestId()).contains("req-409-fake");
          assertThat(e.resource()).contains(ResourceId.of(ResourceKind.PORT, "webserver-1"));
        })
        .hasMessageContaining("10.0.10.3 already allocated");
  }

  @Test
  void anUnknownImageIsNotFoundAndNamesTheClosest() {
    // given
    ResourceId id = ResourceId.of(ResourceKind.SERVER, "worker-1");
    ServerSpec server = new ServerSpec(id, "worker-1", "hpc", "debian-9", ResourceId.of(ResourceKind.PORT, "w"),
        Optional.empty(), Optional.empty(), "#cloud-config\n", "00", Map.of(), Map.of());

    // then
    assertThatThrownBy(() -> backend.create("c", server, x -> Optional.of("port-1")))
        .isInstanceOfSatisfying(BackendException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
          assertThat(e.resource()).contains(id);
        })
        .hasMessageContaining("no image named \"debian-9\"").hasMessageContaining("debian-9.2");
    assertThat(cloud.requests()).noneMatch(s -> s.method().equals("POST"));
  }

  @Test
  void anUnknownFlavourIsNotFoundAndListsWhatExists() {
    // given
    ServerSpec server = new ServerSpec(ResourceId.of(ResourceKind.SERVER, "w"), "w", "hcp", "debian-9.2",
        ResourceId.of(ResourceKind.PORT, "w"), Optional.empty(), Optional.empty(), "", "00", Map.of(), Map.of());

    // then
    assertThatThrownBy(() -> backend.create("c", server, x -> Optional.of("port-1")))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
        .hasMessageContaining("hpc, webserver").hasMessageContaining("hpc");
  }

  @Test
  void aMissingNetworkIsNotFound() {
    // given
    cloud.route("GET", "/v2.0/networks", s -> Answer.json(200, s.query() != null && s.query().contains("name=")
        ? "{\"networks\": []}" : "{\"networks\": [{\"id\": \"n\", \"name\": \"internal\"}]}"));
    PortSpec onOther = new PortSpec(ResourceId.of(ResourceKind.PORT, "x"), "x", "internl",
        Set.of(Ipv4Address.parse("10.0.10.4")), Set.of());

    // then
    assertThatThrownBy(() -> backend.create("c", onOther, id -> Optional.empty()))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
        .hasMessageContaining("internl").hasMessageContaining("internal");
  }
}
