package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.Cli;
import dev.stackwright.cli.ExitCode;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Cluster;
import dev.stackwright.nodes.internal.Names;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's kill -9: the command line's {@code apply --yes --backend nodes} runs in a child JVM
 * ({@link NodesApplyInChild}) over a state root of its own; the test watches that root and kills the child with
 * SIGKILL at a chosen point (ports being made, servers booting, the first server ACTIVE). Then ONE
 * {@code apply --yes} in this JVM over the same root must exit 0, a second plan must be empty, no resource may be
 * doubled on the host (one nspawn per server, one namespace per port), and destroy alone, then removeAll, leave
 * nothing ({@link NothingLeft}). Figures per point in {@value #FIGURES}. The cluster is the seed with one worker
 * (4 nodes), under a minute and a half for the three points.
 */
@Tag("integration")
class NodesCrashIT {
  static final String FIGURES = "target/nodes-crash-figures.txt";
  private static final long WATCH_SECONDS = 150;

  /** Kill the child once {@code reached} holds of its state root. */
  record Point(String label, Predicate<Path> reached) {}

  static final List<Point> POINTS = List.of(
      new Point("while ports are made (2nd port namespace up)", root -> portNamespaces(root).size() >= 2),
      new Point("while servers boot (1st nspawn running)", root -> !NothingLeft.nspawnsUnder(root).isEmpty()),
      new Point("just after the 1st server is ACTIVE", root -> statesContaining(root, "fact.status=ACTIVE") >= 1));

  @Test
  void afterAKillNineAtEachPointOneApplyConvergesWithoutDuplicatesAndDestroyLeavesNothing() throws Exception {
    try (TestRig probe = TestRig.open(null, null)) {
      // only for its skip-or-fail on a machine that cannot run nodes; its own root stays empty
      List<String> rows = new ArrayList<>(List.of("point\tkilled_at\tseconds_to_kill\tat_kill\tapply_exit"
          + "\tapply_seconds\tapply_did\tsecond_plan_exit\tduplicates\tdestroy_exit\tleft_after_destroy"
          + "\tleft_after_removeAll"
          + "\tverdict"));
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < POINTS.size(); i++) {
        rows.add(run(i + 1, POINTS.get(i), probe.rootfs, failures));
        Files.createDirectories(Path.of(FIGURES).getParent());
        Files.writeString(Path.of(FIGURES), String.join("\n", rows) + "\n");
      }
      assertThat(failures).as("points after which the rig did not converge cleanly; figures in %s",
          Path.of(FIGURES).toAbsolutePath()).isEmpty();
    }
  }

  private static String run(int number, Point point, Path rootfs, List<String> failures) throws Exception {
    String cluster = "crash" + number;
    Path parent = Files.createTempDirectory("stackwright-nodes-crash-");
    Path root = parent.resolve(cluster);
    Map<String, String> env = environment(parent, rootfs, number);
    Path log = Path.of("target", "nodes-crash-child-" + number + ".log");
    String atKill = "";
    double toKill = -1;
    NodesBackend after = null;
    try {
      long t0 = System.nanoTime();
      Process child = child(cluster, env, log);
      boolean reached = awaitPoint(child, point, root);
      toKill = (System.nanoTime() - t0) / 1e9;
      if (reached) {
        atKill = census(root);
        child.destroyForcibly(); // SIGKILL on Linux
      } else if (child.isAlive()) {
        child.destroyForcibly();
      }
      child.waitFor(30, TimeUnit.SECONDS);
      String failed = reached ? "" : " the point was never reached (child exit "
          + (child.isAlive() ? "none" : child.exitValue()) + ", see " + log + ")";

      long t1 = System.nanoTime();
      int applied = cli(cluster, env, logStream(number, "apply")).run(applyArgs());
      double applySeconds = (System.nanoTime() - t1) / 1e9;
      int planned = cli(cluster, env, logStream(number, "plan")).run("plan", "--backend", "nodes",
          "--detailed-exitcode", "--server-group-policy", "soft-anti-affinity");
      after = new NodesProvider().forCluster(Topologies.seed(cluster, 1, w -> {}), env).map(NodesBackend.class::cast)
          .orElseThrow();
      List<String> duplicates = duplicates(after.observe(cluster), root);
      int destroyed = cli(cluster, env, logStream(number, "destroy")).run("destroy", "--yes", "--backend", "nodes");
      List<String> leftByDestroy = NothingLeft.of(root);
      after.removeAll();
      List<String> left = NothingLeft.of(root);
      if (applied != ExitCode.OK) {
        failed += " apply --yes exited " + applied;
      }
      if (planned != ExitCode.OK) {
        failed += " the second plan exited " + planned + " (not empty)";
      }
      if (!duplicates.isEmpty()) {
        failed += " duplicates " + duplicates;
      }
      if (destroyed != ExitCode.OK || !leftByDestroy.isEmpty() || !left.isEmpty()) {
        failed += " destroy exited " + destroyed + ", left " + leftByDestroy + ", then removeAll left " + left;
      }
      if (!failed.isEmpty()) {
        failures.add("point " + number + " (" + point.label() + "):" + failed);
      }
      return String.format(Locale.ROOT, "%d\t%s\t%.1f\t%s\t%d\t%.1f\t%s\t%d\t%s\t%d\t%s\t%s\t%s", number,
          point.label(), toKill, atKill, applied, applySeconds, did(number), planned, duplicates, destroyed,
          leftByDestroy, left,
          failed.isEmpty() ? "ok" : "FAILED" + failed);
    } finally {
      cleanUp(after, parent, root, cluster, env);
    }
  }

  /** What the fresh apply did, from its last line: {@code 4 to create, 0 to update, 1 to replace, 0 to delete}. */
  private static String did(int number) throws IOException {
    String log = Files.readString(Path.of("target", "nodes-crash-" + number + "-apply.log"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(([^)]*to delete[^)]*)\\)").matcher(log);
    String last = "?";
    while (m.find()) {
      last = m.group(1);
    }
    return last;
  }

  /** Polls the state root every 50 ms until the point holds, the child ends, or {@value #WATCH_SECONDS} s pass. */
  private static boolean awaitPoint(Process child, Point point, Path root) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WATCH_SECONDS);
    while (System.nanoTime() < deadline && child.isAlive()) {
      if (point.reached().test(root)) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /**
   * What the host holds that the state does not account for once: a server id observed twice, an nspawn more than
   * the servers, a port namespace more than the ports, a state entry that is not observed as the cluster's.
   */
  static List<String> duplicates(Observation seen, Path root) {
    List<String> out = new ArrayList<>();
    List<Observed> servers = seen.resources().stream().filter(o -> o.id().kind() == ResourceKind.SERVER).toList();
    List<Observed> ports = seen.resources().stream().filter(o -> o.id().kind() == ResourceKind.PORT).toList();
    if (servers.stream().map(Observed::id).distinct().count() != servers.size()) {
      out.add("a server observed twice");
    }
    int nspawns = NothingLeft.nspawnsUnder(root).size();
    if (nspawns != servers.size()) {
      out.add(nspawns + " nspawn processes for " + servers.size() + " servers");
    }
    int namespaces = portNamespaces(root).size();
    if (namespaces != ports.size()) {
      out.add(namespaces + " port namespaces for " + ports.size() + " ports");
    }
    int states = statesContaining(root, "");
    if (states != seen.resources().size()) {
      out.add(states + " state entries for " + seen.resources().size() + " observed resources");
    }
    return out;
  }

  /** The command line as the user runs it, over the crash cluster (the seed with one worker). */
  static Cli cli(String cluster, Map<String, String> env, PrintStream out) {
    Cluster model = Topologies.seed(cluster, 1, w -> {});
    return Cli.builder().cluster(() -> model).renderer(Topologies.renderer()).environment(env).out(out).err(out)
        .in(NodesApplyInChild.nothing()).build();
  }

  static String[] applyArgs() {
    return new String[] {"apply", "--yes", "--backend", "nodes", "--server-group-policy", "soft-anti-affinity"};
  }

  private static Map<String, String> environment(Path parent, Path rootfs, int number) throws IOException {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put(NodesProvider.STATE_VARIABLE, parent.toString());
    env.put(NodesProvider.ROOTFS_VARIABLE, rootfs.toString());
    env.put("HOME", Files.createDirectories(Path.of("target", "nodes-crash-home-" + number)).toAbsolutePath()
        .toString());
    return env;
  }

  private static Process child(String cluster, Map<String, String> env, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Xmx256m",
        NodesApplyInChild.class.getName(), cluster).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb.start();
  }

  private static PrintStream logStream(int number, String verb) throws IOException {
    OutputStream o = Files.newOutputStream(Path.of("target", "nodes-crash-" + number + "-" + verb + ".log"));
    return new PrintStream(o, true, StandardCharsets.UTF_8);
  }

  /** The state entries, port namespaces and nspawns under {@code root} when the child was killed. */
  private static String census(Path root) {
    return statesContaining(root, "") + " states/" + portNamespaces(root).size() + " netns/"
        + NothingLeft.nspawnsUnder(root).size() + " nspawn";
  }

  static List<String> portNamespaces(Path root) {
    String tag = new Names(root).tag();
    return NothingLeft.namespaces(tag).stream().filter(n -> n.startsWith(tag + "-")).toList();
  }

  /** How many resource state files under {@code root} contain {@code text}; unreadable (being replaced) ones not. */
  static int statesContaining(Path root, String text) {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return (int) dirs.map(d -> d.resolve("resource.properties")).filter(f -> {
        try {
          return Files.readString(f).contains(text);
        } catch (IOException | UncheckedIOException e) {
          return false;
        }
      }).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whatever a failed run left: a backend over the root removes it all; the directories go when nothing is mounted. */
  private static void cleanUp(NodesBackend after, Path parent, Path root, String cluster, Map<String, String> env)
      throws IOException {
    NodesBackend b = after != null ? after : new NodesProvider().forCluster(Topologies.seed(cluster, 1, w -> {}),
        env).map(NodesBackend.class::cast).orElseThrow();
    b.removeAll();
    if (NothingLeft.mountsUnder(parent).isEmpty()) {
      try (var files = Files.walk(parent)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
