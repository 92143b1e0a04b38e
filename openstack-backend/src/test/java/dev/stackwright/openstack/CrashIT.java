package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.Cli;
import dev.stackwright.cli.ExitCode;
import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Cluster;
import dev.stackwright.openstack.internal.Openrc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's crashes: the seed's apply runs in a child JVM ({@link ApplyInChild}) through the counting proxy, which
 * kills it with SIGKILL ({@code Process.destroyForcibly}) at a chosen request, after the cloud has done it and
 * before the answer is back: the worst moment, when the cloud holds a resource the dead process never heard of. Then
 * ONE {@code apply --yes} of the command line, as a user runs it after the crash, exits 0 (it waits for the dead run's
 * servers still building and plans again while the cloud is still changing), the plan after it is empty, the admin
 * listing shows no duplicate and no orphan, and destroy leaves nothing. The seed has floating IPs for the webserver and the controller (its network has a router to the
 * cloud's external network). CI runs the first 3 points; all 11:
 *
 * <pre>mvn -B -pl openstack-backend -am verify -Dtest=CrashIT -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dcrash.points=11</pre>
 *
 * writes per point what was killed, the requests made before, the seconds of the fresh apply, duplicates and
 * orphans to openstack-backend/target/benchmarks/crash.tsv. {@code -Dcrash.only=3,3,3} runs point 3 three times
 * instead (a race: the fresh apply may observe before Nova has written the dead run's server).
 */
@Tag("integration")
class CrashIT {
  private static final Path OUT = Path.of("target", "benchmarks", "crash.tsv");

  /** Kill when the {@code nth} request matching {@code line} (a regex on {@code METHOD path}) has reached the cloud. */
  record Point(String label, String line, int nth) {
    Predicate<String> matcher() {
      Pattern p = Pattern.compile(line);
      AtomicInteger seen = new AtomicInteger();
      return l -> p.matcher(l).matches() && seen.incrementAndGet() == nth;
    }
  }

  /**
   * The 11 points, the most telling first: a resource made but not yet tagged, a server made. The servers being built
   * are polled with one list for all (the first list of the servers is the observation before the plan).
   */
  static final List<Point> POINTS = List.of(
      new Point("1st security group made, before its tags", "POST /v2\\.0/security-groups", 1),
      new Point("1st port made, before its tags", "POST /v2\\.0/ports", 1),
      new Point("1st server booted", "POST /v2\\.1/servers", 1),
      new Point("1st floating IP made, before its tags", "POST /v2\\.0/floatingips", 1),
      new Point("3rd security group tagged", "PUT /v2\\.0/security-groups/[^/]+/tags", 3),
      new Point("2nd rule batch made", "POST /v2\\.0/security-group-rules", 2),
      new Point("4th port tagged", "PUT /v2\\.0/ports/[^/]+/tags", 4),
      new Point("keypair imported", "POST /v2\\.1/os-keypairs", 1),
      new Point("server group made", "POST /v2\\.1/os-server-groups", 1),
      new Point("4th server booted", "POST /v2\\.1/servers", 4),
      new Point("3rd poll of the servers in BUILD", "GET /v2\\.1/servers/detail(\\?.*)?", 4));

  @Test
  void afterAKillNineAtAnyPointTheNextApplyConvergesWithoutDuplicatesOrOrphans() throws Exception {
    List<Integer> chosen = chosenPoints();
    List<String> rows = new ArrayList<>();
    rows.add("point\tkilled_at\trequests_before_kill\tapply_yes_seconds\tduplicates\torphans"
        + "\tleft_after_destroy\tverdict");
    List<String> failures = new ArrayList<>();
    try (SeedOnOwnNetwork ground = new SeedOnOwnNetwork("crash", true)) {
      for (int number : chosen) {
        rows.add(run(ground, number, POINTS.get(number - 1), failures));
        Files.createDirectories(OUT.getParent());
        Files.writeString(OUT, String.join("\n", rows) + "\n");
      }
    }
    assertThat(failures).as("points after which the cloud was not clean; figures in %s", OUT.toAbsolutePath())
        .isEmpty();
  }

  /**
   * The points to kill at, by number: the first {@code crash.points} (3 by default), or those listed in
   * {@code crash.only}, in order, a number repeated to run a race more than once ({@code -Dcrash.only=3,3,3}).
   */
  private static List<Integer> chosenPoints() {
    String only = System.getProperty("crash.only", "").strip();
    if (only.isEmpty()) {
      int points = Math.min(Integer.getInteger("crash.points", 3), POINTS.size());
      return java.util.stream.IntStream.rangeClosed(1, points).boxed().toList();
    }
    List<Integer> out = new ArrayList<>();
    for (String n : only.split(",")) {
      int number = Integer.parseInt(n.strip());
      if (number < 1 || number > POINTS.size()) {
        throw new IllegalArgumentException("crash.only: no point " + number + "; the points are 1 to " + POINTS.size());
      }
      out.add(number);
    }
    return out;
  }

  private static String run(SeedOnOwnNetwork ground, int number, Point point, List<String> failures)
      throws IOException, InterruptedException {
    String name = RealCloud.uniqueClusterName("crash" + number);
    Cluster cluster = ground.seed(name);
    Path log = Path.of("target", "crash-child-" + number + ".log");
    int requestsBeforeKill;
    AtomicBoolean killed = new AtomicBoolean();
    try (CountingProxy proxy = CountingProxy.start()) {
      Process child = new ProcessBuilder(javaCommand(name, ground, proxy)).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      proxy.onForwarded(point.matcher(), () -> {
        killed.set(true);
        child.destroyForcibly(); // SIGKILL on Linux
        try {
          child.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      if (!child.waitFor(5, TimeUnit.MINUTES)) {
        child.destroyForcibly().waitFor();
      }
      requestsBeforeKill = proxy.count();
    }
    double seconds = -1;
    String failed = killed.get() ? "" : " the child was never killed (point not reached; see " + log + ")";
    SeedOnOwnNetwork.Verdict verdict;
    ApplyResult destroyed;
    try {
      long t0 = System.nanoTime();
      CommandLine fresh = applyYes(cluster, ground, number);
      seconds = (System.nanoTime() - t0) / 1e9;
      if (fresh.exit() != ExitCode.OK) {
        failed += " apply --yes exited " + fresh.exit() + " (see " + fresh.log() + ")";
      }
      verdict = ground.verdict(cluster);
    } finally {
      destroyed = ground.destroy(name);
    }
    AdminListing.Seen left = ground.leftOf(name);
    boolean ok = failed.isEmpty() && verdict.ok() && destroyed.succeeded() && left.total() == 0;
    if (!ok) {
      failures.add("point " + number + " (" + point.label() + ", " + name + "):" + failed + "; " + verdict
          + "; destroy " + (destroyed.succeeded() ? "ok" : destroyed.summary()) + "; left " + left);
    }
    return String.format(Locale.ROOT, "%d\t%s\t%d\t%.1f\t%d\t%d\t%d\t%s", number, point.label(), requestsBeforeKill,
        seconds, verdict.duplicates(), verdict.orphanCount(), left.total(), ok ? "ok" : "FAILED" + failed);
  }

  /** What one {@code apply --yes} of the command line did: its exit code, and where its output is. */
  record CommandLine(int exit, Path log) {}

  /**
   * One {@code apply --yes}, as a user runs it after the crash: the command line with the cloud's openrc in its
   * environment, the test's key and the seed's renderer (so the files match the dead run's).
   */
  private static CommandLine applyYes(Cluster cluster, SeedOnOwnNetwork ground, int number) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "crash-cli-" + number));
    Path key = Files.writeString(dir.resolve("key.pub"), ground.publicKey() + "\n");
    Path log = dir.resolve("apply.log");
    String rc = System.getenv(RealCloud.RC_VARIABLE);
    Map<String, String> env = new HashMap<>(rc == null ? System.getenv() : Openrc.read(Path.of(rc)));
    env.put("HOME", dir.toAbsolutePath().toString());
    try (PrintStream out = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
      int exit = Cli.builder().cluster(() -> cluster).renderer(Topologies.renderer()).environment(env).out(out)
          .err(out).in(new ByteArrayInputStream(new byte[0])).build()
          .run("apply", "--yes", "--backend", "openstack", "--parallelism", "8", "--public-key", key.toString(),
              "--out", dir.resolve("files").toString());
      return new CommandLine(exit, log);
    }
  }

  /** This JVM's java and class path (surefire sets {@code java.class.path} to the test class path). */
  private static List<String> javaCommand(String cluster, SeedOnOwnNetwork ground, CountingProxy proxy) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "-Xmx256m",
        ApplyInChild.class.getName(), cluster, ground.networkName(), proxy.uri().toString(), ground.publicKey()));
    ground.externalNetwork().ifPresent(command::add);
    return command;
  }
}
