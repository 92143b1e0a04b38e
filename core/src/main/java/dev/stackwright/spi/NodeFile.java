package dev.stackwright.spi;

import java.util.Objects;

/**
 * A file to put on a running node, written whole or not at all (a temporary file beside it, then a rename), with its
 * owner and mode. Its content is never printed: {@link #toString()} gives the path, owner, mode and length only, since
 * many files hold secrets ({@link #secret()}: mode 0600, never logged or shown in a diff).
 *
 * @param owner {@code user:group}, by name, as the node knows them
 */
public record NodeFile(String path, String owner, int mode, boolean secret, String content) {
  public NodeFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(content, "content");
    if (!path.startsWith("/") || path.contains("/../") || path.endsWith("/")) {
      throw new IllegalArgumentException("a node file's path must be absolute and plain: " + path);
    }
    if (!owner.matches("[a-z_][a-z0-9_-]*:[a-z_][a-z0-9_-]*")) {
      throw new IllegalArgumentException("owner of " + path + " must be user:group, such as root:root: " + owner);
    }
    if (mode < 0 || mode > 07777) {
      throw new IllegalArgumentException("mode of " + path + " is not a file mode: " + Integer.toOctalString(mode));
    }
  }

  @Override
  public String toString() {
    return "NodeFile[" + path + ", " + owner + ", " + String.format("%04o", mode) + ", " + content.length()
        + " characters" + (secret ? ", secret" : "") + "]";
  }
}
