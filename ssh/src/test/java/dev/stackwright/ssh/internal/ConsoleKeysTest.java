package dev.stackwright.ssh.internal;

import static dev.stackwright.ssh.internal.HostKeyTest.ECDSA;
import static dev.stackwright.ssh.internal.HostKeyTest.ED25519;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleKeysTest {
  /** What cloud-init prints: fingerprints (DSA among them) with a prefix, then the keys' block. */
  static String console(String... keyLines) {
    return "[  OK  ] Started ssh.service\r\n"
        + "<14>Dec  7 01:00:00 cloud-init: #############################################################\r\n"
        + "<14>Dec  7 01:00:00 cloud-init: -----BEGIN SSH HOST KEY FINGERPRINTS-----\r\n"
        + "<14>Dec  7 01:00:00 cloud-init: 1024 SHA256:aaaa root@web-1 (DSA)\r\n"
        + "<14>Dec  7 01:00:00 cloud-init: -----END SSH HOST KEY FINGERPRINTS-----\r\n"
        + "-----BEGIN SSH HOST KEY KEYS-----\r\n" + String.join("\r\n", keyLines) + "\r\n"
        + "-----END SSH HOST KEY KEYS-----\r\n"
        + "Cloud-init v. 22.4.2 finished\r\n";
  }

  @Test
  void theKeysAreTheBlocksLines() {
    // when
    var keys = ConsoleKeys.parse(console("ecdsa-sha2-nistp256 " + ECDSA + " root@web-1",
        "ssh-ed25519 " + ED25519 + " root@web-1"));

    // then
    assertThat(keys).containsExactly(new HostKey("ecdsa-sha2-nistp256", ECDSA), new HostKey("ssh-ed25519", ED25519));
  }

  @Test
  void aConsoleBootedTwiceGivesTheLastBlock() {
    // when
    var keys = ConsoleKeys.parse(console("ssh-ed25519 " + ED25519 + " old") + console("ecdsa-sha2-nistp256 " + ECDSA
        + " new"));

    // then
    assertThat(keys).containsExactly(new HostKey("ecdsa-sha2-nistp256", ECDSA));
  }

  @Test
  void aBlockNotEndedYetGivesNothing() {
    // when
    var keys = ConsoleKeys.parse("-----BEGIN SSH HOST KEY KEYS-----\nssh-ed25519 " + ED25519 + " root@web-1\n");

    // then
    assertThat(keys).isEmpty();
  }
}
