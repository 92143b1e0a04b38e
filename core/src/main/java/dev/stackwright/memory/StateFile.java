package dev.stackwright.memory;

import dev.stackwright.StackwrightException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The file an in-memory cloud is kept in, and the lock that keeps a second process out of it. The lock is an OS file
 * lock on {@code FILE.lock} beside it (the state file itself is replaced at each write, so it cannot carry the lock),
 * held from {@link #open} to {@link #close}, and released by the OS when the process ends however it ends: a killed
 * run leaves no stale lock. The holder writes its pid into the lock file so that the one refused can name it.
 *
 * <p>Each write goes to a temporary file in the same directory, is forced to disk, then renamed over the state file,
 * and the directory is forced too: a reader, or a process started after a crash, finds the old state or the new one,
 * never half of one.
 */
final class StateFile implements AutoCloseable {
  private final Path file;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private StateFile(Path file, FileChannel lockChannel, FileLock lock) {
    this.file = file;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Lock files this process holds. Linux's file locks are per process, and closing any handle to a locked file drops
   * them all: a second opening in the same process must be refused from here, without touching the file.
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  /** Takes the lock of {@code file}, or refuses naming the file and the holder's pid; creates its directory (0700). */
  static StateFile open(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path lockFile = abs.resolveSibling(abs.getFileName() + ".lock");
    if (!HELD.add(lockFile)) {
      throw inUse(abs, lockFile, "pid " + ProcessHandle.current().pid() + ", this process");
    }
    FileChannel channel = null;
    try {
      createDirectory(abs.getParent());
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String holder = holder(lockFile);
        throw inUse(abs, lockFile, holder);
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      StateFile opened = new StateFile(abs, channel, lock);
      opened.removeTemporaryFiles();
      return opened;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel); // releases the lock if it was taken: nothing of a failed opening stays held
      HELD.remove(lockFile);
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new StackwrightException("cannot open the in-memory cloud's state " + abs + ": " + e
          + "; fix: make " + abs.getParent() + " a writable directory");
    }
  }

  private static StackwrightException inUse(Path abs, Path lockFile, String holder) {
    return new StackwrightException("the in-memory cloud kept in " + abs + " is in use by another stackwright run ("
        + holder + ", holding " + lockFile + "); nothing was changed. Fix: wait for that run to end, then run again");
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the process ending releases the lock all the same
      }
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // this process holds it already, through another cloud kept in the same file
    }
  }

  private static String holder(Path lockFile) {
    try {
      String pid = Files.readString(lockFile, StandardCharsets.US_ASCII).strip();
      if (!pid.matches("\\d+")) {
        return "pid unknown";
      }
      return "pid " + pid + (Long.parseLong(pid) == ProcessHandle.current().pid() ? ", this process" : "");
    } catch (IOException e) {
      return "pid unknown";
    }
  }

  private static void createDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  Path path() {
    return file;
  }

  /** The state the file holds; empty when there is no file yet. Refuses a corrupt file or one of a newer format. */
  Optional<CloudState> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StackwrightException("cannot read the in-memory cloud's state " + file + ": " + e
          + "; fix: make it readable, or delete " + file.getParent() + " to start from an empty cloud");
    }
    try {
      return Optional.of(CloudState.parse(text));
    } catch (CloudState.NewerFormat e) {
      throw new StackwrightException("the in-memory cloud's state " + file + " was written by a newer stackwright"
          + " (format version " + e.version + "; this one reads up to " + CloudState.VERSION + "); it was left as it"
          + " is. Fix: use that newer stackwright, or delete " + file.getParent() + " to start from an empty cloud");
    } catch (RuntimeException e) {
      throw new StackwrightException("the in-memory cloud's state " + file + " is not one stackwright can read: "
          + e.getMessage() + "; it was left as it is. Fix: restore it from a copy, or delete " + file.getParent()
          + " to start from an empty cloud (what it recorded is forgotten; no real cloud is touched)");
    }
  }

  /** Replaces the file's content with {@code text}, atomically and durably. */
  void save(String text) {
    if (!lock.isValid()) {
      throw new IllegalStateException("the in-memory cloud kept in " + file + " was closed; open it again to change"
          + " it");
    }
    Path dir = file.getParent();
    try {
      Path tmp = Files.createTempFile(dir, temporaryPrefix(), ".tmp");
      try {
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
          ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
          while (bytes.hasRemaining()) {
            out.write(bytes);
          }
          out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true); // the rename itself reaches the disk
      }
    } catch (IOException e) {
      throw new StackwrightException("cannot write the in-memory cloud's state " + file + ": " + e
          + "; fix: free space on the disk or make " + dir + " writable, then apply again");
    }
  }

  /** Temporary files a killed write left; under the lock no one else is writing one. */
  private void removeTemporaryFiles() throws IOException {
    try (DirectoryStream<Path> tmps = Files.newDirectoryStream(file.getParent(),
        p -> p.getFileName().toString().startsWith(temporaryPrefix()) && p.toString().endsWith(".tmp"))) {
      for (Path tmp : tmps) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private String temporaryPrefix() {
    return "." + file.getFileName() + "-";
  }

  /** Releases the lock; the files stay. */
  @Override
  public void close() {
    if (!lockChannel.isOpen()) {
      return;
    }
    closeQuietly(lockChannel); // closing the channel releases its lock
    HELD.remove(file.resolveSibling(file.getFileName() + ".lock"));
  }
}
