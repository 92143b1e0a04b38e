package dev.stackwright.engine;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One file a plan's change writes on a node with other content than the cloud records for it: added (a new server's
 * files, or a file a node is given now), changed, or no longer given. Digests are the short ones servers carry in
 * their metadata ({@link dev.stackwright.spi.ServerSpec#fileDigestOf}). Never the content.
 *
 * @param oldDigest what the cloud records for the node and path; empty for an added file
 * @param newDigest what the model gives it now; empty for a file no longer given (left on the node)
 * @param secret whether the content holds a secret, so shows none; a file no longer given counts as one (the plan no
 *     longer knows what it held)
 * @param linesAdded lines the new content adds, when known (the whole file for an added one; for a changed one only
 *     when the previous content is known, as {@code plan --diff} knows it from the files kept at the last apply);
 *     never for a secret file
 * @param linesRemoved lines the new content removes, when known
 * @param reason why the content changed, when the renderer knows: {@code certificate of webserver-1 (expires on
 *     2027-01-02, within 30 days) renewed}; never any content
 */
public record FileChange(String node, String path, Optional<String> oldDigest, Optional<String> newDigest,
    boolean secret, OptionalInt linesAdded, OptionalInt linesRemoved, Optional<String> reason) {

  public FileChange {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(oldDigest, "oldDigest");
    Objects.requireNonNull(newDigest, "newDigest");
    Objects.requireNonNull(linesAdded, "linesAdded");
    Objects.requireNonNull(linesRemoved, "linesRemoved");
    Objects.requireNonNull(reason, "reason");
    if (oldDigest.isEmpty() && newDigest.isEmpty()) {
      throw new IllegalArgumentException(node + ":" + path + " needs an old or a new digest");
    }
    if (secret && (linesAdded.isPresent() || linesRemoved.isPresent())) {
      throw new IllegalArgumentException(node + ":" + path + " is secret: its lines are not counted");
    }
  }

  /** A file change with no reason beyond its digests. */
  public FileChange(String node, String path, Optional<String> oldDigest, Optional<String> newDigest,
      boolean secret, OptionalInt linesAdded, OptionalInt linesRemoved) {
    this(node, path, oldDigest, newDigest, secret, linesAdded, linesRemoved, Optional.empty());
  }

  /** {@code added}, {@code changed} or {@code removed} (no longer given). */
  public String status() {
    return oldDigest.isEmpty() ? "added" : newDigest.isEmpty() ? "removed" : "changed";
  }

  /** The same file with the lines its new content adds and removes. */
  public FileChange withLines(int added, int removed) {
    return new FileChange(node, path, oldDigest, newDigest, secret, OptionalInt.of(added), OptionalInt.of(removed),
        reason);
  }
}
