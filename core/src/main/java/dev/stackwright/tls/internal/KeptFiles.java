package dev.stackwright.tls.internal;

import dev.stackwright.StackwrightException;
import dev.stackwright.internal.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster CA's directory: mode 0700, keys in it 0600, certificates and reasons 0644, each written whole or not at
 * all. A directory found open to others is narrowed, as the generated secrets' file is.
 */
final class KeptFiles {
  private static final Logger LOG = LoggerFactory.getLogger(KeptFiles.class);
  static final Set<PosixFilePermission> KEY_MODE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> PUBLIC_MODE = PosixFilePermissions.fromString("rw-r--r--");
  static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

  private final Path dir;

  KeptFiles(Path dir) {
    this.dir = dir.toAbsolutePath();
  }

  Path dir() {
    return dir;
  }

  /** The file's text, or empty when there is none. */
  Optional<String> read(String name) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new StackwrightException("cannot read " + file + " (" + e.getClass().getSimpleName() + "); fix: make the"
          + " cluster CA's directory readable by this user, or move it away to start a new CA");
    }
  }

  boolean exists(String name) {
    return Files.exists(dir.resolve(name));
  }

  /** Writes {@code text} as {@code name}: owner-only when it is a key. */
  void write(String name, String text, boolean key) {
    try {
      directory();
      AtomicFiles.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8), key ? KEY_MODE : PUBLIC_MODE);
    } catch (IOException e) {
      throw new StackwrightException("cannot keep " + name + " in the cluster CA's directory " + dir + " ("
          + e.getClass().getSimpleName() + "); fix: make it writable, or set STACKWRIGHT_STATE_DIR elsewhere");
    }
  }

  private void directory() throws IOException {
    boolean posix = AtomicFiles.posix();
    if (!Files.isDirectory(dir)) {
      // Only the CA's own directory is private: parents (a test's target/, a state directory) keep the usual mode.
      Path parent = dir.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (posix) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
      } else {
        Files.createDirectories(dir);
      }
    }
    if (posix && !Files.getPosixFilePermissions(dir).equals(DIR_MODE)) {
      Files.setPosixFilePermissions(dir, DIR_MODE);
      LOG.warn("the cluster CA's directory {} was open to others; its mode is now 0700", dir);
    }
  }

  @Override
  public String toString() {
    return dir.toString();
  }
}
