package dev.stackwright.cli;

import dev.stackwright.StackwrightException;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.RenderedFile;
import dev.stackwright.spi.ServerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files a successful apply gave the nodes, kept on this machine under {@code <state>/<cluster>/applied/<node>/<path
 * on the node>}, so that {@code plan --diff} can show what a change does to a file: the engine never reads a file back
 * from the cloud, which records only digests. A kept file counts only while its digest is the one the cloud records
 * for that node and path (another machine, or a later apply from elsewhere, leaves it stale, and then it is not used).
 *
 * <p>Secret files are not kept: their diff shows no content anyway, and a copy of a password outside the secrets
 * store would be one more file to guard. Directories are 0700 all the same: the configs name hosts and users.
 */
final class AppliedFiles {
  static final String DIRECTORY = "applied";

  private final Path dir;

  AppliedFiles(Path stateDirectory, String cluster) {
    this.dir = stateDirectory.resolve(cluster).resolve(DIRECTORY);
  }

  Path directory() {
    return dir;
  }

  /** Replaces what was kept with {@code rendered}'s files that hold no secret. */
  void keep(RenderedCluster rendered) {
    Path next = dir.resolveSibling(DIRECTORY + ".new");
    try {
      forget(next);
      for (RenderedFile f : rendered.allFiles()) {
        if (!f.secret()) {
          Path target = inside(next, f.node(), f.path());
          createPrivateDirectories(target.getParent());
          Files.writeString(target, f.content(), StandardCharsets.UTF_8);
        }
      }
      forget(dir);
      Files.createDirectories(dir.getParent());
      Files.move(next, dir);
    } catch (IOException e) {
      throw new StackwrightException("cannot keep the applied files under " + dir + " (plan --diff shows their"
          + " changes from them): " + e.getMessage() + "; fix: make " + dir.getParent() + " writable", e);
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
    if (Files.isDirectory(dir)) {
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
