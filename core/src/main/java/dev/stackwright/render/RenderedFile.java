package dev.stackwright.render;

import dev.stackwright.internal.SafeText;
import dev.stackwright.render.internal.Digests;
import dev.stackwright.model.OnChange;
import java.util.Objects;
import java.util.Optional;

/**
 * One rendered file of one node: where it goes on the node, its mode and owner, and its content. A file that holds a
 * secret is marked {@link #secret()} and always has mode 0600. No {@code toString()} prints the content.
 */
public final class RenderedFile {
  private final String node;
  private final String path;
  private final int mode;
  private final String owner;
  private final String content;
  private final boolean secret;
  private final String sha256;
  private final OnChange onChange;
  private final Optional<String> reason;

  private RenderedFile(String node, String path, int mode, String owner, String content, boolean secret,
      String sha256, OnChange onChange, Optional<String> reason) {
    this.onChange = Objects.requireNonNull(onChange, "onChange");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.node = Objects.requireNonNull(node, "node");
    this.path = Objects.requireNonNull(path, "path");
    this.owner = Objects.requireNonNull(owner, "owner");
    this.content = Objects.requireNonNull(content, "content");
    check(node, path, mode);
    this.secret = secret;
    this.mode = secret ? 0600 : mode;
    this.sha256 = sha256 != null ? sha256 : Digests.sha256Hex(content);
  }

  /** Refuses a path that is not a plain absolute path, or a mode that is not a file mode. */
  static void check(String node, String path, int mode) {
    if (!path.startsWith("/") || path.endsWith("/") || path.contains("/../") || path.endsWith("/..")
        || path.contains("/./") || path.contains("//") || hasControlOrSpace(path)) {
      throw new IllegalArgumentException("path \"" + SafeText.printable(path) + "\" of a file"
          + (node == null ? "" : " on node " + node) + " is not a plain absolute path; write it like "
          + "\"/etc/myapp/app.conf\"");
    }
    if (mode < 0 || mode > 07777) {
      throw new IllegalArgumentException("mode " + Integer.toOctalString(mode) + " of " + path
          + " is not a file mode; write it in octal such as 0644");
    }
  }

  private static boolean hasControlOrSpace(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x21 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  /**
   * A file for {@code node}. {@code secret} files get mode 0600 whatever {@code mode} says.
   *
   * @param owner {@code user:group}, such as {@code root:root}
   */
  public static RenderedFile of(String node, String path, int mode, String owner, String content, boolean secret) {
    return new RenderedFile(node, path, mode, owner, content, secret, null, OnChange.NOTHING, Optional.empty());
  }

  /** A file whose content's SHA-256 is known already: a cluster-wide file, hashed once for every node. */
  static RenderedFile of(String node, String path, int mode, String owner, String content, boolean secret,
      String sha256) {
    return new RenderedFile(node, path, mode, owner, content, secret, Objects.requireNonNull(sha256, "sha256"),
        OnChange.NOTHING, Optional.empty());
  }

  /** The node's name, such as {@code webserver-1}. */
  public String node() {
    return node;
  }

  /** The absolute path on the node. */
  public String path() {
    return path;
  }

  /** The permission bits, such as {@code 0644}; 0600 for a secret file. */
  public int mode() {
    return mode;
  }

  /** The mode as four octal digits: {@code "0644"}. */
  public String modeOctal() {
    String octal = Integer.toOctalString(mode);
    return "0000".substring(Math.min(octal.length(), 4)) + octal;
  }

  /** {@code user:group}. */
  public String owner() {
    return owner;
  }

  public String content() {
    return content;
  }

  /** True when the content holds a secret (a password, a key, a cookie, or a hash of one). */
  public boolean secret() {
    return secret;
  }

  /** The SHA-256 of the content's UTF-8 bytes, in lower-case hex. */
  public String sha256() {
    return sha256;
  }

  /**
   * What a change of this file needs on a running node, its unit named for this node ({@code restart gunicorn-api});
   * {@code nothing} for a file read afresh each time ({@code /etc/hosts}) and for the user's extra files.
   */
  public OnChange onChange() {
    return onChange;
  }

  /** The same file, needing {@code onChange} when it changes on a running node. */
  public RenderedFile needing(OnChange onChange) {
    return new RenderedFile(node, path, mode, owner, content, secret, sha256, onChange, reason);
  }

  /**
   * Why the content is what it is, when that is news a plan should tell beside the file's change: {@code certificate
   * of webserver-1 (expires on 2027-01-02, within 30 days) renewed}. Never any content.
   */
  public Optional<String> reason() {
    return reason;
  }

  /** The same file, with the reason a change of it has. */
  RenderedFile because(String reason) {
    return new RenderedFile(node, path, mode, owner, content, secret, sha256, onChange, Optional.of(reason));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RenderedFile f && f.node.equals(node) && f.path.equals(path) && f.mode == mode
        && f.owner.equals(owner) && f.secret == secret && f.content.equals(content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(node, path, sha256);
  }

  /** {@code webserver-1:/etc/hosts (0644 root:root, 412 bytes, sha256 3f2a9c01)}; never the content. */
  @Override
  public String toString() {
    return node + ":" + path + " (" + modeOctal() + " " + owner + (secret ? ", secret" : "") + ", "
        + content.length() + " chars, sha256 " + sha256.substring(0, 8) + ")";
  }
}
