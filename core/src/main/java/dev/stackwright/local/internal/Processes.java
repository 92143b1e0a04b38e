package dev.stackwright.local.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Processes as Linux's /proc shows them. A process started here leads a session and process group of its own
 * ({@code setsid}), so everything it forks can be signalled at once by group, and nothing is ever found or stopped by
 * name. A zombie (state Z, an orphan that PID 1 has not reaped yet) counts as dead: {@code kill -0} would say alive.
 */
public final class Processes {
  private Processes() {}

  /** The identity of a process: its pid and its start time in clock ticks since boot, so a reused pid is told apart. */
  public record Pid(long pid, long startTicks) {
    public String format() {
      return pid + " " + startTicks;
    }

    public static Optional<Pid> parse(String text) {
      String[] parts = text.strip().split("\\s+");
      try {
        return Optional.of(new Pid(Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : -1));
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        return Optional.empty();
      }
    }
  }

  /** The fields of /proc/PID/stat after the command name: state, ppid, pgrp, ..., starttime, rss. */
  record Stat(long pid, char state, long ppid, long pgrp, long startTicks, long rssPages) {}

  public static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[1].equals("0");
        }
      }
    } catch (IOException e) {
      // not Linux: fall through
    }
    return "root".equals(System.getProperty("user.name"));
  }

  static Optional<Stat> stat(long pid) {
    try {
      String s = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      // f[0] = field 3 (state); field n is f[n - 3]
      return Optional.of(new Stat(pid, f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]),
          Long.parseLong(f[19]), Long.parseLong(f[21])));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The identity of a running process. */
  public static Optional<Pid> identify(long pid) {
    return stat(pid).filter(s -> s.state() != 'Z').map(s -> new Pid(pid, s.startTicks()));
  }

  /** True when the process runs and is the one recorded (same start time); zombies are dead. */
  public static boolean alive(Pid p) {
    return stat(p.pid()).filter(s -> s.state() != 'Z')
        .filter(s -> p.startTicks() < 0 || s.startTicks() == p.startTicks()).isPresent();
  }

  /** Every live (non-zombie) process whose process group is {@code pgid}. */
  public static List<Long> group(long pgid) {
    List<Long> members = new ArrayList<>();
    for (Stat s : all()) {
      if (s.pgrp() == pgid && s.state() != 'Z') {
        members.add(s.pid());
      }
    }
    return members;
  }

  static List<Stat> all() {
    List<Stat> stats = new ArrayList<>();
    try (var dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path d : dirs) {
        stat(Long.parseLong(d.getFileName().toString())).ifPresent(stats::add);
      }
    } catch (IOException e) {
      // no /proc: nothing to see
    }
    return stats;
  }

  /** The pids of {@code roots} and all their descendants that are alive, for memory accounting. */
  public static Set<Long> trees(Set<Long> roots) {
    List<Stat> all = all();
    Map<Long, List<Long>> children = new HashMap<>();
    for (Stat s : all) {
      children.computeIfAbsent(s.ppid(), k -> new ArrayList<>()).add(s.pid());
    }
    Set<Long> seen = new HashSet<>();
    List<Long> stack = new ArrayList<>(roots);
    while (!stack.isEmpty()) {
      long p = stack.remove(stack.size() - 1);
      if (seen.add(p)) {
        stack.addAll(children.getOrDefault(p, List.of()));
      }
    }
    Set<Long> live = new HashSet<>();
    for (Stat s : all) {
      if (seen.contains(s.pid()) && s.state() != 'Z') {
        live.add(s.pid());
      }
    }
    return live;
  }

  /** Resident memory of one process in bytes, 0 when it is gone. */
  public static long rssBytes(long pid) {
    return stat(pid).map(s -> s.rssPages() * 4096L).orElse(0L);
  }

  /**
   * Starts {@code command} as the leader of a new session and process group, stdin from /dev/null, stdout and stderr
   * appended to {@code log}. The returned pid is the command's own: {@code setsid} execs it without forking, since a
   * child of the JVM never leads a group.
   */
  public static Pid start(List<String> command, Path cwd, Map<String, String> env, Path log) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("setsid");
    cmd.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.redirectErrorStream(true);
    Files.createDirectories(log.getParent());
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process p = pb.start();
    long pid = p.pid();
    for (int i = 0; i < 50; i++) {
      Optional<Stat> s = stat(pid);
      if (s.isEmpty() || s.get().state() == 'Z') {
        break;
      }
      if (s.get().pgrp() == pid) {
        return new Pid(pid, s.get().startTicks());
      }
      sleep(Duration.ofMillis(10));
    }
    return new Pid(pid, stat(pid).map(Stat::startTicks).orElse(-1L));
  }

  /**
   * Stops the process group that {@code leader} leads: {@code signal} to the group, then SIGKILL to whatever is left
   * after {@code grace}. Returns true when the group had live members before.
   */
  public static boolean stopGroup(Pid leader, String signal, Duration grace) {
    if (!alive(leader)) {
      if (identify(leader.pid()).isPresent()) {
        return false; // the pid belongs to another process now, and so does any group of that id
      }
      // the leader is gone: members it left behind in its group are still ours (Linux reuses no pid while a
      // process group of that id has members)
      List<Long> left = group(leader.pid());
      if (left.isEmpty()) {
        return false;
      }
    }
    signalGroup(leader.pid(), signal);
    long deadline = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() < deadline) {
      if (!alive(leader) && group(leader.pid()).isEmpty()) {
        return true;
      }
      sleep(Duration.ofMillis(50));
    }
    signalGroup(leader.pid(), "KILL");
    long killDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < killDeadline && (alive(leader) || !group(leader.pid()).isEmpty())) {
      sleep(Duration.ofMillis(50));
    }
    return true;
  }

  /** Sends {@code signal} to the process alone (not its group), when it is still the process {@code p} names. */
  public static void signal(Pid p, String signal) {
    if (alive(p)) {
      signalGroup(-p.pid(), signal);
    }
  }

  /** {@code kill -SIGNAL -- -pgid}; a negative {@code pgid} names one process, {@code kill -SIGNAL -- pid}. */
  private static void signalGroup(long pgid, String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, "--", String.valueOf(-pgid))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      kill.waitFor();
    } catch (IOException e) {
      throw new dev.stackwright.StackwrightException("cannot run kill to signal process group " + pgid + " ("
          + e.getMessage() + "); fix: apt-get install procps", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
