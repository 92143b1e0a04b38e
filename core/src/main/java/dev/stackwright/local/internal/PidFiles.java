package dev.stackwright.local.internal;

import dev.stackwright.local.LocalRunException;
import dev.stackwright.local.LocalService;
import dev.stackwright.local.LocalServiceState;
import dev.stackwright.local.LocalEndpoint;
import dev.stackwright.local.internal.Processes.Pid;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The run's state: one pid file per started service in {@code RUN_DIR/pids} (pid and start time, kind, node,
 * endpoints, start phase), the runners' state files beside them, and the lock that lets one apply or destroy at a
 * time work on a run directory.
 */
final class PidFiles {
  /**
   * Run directories this process holds. A file lock belongs to the process, and closing any channel of the file
   * releases it, so a second apply in this process must be refused before it opens the file at all.
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  /** The prefix of the state files that hold each node's deployed application. */
  private static final String DEPLOYED = "application@";

  private final Path runDir;
  private final Path dir;

  PidFiles(Path runDir) {
    this.runDir = runDir;
    this.dir = dirOf(runDir);
  }

  Path runDir() {
    return runDir;
  }

  Path dir() {
    return dir;
  }

  /** The directory of the pid files of the run in {@code runDir}. */
  static Path dirOf(Path runDir) {
    return runDir.resolve("pids");
  }

  /**
   * A pid file as read back.
   *
   * @param phase the phase it started in; 0 when the file does not say (such a process stops last)
   */
  record Recorded(String name, Pid pid, String kind, String node, List<String> endpoints, int phase, Path file) {}

  void record(ServiceSpec s, Pid pid) throws IOException {
    String text = pid.format() + "\n" + s.kind() + "\n" + s.node() + "\n"
        + s.endpoints().stream().map(LocalEndpoint::toString).collect(Collectors.joining(" ")) + "\n"
        + s.phase() + "\n";
    Files.writeString(dir.resolve(s.name() + ".pid"), text);
  }

  /** Records the application {@code node} was last given ({@code demo v1.1}; empty when it runs none). */
  void recordDeployed(String node, String application) throws IOException {
    Files.writeString(dir.resolve(DEPLOYED + node), application + "\n");
  }

  /** Each node's application as last recorded; a node the run never deployed is absent. */
  java.util.Map<String, String> deployed() {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (var stream = Files.list(dir)) {
      for (Path f : stream.filter(p -> p.getFileName().toString().startsWith(DEPLOYED)).toList()) {
        out.put(f.getFileName().toString().substring(DEPLOYED.length()), Files.readString(f).strip());
      }
    } catch (IOException e) {
      // an unreadable record is no record: the node is deployed again
    }
    return out;
  }

  /** The alive processes of every pid file, by name. */
  java.util.Map<String, Recorded> alive() {
    java.util.Map<String, Recorded> out = new java.util.LinkedHashMap<>();
    for (Recorded r : all(new ArrayList<>())) {
      if (Processes.alive(r.pid())) {
        out.put(r.name(), r);
      }
    }
    return out;
  }

  /** The recorded pid of {@code name}; empty when there is none or it cannot be read (then it is started anew). */
  Optional<Pid> recorded(String name) {
    Path f = dir.resolve(name + ".pid");
    try {
      return Files.isRegularFile(f) ? Pid.parse(Files.readAllLines(f).get(0)) : Optional.empty();
    } catch (IOException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  /**
   * Every pid file. One that holds no pid (empty, not text, not a number) names no process to stop: it is removed,
   * and reported in {@code removed}. One that cannot be read at all is refused with its path and the fix.
   */
  List<Recorded> all(List<LocalService> removed) {
    List<Recorded> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    List<Path> files;
    try (var stream = Files.list(dir)) {
      files = stream.filter(p -> p.toString().endsWith(".pid")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new LocalRunException("cannot list " + dir + ", the run's pid files (" + e.getMessage() + "); fix: make"
          + " it a directory this user can read", runDir);
    }
    for (Path f : files) {
      String name = f.getFileName().toString().replaceFirst("\\.pid$", "");
      List<String> lines = lines(f);
      Optional<Pid> pid = lines.isEmpty() ? Optional.empty() : Pid.parse(lines.get(0));
      if (pid.isEmpty()) {
        delete(f);
        removed.add(new LocalService(name, "-", "-", LocalServiceState.NOT_RUNNING, "its pid file held no pid ("
            + f + "); removed it", OptionalLong.empty(), List.of()));
        continue;
      }
      out.add(new Recorded(name, pid.get(), lines.size() > 1 ? lines.get(1) : "", lines.size() > 2 ? lines.get(2) : "",
          lines.size() > 3 && !lines.get(3).isBlank() ? Arrays.asList(lines.get(3).split(" ")) : List.of(),
          phase(lines), f));
    }
    return out;
  }

  /** The phase a pid file records; 0 when it records none (a file of an older run). */
  private static int phase(List<String> lines) {
    return lines.size() > 4 && lines.get(4).strip().matches("\\d{1,6}") ? Integer.parseInt(lines.get(4).strip()) : 0;
  }

  /** The lines of a pid file; none when it is not text. */
  private List<String> lines(Path f) {
    try {
      return Files.readAllLines(f, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      return List.of();
    } catch (IOException e) {
      throw new LocalRunException("cannot read " + f + " (" + e.getMessage() + "); it is not a pid file this run"
          + " wrote: remove it (rm -r '" + f + "'), then run this again", runDir);
    }
  }

  void delete(Path f) {
    try {
      Files.deleteIfExists(f);
    } catch (IOException e) {
      // the next status or destroy reports it again
    }
  }

  /**
   * Holds the run directory for one apply or destroy: a second one at the same time would start services twice or
   * stop what the first is starting, and lose track of their pids. The lock is the kernel's (released when this
   * process ends, however it ends), so a crashed run leaves no stale lock behind.
   */
  AutoCloseable lock(String cluster) {
    Path file = runDir.resolve("lock");
    if (!HELD.add(runDir)) {
      throw busy(cluster, " (this process holds " + file + ")");
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    } catch (IOException e) {
      HELD.remove(runDir);
      throw new LocalRunException("cannot open " + file + " (" + e.getMessage() + "); fix: make " + runDir + " a"
          + " directory this user can write, or choose another run directory with LocalRun.builder().runDir(...)",
          runDir);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException | IOException e) {
      lock = null;
    }
    if (lock == null) {
      String holder = holder(file);
      close(channel);
      HELD.remove(runDir);
      throw busy(cluster, holder);
    }
    try {
      channel.truncate(0).write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
          .getBytes(StandardCharsets.UTF_8)), 0);
    } catch (IOException e) {
      // the pid is only named in the message of a run that waits
    }
    FileLock held = lock;
    return () -> {
      try {
        held.release();
        channel.close();
      } finally {
        HELD.remove(runDir);
      }
    };
  }

  private LocalRunException busy(String cluster, String holder) {
    return new LocalRunException("another apply or destroy of cluster \"" + cluster + "\" runs on " + runDir
        + holder + "; wait for it to finish, then run this again (status shows what runs)", runDir);
  }

  private static String holder(Path file) {
    try {
      String pid = Files.readString(file).strip();
      return pid.matches("\\d+") ? " (process " + pid + " holds " + file + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was written through it
    }
  }
}
