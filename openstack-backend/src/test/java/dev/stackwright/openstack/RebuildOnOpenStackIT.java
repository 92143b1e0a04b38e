package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.openstack.internal.CloudClient;
import dev.stackwright.openstack.internal.Request;
import dev.stackwright.openstack.internal.Service;
import dev.stackwright.openstack.internal.Settings;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.OwnedNames;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.ServerSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Day two on the loopback OpenStack: a server rebuilt through Nova with new user-data keeps its id, port and
 * addresses, and the next observation shows the new digests; a server that is gone cannot be rebuilt; the console of
 * a server comes back. The cloud's Nova runs the fake driver, so nothing boots: what is proven is what Nova keeps.
 */
@Tag("integration")
class RebuildOnOpenStackIT {
  private static final String ADMIN_RC_VARIABLE = "STACKWRIGHT_CLOUD_ADMIN_RC";
  private static OpenStackBackend cloud;

  /** A /24 per test from 10.0.100-149, which the seed and the other ITs leave free. */
  private final String block = "10.0." + ThreadLocalRandom.current().nextInt(100, 150);
  private final String cluster = RealCloud.uniqueClusterName("rebuild");
  private final List<Observed> made = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void connect() {
    cloud = OpenStackBackend.builder().credentials(RealCloud.credentials()).build();
  }

  @AfterEach
  void cleanUp() {
    List<Observed> reversed = new ArrayList<>(made);
    Collections.reverse(reversed);
    reversed.forEach(o -> cloud.delete(cluster, o));
    assertThat(cloud.observe(cluster).size()).as("what the test made is gone").isZero();
  }

  @Test
  void aRebuildKeepsTheServersIdPortAndAddressesAndTheNextObservationShowsTheNewDigests() {
    // given
    Observed port = create(port("web-1", 5));
    Observed server = create(server("web-1", port.id(), "#cloud-config\nversion: 1\n", Optional.empty()));
    Observed key = create(new KeypairSpec(ResourceId.of(ResourceKind.KEYPAIR, OwnedNames.KEYPAIR_KEY),
        OwnedNames.of(cluster, OwnedNames.KEYPAIR_KEY), SshKeys.newPublicKey(cluster)));
    ServerSpec desired = server("web-1", port.id(), "#cloud-config\nversion: 2\n", Optional.of(key.id()));

    // when
    Observed rebuilt = cloud.rebuild(cluster, observed(server.id()), desired, this::cloudId);

    // then
    Observed seen = observed(server.id());
    assertThat(rebuilt.cloudId()).isEqualTo(server.cloudId());
    assertThat(seen.cloudId()).isEqualTo(server.cloudId());
    assertThat(seen.fact(Observed.Facts.STATUS)).contains("ACTIVE");
    assertThat(seen.spec()).isEqualTo(desired.withoutUserData());
    Observed portAfter = observed(port.id());
    assertThat(portAfter.cloudId()).isEqualTo(port.cloudId());
    assertThat(portAfter.spec()).isEqualTo(port.spec());
    assertThat(portAfter.fact(Observed.Facts.DEVICE)).contains(server.cloudId());
    assertThat(addressesInNova(server.cloudId())).containsExactly(block + ".5");
  }

  @Test
  void aRebuiltServerCarriesTheNewUserDataAsTheAdministratorReadsIt() {
    // given
    Observed port = create(port("app-1", 6));
    Observed server = create(server("app-1", port.id(), "#cloud-config\nversion: 1\n", Optional.empty()));
    ServerSpec desired = server("app-1", port.id(), "#cloud-config\nversion: 2\n", Optional.empty());

    // when
    cloud.rebuild(cluster, observed(server.id()), desired, this::cloudId);

    // then
    assertThat(userDataAsAdmin(server.cloudId())).isEqualTo("#cloud-config\nversion: 2\n");
  }

