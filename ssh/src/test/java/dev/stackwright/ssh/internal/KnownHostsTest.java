package dev.stackwright.ssh.internal;

import static dev.stackwright.ssh.internal.HostKeyTest.ECDSA;
import static dev.stackwright.ssh.internal.HostKeyTest.ED25519;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsTest {
  @TempDir
  Path dir;

  @Test
  void pinnedKeysAreReadBackForTheirAddressOnlyInOpenSshsFormat() throws Exception {
    // given
    KnownHosts known = new KnownHosts(dir.resolve("known_hosts"));

    // when
    known.replace("10.0.1.5", List.of(new HostKey("ssh-ed25519", ED25519)));
    known.replace("10.0.1.6", List.of(new HostKey("ecdsa-sha2-nistp256", ECDSA)));

    // then
    assertThat(known.keysOf("10.0.1.5")).containsExactly(new HostKey("ssh-ed25519", ED25519));
    assertThat(known.keysOf("10.0.1.50")).isEmpty();
    assertThat(Files.readAllLines(dir.resolve("known_hosts"))).containsExactly("10.0.1.5 ssh-ed25519 " + ED25519,
        "10.0.1.6 ecdsa-sha2-nistp256 " + ECDSA);
  }

  @Test
  void replacingAnAddressKeepsOtherLinesAsTheyWere() throws Exception {
    // given
    Path file = dir.resolve("known_hosts");
    Files.write(file, List.of("# mine", "10.0.1.5 ssh-ed25519 " + ED25519, "[10.0.1.5]:2222 ssh-ed25519 " + ED25519));
    KnownHosts known = new KnownHosts(file);

    // when
    known.replace("10.0.1.5", List.of(new HostKey("ecdsa-sha2-nistp256", ECDSA)));

    // then
    assertThat(Files.readAllLines(file)).containsExactly("# mine", "[10.0.1.5]:2222 ssh-ed25519 " + ED25519,
        "10.0.1.5 ecdsa-sha2-nistp256 " + ECDSA);
  }

  @Test
  void aForgottenAddressHasNoKeys() {
    // given
    KnownHosts known = new KnownHosts(dir.resolve("known_hosts"));
    known.replace("10.0.1.5", List.of(new HostKey("ssh-ed25519", ED25519)));

    // when
    known.forget("10.0.1.5");

    // then
    assertThat(known.keysOf("10.0.1.5")).isEmpty();
  }
}
