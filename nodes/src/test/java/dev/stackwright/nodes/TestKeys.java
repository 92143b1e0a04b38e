package dev.stackwright.nodes;

import dev.stackwright.nodes.internal.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A throwaway ed25519 key pair for the servers of one IT, in a directory of its own: the private half for the nodes
 * backend's SSH, the public half ({@code id.pub}) for the engine's keypair.
 */
final class TestKeys {
  private TestKeys() {}

  /** Makes the pair; returns the directory that holds {@code id} and {@code id.pub}. */
  static Path make(String comment) throws IOException {
    Path dir = Files.createTempDirectory("stackwright-" + comment + "-keys-");
    Host.ok("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", dir.resolve("id").toString());
    return dir;
  }

  /** Deletes the pair and its directory; nothing when {@code dir} is null. */
  static void remove(Path dir) throws IOException {
    if (dir == null) {
      return;
    }
    for (String f : List.of("id", "id.pub")) {
      Files.deleteIfExists(dir.resolve(f));
    }
    Files.deleteIfExists(dir);
  }
}
