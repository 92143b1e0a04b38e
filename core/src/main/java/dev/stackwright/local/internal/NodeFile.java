package dev.stackwright.local.internal;

import dev.stackwright.model.OnChange;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One file of a node as the local run writes it: where the renderer put it on the node, where it lives on this
 * machine, its mode, and its content after the mapping.
 *
 * @param node the node's name, {@code webserver-1}
 * @param nodePath the path on the node, as rendered
 * @param hostPath where it is written here
 * @param mode octal permission bits such as {@code 0644}
 * @param owner {@code user:group} as rendered; applied when this run is root and the user exists here
 * @param content the mapped content
 * @param onChange what a change of it needs in the processes that read it
 */
public record NodeFile(String node, String nodePath, Path hostPath, int mode, String owner, String content,
    OnChange onChange) {
  public NodeFile {
    Objects.requireNonNull(onChange, "onChange");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(nodePath, "nodePath");
    Objects.requireNonNull(hostPath, "hostPath");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(content, "content");
  }

  /** A file whose change needs nothing (one the node's image provides). */
  public NodeFile(String node, String nodePath, Path hostPath, int mode, String owner, String content) {
    this(node, nodePath, hostPath, mode, owner, content, OnChange.NOTHING);
  }

  /** The file's name, {@code nginx.conf}. */
  public String fileName() {
    int slash = nodePath.lastIndexOf('/');
    return slash < 0 ? nodePath : nodePath.substring(slash + 1);
  }
}
