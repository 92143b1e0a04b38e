package dev.stackwright.cli;

import dev.stackwright.StackwrightException;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.RenderedFile;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ServerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the nodes' files held at the last apply from this machine, kept under
 * {@code <state>/<cluster>/applied/<node>/<path on the node>}, so that {@code plan --diff} can show what a change does to a file: the engine never reads a file back
 * from the cloud, which records only digests. After an apply, each node keeps the content whose digest the cloud then
 * records for it (the new file, or the previous one where the change did not reach the node); a kept file counts only
 * while the cloud still records its digest (another machine's apply leaves it stale, and then it is not used).
 *
 * <p>Secret files are not kept: their diff shows no content anyway, and a copy of a password outside the secrets
 * store would be one more file to guard. Directories are 0700 all the same: the configs name hosts and users.
 */
final class AppliedFiles {
  static final String DIRECTORY = "applied";

  private final Path dir;

  AppliedFiles(Path stateDirectory, String cluster) {
    // absolute: the private directories are made from the first missing one upwards, which a relative path hides
    this.dir = stateDirectory.toAbsolutePath().resolve(cluster).resolve(DIRECTORY);
  }

  Path directory() {
    return dir;
  }

  /**
   * Keeps, for each node and path, the content whose digest the cloud records for it now (each server's in {@code
   * observed}): {@code rendered}'s file when the apply gave it, else the one kept before when the node still has that
   * (a node the apply failed on, or kept as drift). Secret files are never kept; what matches nothing is dropped.
   * The new set replaces the old in one rename, so a plan never reads half of each.
   */
  void keep(RenderedCluster rendered, Observation observed) {
    Map<String, Map<String, String>> recorded = new LinkedHashMap<>();
    for (Observed o : observed.resources()) {
      if (o.spec() instanceof ServerSpec server) {
        recorded.put(o.id().key(), server.fileDigests());
      }
    }
    Path next = dir.resolveSibling(DIRECTORY + ".new");
    try {
      forget(next);
      recorded.forEach((node, digests) -> digests.forEach((path, digest) -> {
        Optional<RenderedFile> now = rendered.nodes().contains(node) ? rendered.file(node, path) : Optional.empty();
        if (now.filter(RenderedFile::secret).isEmpty()) {
          now.filter(f -> ServerSpec.fileDigestOf(f.sha256()).equals(digest)).map(RenderedFile::content)
              .or(() -> content(node, path, digest)).ifPresent(c -> write(inside(next, node, path), c));
        }
      }));
      // the old set is moved aside, not deleted, before the new one takes its name: a crash between the two renames
      // leaves no half set under the name plan reads (its diff then says "not known"), and the next keep clears both
      Path old = dir.resolveSibling(DIRECTORY + ".old");
      forget(old);
      Files.createDirectories(dir.getParent());
      if (Files.isDirectory(dir)) {
        Files.move(dir, old);
      }
      if (Files.isDirectory(next)) {
        Files.move(next, dir);
      }
      forget(old);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new StackwrightException("cannot keep the applied files under " + dir + " (plan --diff shows their"
          + " changes from them): " + e.getMessage() + "; fix: make " + dir.getParent() + " writable", e);
    }
  }

  private static void write(Path target, String content) {
    try {
      createPrivateDirectories(target.getParent());
      Files.writeString(target, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Removes every kept file: after a destroy, no node has them. */
  void forgetAll() {
    try {
      forget(dir);
    } catch (IOException e) {
      throw new StackwrightException("cannot remove the applied files under " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The content kept for {@code node} and {@code path}, only when its short digest is {@code digest}, the one the
   * cloud records: otherwise this machine does not know what the node has.
   */
  Optional<String> content(String node, String path, String digest) {
    Path file = inside(dir, node, path);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      return ServerSpec.fileDigest(content).equals(digest) ? Optional.of(content) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // unreadable: not known, as the plan then says
    }
  }

  /** {@code base/<node>/<path>}, refusing what would leave {@code base}. */
  private static Path inside(Path base, String node, String path) {
    Path nodeDir = base.resolve(node).normalize();
    Path target = nodeDir.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
    if (!nodeDir.startsWith(base.normalize()) || !target.startsWith(nodeDir) || target.equals(nodeDir)) {
      throw new StackwrightException("refusing the kept file " + node + ":" + path + ": it would be outside " + base);
    }
    return target;
  }

  private static void createPrivateDirectories(Path dir) throws IOException {
    if (dir == null || Files.isDirectory(dir)) {
      return;
    }
    createPrivateDirectories(dir.getParent());
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectory(dir);
    }
  }

  private static void forget(Path tree) throws IOException {
    if (!Files.exists(tree)) {
      return;
    }
    try (Stream<Path> all = Files.walk(tree)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
