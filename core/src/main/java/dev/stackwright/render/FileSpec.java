package dev.stackwright.render;

import dev.stackwright.model.OnChange;
import java.util.Map;

/**
 * A file a node needs, before rendering: which template, where it goes, its mode and owner, whether it holds a secret,
 * and the role instance it is for (empty for a node-wide file). A cluster-wide file is the same on every node: it is
 * rendered once per cluster, from the cluster's context without {@code node} or {@code instance}, since a file that
 * lists every node would otherwise cost each node the size of the cluster.
 */
record FileSpec(String template, String path, int mode, String owner, boolean secret, Map<String, Object> instance,
    boolean clusterWide, OnChange onChange) {
  static FileSpec of(String template, String path, Map<String, Object> instance) {
    return new FileSpec(template, path, 0644, "root:root", false, instance, false, OnChange.NOTHING);
  }

  static FileSpec secret(String template, String path, String owner, Map<String, Object> instance) {
    return new FileSpec(template, path, 0600, owner, true, instance, false, OnChange.NOTHING);
  }

  /** A file of mode 0644 owned by root, the same on every node that gets it. */
  static FileSpec clusterWide(String template, String path) {
    return new FileSpec(template, path, 0644, "root:root", false, Map.of(), true, OnChange.NOTHING);
  }
}
