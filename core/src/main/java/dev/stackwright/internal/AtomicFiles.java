package dev.stackwright.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * Files written whole or not at all: through a file beside the target, moved into place, so a reader (or a run after a
 * crash) sees the old file or the new one, never half of one. One mechanism for the rendered files, the generated
 * secrets, the Heat template and the topology picture.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Whether this file system takes POSIX modes. */
  public static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Writes {@code content} to {@code target}, whose directory must exist. With a {@code mode}, the file beside is
   * owner-only from the moment it exists (a secret is never readable by others on the way) and gets {@code mode}
   * before the move, on a POSIX file system; with {@code null}, the file gets the mode any new file of the user's
   * gets.
   */
  public static void write(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path partial;
    if (mode == null) {
      partial = besides(target);
      Files.write(partial, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } else {
      partial = posix()
          ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
          : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    }
    try {
      if (mode != null) {
        Files.write(partial, content);
        if (posix()) {
          Files.setPosixFilePermissions(partial, mode);
        }
      }
      replace(partial, target);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** A name beside {@code target} that no one else uses, for a file its writer makes (a program's output, say). */
  public static Path besides(Path target) {
    return target.toAbsolutePath().getParent()
        .resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".partial");
  }

  /** Moves {@code from} over {@code to}: atomically where the file system can. */
  public static void replace(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
