package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.FloatingIpSpec;
import dev.stackwright.spi.NodeCommand;
import dev.stackwright.spi.NodeFile;
import dev.stackwright.spi.NodeUpdate;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.ssh.Dialer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconfigure on the loopback OpenStack, whose servers run nothing (Nova's fake driver): the addresses come from the
 * real cloud (the controller's floating IP, web-1's fixed address), the SSH connections go to 127.0.0.1 only, through
 * a dialer that maps every address there. A jump host that does not answer is UNREACHABLE; one that answers with a
 * key its console never showed is HOST_KEY. Either way the server's digests and metadata in Nova stay as they were.
 */
@Tag("integration")
class ReconfigureOnOpenStackIT {
  /** A /24 per test from 10.0.150-199, which the seed and the other ITs leave free. */
  private final String block = "10.0." + ThreadLocalRandom.current().nextInt(150, 200);
  private final String cluster = RealCloud.uniqueClusterName("reconf");
  private final List<Observed> made = Collections.synchronizedList(new ArrayList<>());
  private final OpenStackBackend plain = OpenStackBackend.builder().credentials(RealCloud.credentials()).build();
  @TempDir
  Path dir;

  @AfterEach
  void cleanUp() {
    List<Observed> reversed = new ArrayList<>(made);
    Collections.reverse(reversed);
    reversed.forEach(o -> plain.delete(cluster, o));
    assertThat(plain.observe(cluster).size()).as("what the test made is gone").isZero();
  }

  @Test
  void aJumpHostThatDoesNotAnswerIsUnreachableNamingNodeAndAddressAndNovaKeepsTheOldDigests() throws Exception {
    // given: a port on 127.0.0.1 bound, then closed, so nothing listens there
    ResourceId web = cluster();
    Observed before = observed(web);
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    List<String> dialled = Collections.synchronizedList(new ArrayList<>());
    OpenStackBackend backend = withSsh(loopback(closed, dialled));

    // when
    Throwable thrown = catchThrowable(() -> backend.reconfigure(cluster, before, update(web)));

    // then
    String floating = floatingIpOfController();
    assertThat(dialled).containsExactly(floating + ":22");
    assertThat(thrown).isInstanceOfSatisfying(BackendException.class, e -> {
      assertThat(e.reason()).isEqualTo(BackendException.Reason.UNREACHABLE);
      assertThat(e.resource()).contains(web);
    }).hasMessageContaining(cluster + "-web-1 (" + block + ".5)").hasMessageContaining(floating);
    assertThat(observed(web).spec()).isEqualTo(before.spec());
  }

  @Test
  void aJumpHostWhoseKeyItsConsoleNeverShowedIsRefusedAndNothingIsSent() throws Exception {
    // given: a stand-in sshd with a fresh host key; the fake driver's console prints no key
    ResourceId web = cluster();
    Observed before = observed(web);
    List<String> commands = Collections.synchronizedList(new ArrayList<>());
    try (SshServer sshd = standInSshd(commands)) {
      OpenStackBackend backend = withSsh(loopback(sshd.getPort(), new ArrayList<>()));

      // when
      Throwable thrown = catchThrowable(() -> backend.reconfigure(cluster, before, update(web)));

      // then
      assertThat(thrown).isInstanceOfSatisfying(BackendException.class, e -> {
        assertThat(e.reason()).isEqualTo(BackendException.Reason.HOST_KEY);
        assertThat(e.resource()).contains(web);
      });
      assertThat(commands).isEmpty();
      assertThat(observed(web).spec()).isEqualTo(before.spec());
    }
  }

  /** Every address to 127.0.0.1:{@code port}; what was asked recorded. */
  private static Dialer loopback(int port, List<String> dialled) {
    return (address, p) -> {
      dialled.add(address + ":" + p);
      return Dialer.direct().open("127.0.0.1", port);
    };
  }

  private OpenStackBackend withSsh(Dialer dialer) throws Exception {
    return OpenStackBackend.builder().credentials(RealCloud.credentials()).sshKey(TestSshKey.in(dir))
        .knownHosts(dir.resolve("known_hosts")).dialer(dialer).build();
  }

  /** MINA's own sshd on 127.0.0.1 that takes no one's key and records any command asked of it. */
  private static SshServer standInSshd(List<String> commands) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    SshServer s = SshServer.setUpDefaultServer();
    s.setHost("127.0.0.1");
    s.setPort(0);
    s.setKeyPairProvider(KeyPairProvider.wrap(g.generateKeyPair()));
    s.setPublickeyAuthenticator((user, key, session) -> true);
    s.setCommandFactory((channel, command) -> {
      commands.add(command);
      throw new java.io.IOException("the stand-in sshd runs nothing");
    });
    s.start();
    return s;
  }

  /** The controller (with a floating IP) and web-1, each on its port; returns web-1's id. */
  private ResourceId cluster() {
    Observed ctlPort = create(port("controller", 1));
    create(new FloatingIpSpec(ResourceId.of(ResourceKind.FLOATING_IP, "controller"), cluster + "-fip", "public",
        ctlPort.id()));
    create(server("controller", ctlPort.id(), "v1"));
    Observed webPort = create(port("web-1", 5));
    return create(server("web-1", webPort.id(), "v1")).id();
  }

  private NodeUpdate update(ResourceId web) {
    return new NodeUpdate(web, "web-1", Optional.of(ResourceId.of(ResourceKind.SERVER, "controller")),
        List.of(new NodeFile("/etc/app.conf", "root:root", 0644, false, "v2\n")),
        List.of(new NodeCommand("reload app", "true", Duration.ofSeconds(5))), false, List.of(), List.of(),
        server("web-1", ResourceId.of(ResourceKind.PORT, "web-1"), "v2"));
  }

  private String floatingIpOfController() {
    return observed(ResourceId.of(ResourceKind.FLOATING_IP, "controller")).fact(Observed.Facts.ADDRESS)
        .orElseThrow();
  }

  private Observed create(ResourceSpec spec) {
    Observed o = plain.create(cluster, spec, this::cloudId);
    made.add(o);
    return o;
  }

  private Optional<String> cloudId(ResourceId id) {
    return made.stream().filter(o -> o.id().equals(id)).map(Observed::cloudId).findFirst();
  }

  private Observed observed(ResourceId id) {
    return plain.observe(cluster).get(id).orElseThrow(() -> new AssertionError(id + " is not observed"));
  }

  private PortSpec port(String key, int last) {
    return new PortSpec(ResourceId.of(ResourceKind.PORT, key), cluster + "-" + key, "internal",
        Set.of(Ipv4Address.parse(block + "." + last)), Set.of());
  }

  private ServerSpec server(String key, ResourceId port, String version) {
    String ud = "#cloud-config\n# " + version + "\n";
    return new ServerSpec(ResourceId.of(ResourceKind.SERVER, key), cluster + "-" + key, "hpc", "debian-12", port,
        Optional.empty(), Optional.empty(), ud, ServerSpec.sha256(ud),
        Map.of("/etc/app.conf", ServerSpec.fileDigest(version + "\n")), Map.of("stackwright-node", key));
  }
}
