package dev.stackwright.nodes.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Containers as the recipe boots them: an overlay on the shared read-only base rootfs, the server's NoCloud seed in
 * it, {@code systemd-nspawn --boot} in the port's namespace, started from a shell that first moved itself into its
 * own cgroups in both hierarchies (the host's PID 1 is not systemd, so nspawn may neither register nor make a scope:
 * {@code --register=no --keep-unit}, and with {@code --keep-unit} every container would otherwise share one cgroup).
 */
public final class Containers {
  private static final List<String> HIERARCHIES = List.of("systemd", "unified");
  private final Names names;

  public Containers(Names names) {
    this.names = names;
  }

  /** A container that did not come up: why, with its console's last lines. */
  public static final class BootFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BootFailed(String message) {
      super(message);
    }
  }

  /**
   * Mounts the overlay, writes the seed (none when {@code userData} is null: a node started again keeps its own)
   * and starts nspawn; returns nspawn's pid. Does not wait for the boot.
   */
  public long start(Path dir, Path rootfs, String machine, String portNamespace, String userData, String metaData) {
    Path merged = dir.resolve("merged");
    try {
      for (String d : List.of("upper", "work", "merged")) {
        Files.createDirectories(dir.resolve(d));
      }
      Host.ok("mount", "-t", "overlay", "sw-" + machine, "-o", "lowerdir=" + rootfs + ",upperdir="
          + dir.resolve("upper") + ",workdir=" + dir.resolve("work"), merged.toString());
      if (userData != null) {
        seed(merged, userData, metaData);
      }
      for (String h : HIERARCHIES) {
        Files.createDirectories(cgroup(h, machine));
      }
      Path pidFile = dir.resolve("nspawn.pid");
      Files.deleteIfExists(pidFile);
      new ProcessBuilder("setsid", "bash", "-c", script(machine), "nodes", merged.toString(), machine,
          "/run/netns/" + portNamespace, pidFile.toString()).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile())).start();
      return readPid(pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start container " + machine + " in " + dir, e);
    }
  }

  /** The shell that moves itself into the container's cgroups, writes its pid, then becomes nspawn. */
  String script(String machine) {
    StringBuilder s = new StringBuilder();
    for (String h : HIERARCHIES) {
      s.append("echo $$ > ").append(cgroup(h, machine).resolve("cgroup.procs")).append(" || exit 3\n");
    }
    return s.append("echo $$ > \"$4\"\n")
        // a pure cgroup2 view: the hybrid one boots too but logs errors for controllers the host does not co-mount
        .append("export SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1\n")
        // CAP_NET_ADMIN: dnsmasq on the controller needs it
        .append("exec nice -n 10 systemd-nspawn --boot --directory=\"$1\" --machine=\"$2\" --register=no"
            + " --keep-unit --network-namespace-path=\"$3\" --capability=CAP_NET_ADMIN --console=read-only"
            + " --link-journal=no --resolv-conf=off --timezone=off\n").toString();
  }

  /**
   * Waits, at most {@code timeout}, until the container's systemd says running or degraded; returns that state.
   * Polled, since {@code is-system-running --wait} returns at once before the container's bus exists.
   */
  public String awaitRunning(long pid, String machine, Path dir, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String state = "no leader yet";
    while (System.nanoTime() < deadline) {
      if (!alive(pid, machine)) {
        throw new BootFailed("systemd-nspawn exited during the boot; console's last lines:\n" + consoleTail(dir));
      }
      state = systemState(pid);
      if (isUp(state)) {
        return state;
      }
      sleep(Duration.ofMillis(500));
    }
    throw new BootFailed("not up after " + timeout.toSeconds() + " s (system state: " + state
        + "); console's last lines:\n" + consoleTail(dir));
  }

  /** What the container's systemd says of itself now ({@code running}, {@code starting}...), asked once. */
  public static String systemState(long pid) {
    Optional<Long> leader = leader(pid);
    if (leader.isEmpty()) {
      return "no leader yet";
    }
    return Host.run(List.of("nsenter", "-t", leader.get().toString(), "-a", "systemctl", "is-system-running"), null,
        Duration.ofSeconds(10)).output().strip();
  }

  /** Whether a system state is a system up: running, or degraded (up with a failed unit). */
  public static boolean isUp(String state) {
    return state.equals("running") || state.equals("degraded");
  }

  /** Whether {@code pid} is still this container's nspawn (not a process that reused its pid). */
  public static boolean alive(long pid, String machine) {
    try {
      Path proc = Path.of("/proc", String.valueOf(pid));
      String cmd = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8).replace('\0', ' ');
      String stat = Files.readString(proc.resolve("stat"), StandardCharsets.UTF_8);
      boolean zombie = stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
      return !zombie && cmd.contains("systemd-nspawn") && cmd.contains("--machine=" + machine + " ");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Stops a container (SIGTERM to nspawn is a clean poweroff), KILL when it ignores that for {@code grace}, then
   * unmounts its overlay and removes its cgroups and nspawn's leftovers. Safe to call for what is already gone.
   */
  public void stop(long pid, String machine, Path dir, Duration grace) {
    if (pid > 0 && alive(pid, machine)) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
      awaitExit(pid, machine, grace);
      if (alive(pid, machine)) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        awaitExit(pid, machine, Duration.ofSeconds(10));
      }
    }
    Path merged = dir.resolve("merged");
    if (mounted(merged)) {
      Host.ok("umount", merged.toString());
    }
    // /run is no tmpfs here: nspawn will not remove its propagate directory itself
    Host.run(List.of("rm", "-rf", "/run/systemd/nspawn/propagate/" + machine), null, Duration.ofSeconds(10));
    for (String h : HIERARCHIES) {
      Host.run(List.of("find", cgroup(h, machine).toString(), "-depth", "-type", "d", "-exec", "rmdir", "{}", ";"),
          null, Duration.ofSeconds(10));
    }
  }

  /** Empties a stopped container's disk (its overlay's upper layer) and console: what a rebuild loses. */
  public void wipe(Path dir) {
    Host.ok("rm", "-rf", "--one-file-system", dir.resolve("upper").toString(), dir.resolve("work").toString(),
        dir.resolve("console.log").toString());
  }

  /** Removes this instance's cgroup parents, once no container is left in them. */
  public void removeCgroupParents() {
    for (String h : HIERARCHIES) {
      Host.run(List.of("rmdir", cgroupRoot(h).toString()), null, Duration.ofSeconds(5));
    }
  }

  public static String consoleTail(Path dir) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("console.log"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no console log: " + e.getMessage() + ")";
    }
  }

  static boolean mounted(Path p) {
    try {
      String target = " " + p.toAbsolutePath() + " ";
      return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().anyMatch(l -> l.contains(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path cgroupRoot(String hierarchy) {
    return Path.of("/sys/fs/cgroup", hierarchy, names.cgroupParent());
  }

  private Path cgroup(String hierarchy, String machine) {
    return cgroupRoot(hierarchy).resolve(machine);
  }

  /** The container's PID 1 in the host's view: the child of nspawn whose innermost pid is 1. */
  static Optional<Long> leader(long pid) {
    String children = Host.run(List.of("pgrep", "-P", String.valueOf(pid)), null, Duration.ofSeconds(5)).output();
    for (String c : children.strip().split("\\s+")) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc", c, "status"))) {
          if (line.startsWith("NSpid:") && line.strip().endsWith("\t1")) {
            return Optional.of(Long.parseLong(c));
          }
        }
      } catch (IOException | RuntimeException e) {
        // gone, or not a pid: the next one
      }
    }
    return Optional.empty();
  }

  private static void seed(Path merged, String userData, String metaData) throws IOException {
    if (userData.isEmpty()) {
      // no seed, no cloud-init: else it runs as DataSourceNone and costs seconds of boot
      Files.writeString(merged.resolve("etc/cloud/cloud-init.disabled"), "");
      return;
    }
    Path seed = Files.createDirectories(merged.resolve("var/lib/cloud/seed/nocloud"));
    for (var f : List.of(new String[] {"user-data", userData}, new String[] {"meta-data", metaData})) {
      Path p = seed.resolve(f[0]);
      Files.writeString(p, f[1], StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    }
  }

  private static long readPid(Path pidFile) {
    for (int i = 0; i < 100; i++) {
      try {
        if (Files.exists(pidFile)) {
          String s = Files.readString(pidFile).strip();
          if (!s.isEmpty()) {
            return Long.parseLong(s);
          }
        }
      } catch (IOException | NumberFormatException e) {
        // not written whole yet
      }
      sleep(Duration.ofMillis(50));
    }
    throw new BootFailed("the shell that starts nspawn wrote no pid to " + pidFile + " within 5 s");
  }

  private static void awaitExit(long pid, String machine, Duration d) {
    long deadline = System.nanoTime() + d.toNanos();
    while (alive(pid, machine) && System.nanoTime() < deadline) {
      sleep(Duration.ofMillis(250));
    }
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BootFailed("interrupted");
    }
  }
}
