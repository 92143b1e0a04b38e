package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Action;
import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Change;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Plan;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Cluster;
import dev.stackwright.nodes.internal.Host;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ServerSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A kill -9 of the apply in the middle of a rollout, on real nodes: the probe cluster ({@link ProbeCluster}, the
 * controller and three probe nodes) applied with text v1, then an apply of v2 in a child JVM
 * ({@link NodesRolloutInChild}), which reconfigures the probe nodes one at a time (each reload takes two seconds).
 * Once the state root records the first node's new digests, the child gets SIGKILL. Then, in this JVM, with a new
 * backend over the same state root: every probe node holds all of its old files or all of its new ones, the plan
 * reconfigures exactly the nodes whose new digests were not recorded, one apply finishes, and the re-plan is empty.
 */
@Tag("integration")
class NodesRolloutKillIT {
  private static final String NAME = "rollkill";
  private static final int PROBES = 3;
  private static final Cluster OLD = ProbeCluster.named(NAME).probes(PROBES, "v1").build();
  private static final Cluster NEW = ProbeCluster.named(NAME).probes(PROBES, "v2").build();
  private static final long WATCH_SECONDS = 240;

  @Test
  void afterAKillNineMidRolloutNoNodeIsHalfChangedTheNextPlanNamesTheRestAndOneApplyFinishes() throws Exception {
    Path keys = Files.createTempDirectory("stackwright-rollkill-keys-");
    Path key = keys.resolve("id");
    Host.ok("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "rollkill", "-f", key.toString());
    try (TestRig rig = TestRig.open(null, null, NEW, b -> b.sshKey(key))) {
      // given the cluster at v1, and an apply of v2 killed once the first node's update is recorded
      ApplyResult first = NodesRolloutInChild.engine(rig.nodes, key).apply(OLD);
      assertThat(first.succeeded()).as(first.summary()).isTrue();
      String newDigest = digest(NEW, "probe-1");
      long t0 = System.nanoTime();
      int recordedAtKill = killOnceRecorded(rig, key, newDigest);
      DayTwoFigures.add("kill -9 mid-rollout: child killed %.1f s after its start, %d of %d probe nodes recorded",
          (System.nanoTime() - t0) / 1e9, recordedAtKill, PROBES);
      assertThat(recordedAtKill).as("probe nodes recorded when the child was killed").isBetween(1, PROBES - 1);

      // when a new process looks
      Engine again = NodesRolloutInChild.engine(rig.another(), key);
      Set<String> unfinished = unfinished(rig.another().observe(NAME), newDigest);
      Map<String, String> held = heldFiles(rig);
      Plan plan = again.plan(NEW);

      // then
      assertThat(held).as("each probe node's files against the v1 and v2 renders").allSatisfy((node, which) ->
          assertThat(which).as(node).isIn("old", "new"));
      assertThat(unfinished).as("nodes whose v2 was not recorded").isNotEmpty();
      assertThat(plan.changes()).as(plan.render()).allMatch(c -> c.action() == Action.RECONFIGURE)
          .extracting(c -> c.id().key()).containsExactlyInAnyOrderElementsOf(unfinished);
      ApplyResult finished = again.apply(NEW, plan);
      assertThat(finished.succeeded()).as(finished.summary()).isTrue();
      assertThat(heldFiles(rig)).as("each probe node's files after the next apply").containsOnlyKeys(probes())
          .allSatisfy((node, which) -> assertThat(which).as(node).isEqualTo("new"));
      Plan empty = again.plan(NEW);
      assertThat(empty.isEmpty()).as(empty.render()).isTrue();
    } finally {
      for (String f : List.of("id", "id.pub")) {
        Files.deleteIfExists(keys.resolve(f));
      }
      Files.deleteIfExists(keys);
    }
  }

  /**
   * Starts the child's apply of v2 and kills it with SIGKILL once a server's state records {@code newDigest}; returns
   * how many had it then. Polls every 20 ms, at most {@value #WATCH_SECONDS} s.
   */
  private static int killOnceRecorded(TestRig rig, Path key, String newDigest) throws Exception {
    Path log = Path.of("target", "nodes-rollkill-child.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Xmx256m",
        NodesRolloutInChild.class.getName(), rig.stateRoot.toString(), rig.rootfs.toString(), key.toString(), NAME,
        String.valueOf(PROBES), "v2").redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WATCH_SECONDS);
      while (System.nanoTime() < deadline && child.isAlive()) {
        int recorded = recorded(rig.stateRoot, newDigest);
        if (recorded >= 1) {
          child.destroyForcibly(); // SIGKILL on Linux
          return recorded;
        }
        Thread.sleep(20);
      }
      throw new AssertionError("the child never recorded a probe node's v2 (exit "
          + (child.isAlive() ? "none" : child.exitValue()) + "); see " + log.toAbsolutePath());
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** How many resource states under {@code root} record {@code digest} for the probe's conf. */
  private static int recorded(Path root, String digest) {
    try (Stream<Path> dirs = Files.list(root)) {
      return (int) dirs.map(d -> d.resolve("resource.properties")).filter(Files::isRegularFile)
          .filter(f -> digest.equals(properties(f).getProperty("spec.file." + ProbeCluster.CONF))).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Properties properties(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException | UncheckedIOException e) {
      // being replaced (a rename) as we read: not recorded yet
    }
    return p;
  }

  private static String digest(Cluster cluster, String node) {
    return ServerSpec.fileDigestOf(Topologies.renderer().render(cluster).file(node, ProbeCluster.CONF).orElseThrow()
        .sha256());
  }

  private static List<String> probes() {
    return IntStream.rangeClosed(1, PROBES).mapToObj(i -> "probe-" + i).toList();
  }

  /** The probe nodes whose observed server does not carry {@code newDigest} for the conf. */
  private static Set<String> unfinished(Observation seen, String newDigest) {
    return probes().stream().filter(n -> !newDigest.equals(((ServerSpec) seen.get(ResourceId.of(ResourceKind.SERVER,
        n)).orElseThrow().spec()).fileDigests().get(ProbeCluster.CONF))).collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * Per probe node, whether the files a text change pushes (the conf, the extra file, the manifest) are, on the node,
   * all those of the v1 render ("old"), all those of v2 ("new"), or a mix (what they are).
   */
  static Map<String, String> heldFiles(TestRig rig) throws IOException {
    RenderedCluster old = Topologies.renderer().render(OLD);
    RenderedCluster now = Topologies.renderer().render(NEW);
    Map<String, String> held = new LinkedHashMap<>();
    for (String node : probes()) {
      List<String> paths = List.of(ProbeCluster.CONF, ProbeCluster.EXTRA, now.manifestFile(node).path());
      Map<String, String> onNode = new LinkedHashMap<>();
      Map<String, String> was = new LinkedHashMap<>();
      Map<String, String> is = new LinkedHashMap<>();
      for (String path : paths) {
        onNode.put(path, RigHttp.inNode(rig, node, "cat", path).output());
        was.put(path, path.equals(ProbeCluster.CONF) || path.equals(ProbeCluster.EXTRA)
            ? old.file(node, path).orElseThrow().content() : old.manifestFile(node).content());
        is.put(path, path.equals(ProbeCluster.CONF) || path.equals(ProbeCluster.EXTRA)
            ? now.file(node, path).orElseThrow().content() : now.manifestFile(node).content());
      }
      held.put(node, onNode.equals(was) ? "old" : onNode.equals(is) ? "new" : "mixed: " + onNode);
    }
    return held;
  }
}
