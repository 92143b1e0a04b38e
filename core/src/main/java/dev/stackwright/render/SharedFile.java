package dev.stackwright.render;

import dev.stackwright.render.internal.Digests;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A cluster-wide file, rendered, scanned for secrets (and secret when its render read one), hashed and compressed once
 * per render: the same content for every node that gets it, so a file listing every node costs the cluster its size
 * once, not once per node. {@code readsPending} tells that its render read a pending network fact.
 */
record SharedFile(FileSpec spec, String content, boolean secret, String sha256, String gzipBase64,
    boolean readsPending) {
  static SharedFile of(FileSpec spec, String content, boolean readSecret, List<String> secretValues,
      boolean readsPending) {
    boolean secret = spec.secret() || readSecret || secretValues.stream().anyMatch(content::contains);
    byte[] utf8 = content.getBytes(StandardCharsets.UTF_8);
    return new SharedFile(spec, content, secret, Digests.sha256Hex(utf8), Digests.gzipBase64(utf8), readsPending);
  }

  RenderedFile file(String node) {
    return RenderedFile.of(node, spec.path(), spec.mode(), spec.owner(), content, secret, sha256);
  }
}
