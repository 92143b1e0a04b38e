package dev.stackwright.nodes.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the nodes install from, served on the bridge address inside the bridge's namespace only: an HTTP server over
 * the {@code www} directory (the package mirror, the CouchDB repository) and {@code git daemon} over a directory of
 * bare repositories ({@code git://ADDR/NAME.git}; git's dumb HTTP cannot serve the user-data's shallow clone). Each
 * runs in a process group of its own whose pid is kept under the state root, so a restarted backend finds it again:
 * a recorded process still alive in the bridge's namespace is reused, anything else is replaced.
 */
public final class Serving {
  private static final Duration READY = Duration.ofSeconds(10);
  private final Names names;
  private final Path runDir;
  private final String address;
  private final Path www;
  private final Path gitRoot;

  public Serving(Names names, Path stateRoot, String address, Path www, Path gitRoot) {
    this.names = names;
    this.runDir = stateRoot.resolve(".serving");
    this.address = address;
    this.www = www;
    this.gitRoot = gitRoot;
  }

  /** Starts whichever of the two is not running in the bridge's namespace; waits until both answer. */
  public void ensure() {
    try {
      Files.createDirectories(runDir);
      Files.createDirectories(gitRoot);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make " + runDir + " or " + gitRoot, e);
    }
    if (running("http").isEmpty()) {
      start("http", List.of("python3", "-m", "http.server", "80", "--bind", address, "--directory", www.toString()));
    }
    if (running("git").isEmpty()) {
      start("git", List.of("git", "daemon", "--reuseaddr", "--listen=" + address, "--base-path=" + gitRoot,
          "--export-all", "--informative-errors", gitRoot.toString()));
    }
    awaitReady();
  }

  /** Stops both, each with its whole process group (git daemon serves each clone from a child). */
  public void stop() {
    for (String what : List.of("http", "git")) {
      running(what).ifPresent(pid -> kill(pid, what));
      try {
        Files.deleteIfExists(runDir.resolve(what + ".pid"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + runDir.resolve(what + ".pid"), e);
      }
    }
  }

  /** The recorded pid of {@code what}, if that process is alive and in the bridge's namespace. */
  Optional<Long> running(String what) {
    try {
      Path file = runDir.resolve(what + ".pid");
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(file).strip());
      return inBridgeNamespace(pid) ? Optional.of(pid) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private boolean inBridgeNamespace(long pid) {
    try {
      Path ns = Path.of("/run/netns", names.bridgeNamespace());
      String link = Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "ns", "net")).toString();
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"), StandardCharsets.UTF_8);
      boolean zombie = stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
      return !zombie && link.equals("net:[" + Files.getAttribute(ns, "unix:ino") + "]");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private void start(String what, List<String> command) {
    Path log = runDir.resolve(what + ".log");
    List<String> cmd = new java.util.ArrayList<>(List.of("setsid", "ip", "netns", "exec", names.bridgeNamespace()));
    cmd.addAll(command);
    try {
      // setsid from a child that leads no group execs in place: the pid is the group's, and it is the server's
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      Files.writeString(runDir.resolve(what + ".pid"), String.valueOf(p.pid()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the rig's " + what + " server in " + names.bridgeNamespace(), e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY.toNanos();
    String ns = names.bridgeNamespace();
    while (System.nanoTime() < deadline) {
      boolean http = Host.run(List.of("ip", "netns", "exec", ns, "curl", "-sS", "-o", "/dev/null", "--max-time", "2",
          "http://" + address + "/"), null, Duration.ofSeconds(5)).ok();
      boolean git = Host.run(List.of("ip", "netns", "exec", ns, "bash", "-c", "exec 3<>/dev/tcp/" + address
          + "/9418"), null, Duration.ofSeconds(5)).ok();
      if (http && git) {
        return;
      }
      Containers.sleep(Duration.ofMillis(200));
    }
    throw new Host.CommandFailed(List.of("serve", address), new Host.Result(-1, "the rig's HTTP server (port 80)"
        + " or git daemon (9418) in namespace " + ns + " did not answer within " + READY.toSeconds() + " s; see "
        + runDir + "/http.log and git.log"));
  }

  private static void kill(long pid, String what) {
    Host.run(List.of("kill", "-TERM", "--", "-" + pid), null, Duration.ofSeconds(5));
    for (int i = 0; i < 50 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
      Containers.sleep(Duration.ofMillis(100));
    }
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      Host.run(List.of("kill", "-KILL", "--", "-" + pid), null, Duration.ofSeconds(5));
    }
  }
}
