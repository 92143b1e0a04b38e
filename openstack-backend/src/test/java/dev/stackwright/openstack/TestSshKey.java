package dev.stackwright.openstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** An OpenSSH private key file made by {@code ssh-keygen} for a test: the half the backend logs in with. */
final class TestSshKey {
  private TestSshKey() {}

  static Path in(Path dir) throws IOException, InterruptedException {
    Path key = dir.resolve("id_ed25519");
    Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", key.toString())
        .inheritIO().start();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("ssh-keygen could not make a test key in " + dir);
    }
    return key;
  }
}
