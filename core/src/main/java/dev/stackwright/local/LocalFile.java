package dev.stackwright.local;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file of a node as a local run holds it: where the renderer (or the node's image) put it on the node, where it
 * is on this machine, and its content after the {@link LocalMapping}.
 *
 * @param nodePath the path on the node, {@code /etc/redis/redis.conf}
 * @param hostPath where it is written here, {@code RUN_DIR/redis-1/etc/redis/redis.conf}
 * @param content the mapped content
 */
public record LocalFile(String nodePath, Path hostPath, String content) {
  public LocalFile {
    Objects.requireNonNull(nodePath, "nodePath");
    Objects.requireNonNull(hostPath, "hostPath");
    Objects.requireNonNull(content, "content");
  }

  /** The file's name, {@code redis.conf}. */
  public String fileName() {
    int slash = nodePath.lastIndexOf('/');
    return slash < 0 ? nodePath : nodePath.substring(slash + 1);
  }
}
