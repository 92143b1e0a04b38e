package dev.stackwright.ssh.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostKeyTest {
  static final String ED25519 = "AAAAC3NzaC1lZDI1NTE5AAAAIOyVymKrLePp1cjM+W2MspAS/CC1dWuD+ZS/Ij87pIpL";
  static final String ECDSA = "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBPGvukSHNtPfhHmRml7oOqFmwRVDfc8Wh"
      + "sphgyD3Q1tzuCMmeJQOaXpk5MkMOxg7RsduTV4ezrcb9iUkd74Or4w=";

  @Test
  void theFingerprintIsOpenSshs() {
    // given (ssh-keygen -l said SHA256:Djv/HLe026LjkMUjqd9nUb8AlPnd9IfXJhnDaIm1IUo for this key)
    HostKey key = new HostKey("ssh-ed25519", ED25519);

    // then
    assertThat(key.fingerprint()).isEqualTo("SHA256:Djv/HLe026LjkMUjqd9nUb8AlPnd9IfXJhnDaIm1IUo");
  }

  @Test
  void aKeyIsFoundInALineWithAPrefixAndAComment() {
    // when
    var found = HostKey.find("[   12.3] ecdsa-sha2-nistp256 " + ECDSA + " root@web-1\r");

    // then
    assertThat(found).contains(new HostKey("ecdsa-sha2-nistp256", ECDSA));
  }

  @Test
  void aFingerprintLineIsNoKey() {
    // when
    var found = HostKey.find("ci-info: | ssh-ed25519 | 0e:3b:ff:1c | - | t |");

    // then
    assertThat(found).isEmpty();
  }
}