  @Test
  void aServerThatIsGoneCannotBeRebuiltAndSaysSo() {
    // given
    Observed port = create(port("gone-1", 7));
    Observed server = create(server("gone-1", port.id(), "#cloud-config\n", Optional.empty()));
    Observed stale = observed(server.id());
    cloud.delete(cluster, server);
    made.remove(server);

    // then
    assertThatThrownBy(() -> cloud.rebuild(cluster, stale, server("gone-1", port.id(), "#cloud-config\nv: 2\n",
        Optional.empty()), this::cloudId))
        .isInstanceOfSatisfying(BackendException.class, e -> {
          assertThat(e.reason()).isEqualTo(BackendException.Reason.GONE);
          assertThat(e.resource()).contains(server.id());
        })
        .hasMessageContaining(server.cloudId()).hasMessageContaining("plan again");
    assertThatThrownBy(() -> cloud.consoleOutput(cluster, stale))
        .isInstanceOfSatisfying(BackendException.class,
            e -> assertThat(e.reason()).isEqualTo(BackendException.Reason.GONE));
  }

  @Test
  void theConsoleOfAServerComesBackOrIsEmpty() {
    // given
    Observed port = create(port("con-1", 8));
    Observed server = create(server("con-1", port.id(), "#cloud-config\n", Optional.empty()));

    // when
    Optional<String> console = cloud.consoleOutput(cluster, observed(server.id()));

    // then: the fake driver prints a few lines; a cloud without consoles gives none
    console.ifPresent(c -> assertThat(c).isNotBlank());
  }

  private Observed create(ResourceSpec spec) {
    Observed o = cloud.create(cluster, spec, this::cloudId);
    made.add(o);
    return o;
  }

  private Optional<String> cloudId(ResourceId id) {
    return made.stream().filter(o -> o.id().equals(id)).map(Observed::cloudId).findFirst();
  }

  private Observed observed(ResourceId id) {
    return cloud.observe(cluster).get(id).orElseThrow(() -> new AssertionError(id + " is not observed"));
  }

  private PortSpec port(String key, int last) {
    return new PortSpec(ResourceId.of(ResourceKind.PORT, key), cluster + "-" + key, "internal",
        Set.of(Ipv4Address.parse(block + "." + last)), Set.of());
  }

  private ServerSpec server(String key, ResourceId port, String userData, Optional<ResourceId> keypair) {
    return new ServerSpec(ResourceId.of(ResourceKind.SERVER, key), cluster + "-" + key, "hpc", "debian-12", port,
        keypair, Optional.empty(), userData, ServerSpec.sha256(userData),
        Map.of("/etc/app.conf", ServerSpec.fileDigest(userData)), Map.of("stackwright-node", key));
  }

  private static List<String> addressesInNova(String serverId) {
    JsonNode s = cloud.client().http().getOk(Request.get(Service.COMPUTE, "/servers/" + serverId), "server")
        .path("server");
    List<String> out = new ArrayList<>();
    s.path("addresses").forEach(net -> net.forEach(a -> out.add(a.path("addr").asText())));
    return out;
  }

  /** The user-data as Nova keeps it: {@code OS-EXT-SRV-ATTR:user_data} (microversion 2.3), an administrator's read. */
  private static String userDataAsAdmin(String serverId) {
    String rc = System.getenv().getOrDefault(ADMIN_RC_VARIABLE, "/var/lib/stackwright-cloud/admin-openrc");
    if (!Files.isReadable(Path.of(rc))) {
      Assertions.fail(ADMIN_RC_VARIABLE + "=" + rc + " is not a readable file: reading a server's user-data back"
          + " needs the cloud's admin openrc (the loopback cloud writes /var/lib/stackwright-cloud/admin-openrc)");
    }
    CloudClient admin = CloudClient.create(OpenStackCredentials.fromOpenrc(Path.of(rc)), Settings.defaults());
    JsonNode s = admin.http().getOk(Request.get(Service.COMPUTE, "/servers/" + serverId)
        .header("OpenStack-API-Version", "compute 2.3"), "server").path("server");
    return new String(Base64.getDecoder().decode(s.path("OS-EXT-SRV-ATTR:user_data").asText()),
        StandardCharsets.UTF_8);
  }
}
