package dev.stackwright.ssh.internal;

import static dev.stackwright.ssh.internal.HostKeyTest.ECDSA;
import static dev.stackwright.ssh.internal.HostKeyTest.ED25519;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.ssh.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKeyCheckTest {
  private static final HostKey ED = new HostKey("ssh-ed25519", ED25519);
  private static final HostKey EC = new HostKey("ecdsa-sha2-nistp256", ECDSA);

  @TempDir
  Path dir;

  private static Target web(Optional<String> console) {
    return new Target(ResourceId.of(ResourceKind.SERVER, "web-1"), "web-1", "10.0.1.5", () -> console);
  }

  @Test
  void aKeyTheConsolePrintedIsTrustedAndEveryPrintedKeyIsPinned() {
    // given
    KnownHosts known = new KnownHosts(dir.resolve("known_hosts"));
    HostKeyCheck check = new HostKeyCheck(known);
    String console = ConsoleKeysTest.console("ecdsa-sha2-nistp256 " + ECDSA + " r", "ssh-ed25519 " + ED25519 + " r");

    // when
    Optional<String> refusal = check.check(web(Optional.of(console)), EC);

    // then
    assertThat(refusal).isEmpty();
    assertThat(known.keysOf("10.0.1.5")).containsExactly(EC, ED);
  }

  @Test
  void aKeyTheConsoleDidNotPrintIsRefusedWithBothFingerprints() {
    // given
    HostKeyCheck check = new HostKeyCheck(new KnownHosts(dir.resolve("known_hosts")));
    String console = ConsoleKeysTest.console("ssh-ed25519 " + ED25519 + " r");

    // when
    Optional<String> refusal = check.check(web(Optional.of(console)), EC);

    // then
    assertThat(refusal).hasValueSatisfying(m -> assertThat(m).contains("web-1 (10.0.1.5)", EC.fingerprint(),
        ED.fingerprint(), "nothing was sent"));
  }

  @Test
  void aPinnedKeyWinsOverTheConsole() {
    // given
    KnownHosts known = new KnownHosts(dir.resolve("known_hosts"));
    known.replace("10.0.1.5", List.of(ED));
    HostKeyCheck check = new HostKeyCheck(known);
    String console = ConsoleKeysTest.console("ecdsa-sha2-nistp256 " + ECDSA + " r");

    // when
    Optional<String> refusal = check.check(web(Optional.of(console)), EC);

    // then
    assertThat(refusal).hasValueSatisfying(m -> assertThat(m).contains("known-hosts file", EC.fingerprint(),
        ED.fingerprint(), "ssh-keygen -R 10.0.1.5"));
    assertThat(known.keysOf("10.0.1.5")).containsExactly(ED);
  }

  @Test
  void noConsoleAndNothingPinnedIsRefused() {
    // given
    HostKeyCheck check = new HostKeyCheck(new KnownHosts(dir.resolve("known_hosts")));

    // when
    Optional<String> refusal = check.check(web(Optional.empty()), ED);

    // then
    assertThat(refusal).hasValueSatisfying(m -> assertThat(m).contains("printed no host keys"));
  }
}
