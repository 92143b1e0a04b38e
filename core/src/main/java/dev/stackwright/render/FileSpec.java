package dev.stackwright.render;

import java.util.Map;

/**
 * A file a node needs, before rendering: which template, where it goes, its mode and owner, whether it holds a secret,
 * and the role instance it is for (empty for a node-wide file).
 */
record FileSpec(String template, String path, int mode, String owner, boolean secret, Map<String, Object> instance) {
  static FileSpec of(String template, String path, Map<String, Object> instance) {
    return new FileSpec(template, path, 0644, "root:root", false, instance);
  }

  static FileSpec secret(String template, String path, String owner, Map<String, Object> instance) {
    return new FileSpec(template, path, 0600, owner, true, instance);
  }
}
