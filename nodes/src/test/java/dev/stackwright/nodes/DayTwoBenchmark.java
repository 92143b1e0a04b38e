package dev.stackwright.nodes;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.engine.Action;
import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.ExecutionListener;
import dev.stackwright.engine.Plan;
import dev.stackwright.engine.Step;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Role;
import dev.stackwright.nodes.internal.Host;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Day two, stackwright against Ansible on the same rig nodes: the split seed without workers (6 nodes) booted through
 * the engine with a file of the user's own on every node ({@code Renderer.Builder.addFile}) whose change reloads sshd
 * ({@code OnChange.reload("ssh")}: a reload keeps open sessions), then, alternating, the order rotating each
 * repetition: (a) stackwright: a new text of that file, {@code Engine.plan} + {@code Engine.apply} (each node
 * reconfigured over SSH through the controller: the file and the manifest pushed, ssh reloaded, the node's health
 * checks run); (b) Ansible ({@link AnsiblePush}): the same file with {@code copy}, {@code systemd} reloading ssh and
 * the same checks with {@code shell}, forks 5, pipelining off (Ansible's default); (c) the same with pipelining on.
 * Each push is verified on every node. Writes target/day-two-bench.txt (rows, medians, ratios, and for stackwright
 * where a node's time went inside the ssh module: {@link SshSplit}). Not a test: its name matches no include and it
 * asserts nothing but that the rig booted. Run it (root, the rig's rootfs, Debian's {@code ansible}) with:
 *
 * <pre>mvn -B -o -pl nodes -am verify -Dtest=DayTwoBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * <p>{@code -Dbench.repetitions=N} (3); {@code -Dbench.parallelism=N} (5, Ansible's forks; the nodes backend's own
 * default is 3), how many nodes stackwright changes at once.
 */
@Tag("integration")
class DayTwoBenchmark {
  private static final String NAME = "bench";
  private static final String PATH = "/etc/stackwright-bench.conf";
  private static final String TEXT = "# pushed by the day-two benchmark, generation {{ gen }}\n";
  private static final int REPETITIONS = Integer.getInteger("bench.repetitions", 3);
  /** Nodes changed at once: Ansible's forks by default, so both sides push to as many nodes together. */
  private static final int PARALLELISM = Integer.getInteger("bench.parallelism", 5);
  private static final Path OUT = Path.of("target/day-two-bench.txt");
  private static final Path LOGS = Path.of("target/day-two-bench");
  static {
    // before any logger exists: the ssh module's timings go to a file the split reads
    SshSplit.configure();
  }

  private static final List<String> METHODS = List.of("stackwright", "ansible", "ansible-pipelining");
  private final Cluster cluster = cluster();
  private final List<String> rows = new ArrayList<>();
  private final Map<String, List<Double>> seconds = new LinkedHashMap<>();
  private final SshSplit split = new SshSplit();
  private TestRig rig;
  private Path work;
  private String publicKey;

  private static Cluster cluster() {
    ClusterDsl c = Seed.named(NAME).split().withoutWorkers().source("git://10.0.255.254/demo.git").dsl()
        .adminCidr("10.0.255.254/32");
    c.packageSources().unsignedDebianMirror("http://10.0.255.254/debian ./")
        .couchdbRepository("http://10.0.255.254/couchdb ./", "http://10.0.255.254/couchdb/keys.asc")
        .pythonIndex("http://10.0.255.253/simple");
    return c.build();
  }

  @Test
  void aFileChangedOnEveryNodeStackwrightAgainstAnsible() throws Exception {
    work = Files.createTempDirectory("stackwright-daytwo-bench-");
    Path key = work.resolve("id");
    Host.ok("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "daytwo-bench", "-f", key.toString());
    publicKey = Files.readString(work.resolve("id.pub"));
    Files.createDirectories(LOGS);
    rig = TestRig.open(null, null, cluster, b -> b.sshKey(key));
    try {
      DemoRepo.publish(rig.gitRoot, "demo", "v1.0");
      boot();
      AnsiblePush ansible = AnsiblePush.prepare(work.resolve("ansible"), rig.nodes.bridgeNamespace(), key, cluster,
          renderer("0").render(cluster), consoles(), PATH, TEXT);
      try {
        rows.add("rep\tmethod\tseconds\tverified\tload1\tdetail");
        for (int rep = 1; rep <= REPETITIONS; rep++) {
          for (int i = 0; i < METHODS.size(); i++) {
            String method = METHODS.get((i + rep - 1) % METHODS.size());
            run(method, rep, ansible);
          }
        }
      } finally {
        ansible.endLeftovers();
      }
      write();
    } catch (Exception | Error e) {
      // what went wrong first, not only what the clean-up then found
      e.printStackTrace();
      throw e;
    } finally {
      rig.close();
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void boot() throws Exception {
    long t0 = System.nanoTime();
    ApplyResult applied = engine(renderer("0"), ExecutionListener.NONE).apply(cluster);
    if (!applied.succeeded()) {
      throw new IllegalStateException("the rig's cluster did not boot: " + applied.summary());
    }
    NodesHealthWait.untilSettled(rig.nodes, NAME, t0, new StringBuilder());
    rows.add(String.format(Locale.ROOT, "# boot of %d nodes through the engine: %.1f s; stackwright's parallelism %d,"
        + " Ansible's forks 5", cluster.nodes().size(), (System.nanoTime() - t0) / 1e9, PARALLELISM));
    rows.add("# " + sudoCost(cluster.nodes().get(1).name()));
  }

  /**
   * What one {@code sudo -n} costs on a node, as the login user runs it before each exec's script: 20 of
   * {@code runuser -u debian -- sudo -n true} less 20 of {@code runuser -u debian -- true}, timed inside the node.
   */
  private String sudoCost(String node) throws Exception {
    String script = "a=$EPOCHREALTIME; for i in $(seq 20); do runuser -u debian -- sudo -n true; done;"
        + " b=$EPOCHREALTIME; for i in $(seq 20); do runuser -u debian -- true; done; c=$EPOCHREALTIME;"
        + " for i in $(seq 20); do bash -c true; done; d=$EPOCHREALTIME; echo $a $b $c $d";
    String[] t = RigHttp.inNode(rig, node, "bash", "-c", script).output().strip().split(" ");
    if (t.length != 4) {
      return "sudo's cost on " + node + " not measured: " + String.join(" ", t);
    }
    double a = Double.parseDouble(t[0]);
    double b = Double.parseDouble(t[1]);
    double c = Double.parseDouble(t[2]);
    double d = Double.parseDouble(t[3]);
    return String.format(Locale.ROOT, "on %s: sudo -n true %.1f ms a call beyond runuser's %.1f ms; bash -c true"
        + " %.1f ms (20 calls each)", node, ((b - a) - (c - b)) / 20 * 1000, (c - b) / 20 * 1000, (d - c) / 20 * 1000);
  }

  private void run(String method, int rep, AnsiblePush ansible) throws Exception {
    String gen = method + "-" + rep;
    String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    double s;
    String detail;
    boolean ok;
    if (method.equals("stackwright")) {
      Pushes pushes = new Pushes();
      Engine engine = engine(renderer(gen), pushes);
      split.mark();
      long t0 = System.nanoTime();
      Plan plan = engine.plan(cluster);
      long t1 = System.nanoTime();
      ApplyResult applied = engine.apply(cluster, plan);
      s = (System.nanoTime() - t0) / 1e9;
      ok = applied.succeeded() && plan.count(Action.RECONFIGURE) == cluster.nodes().size();
      detail = String.format(Locale.ROOT, "plan %.2f s, apply %.2f s, reconfigures %d, %s; %s%s", (t1 - t0) / 1e9,
          (System.nanoTime() - t1) / 1e9, plan.count(Action.RECONFIGURE), pushes, split.since(),
          ok ? "" : "; " + applied.summary());
    } else {
      Path log = LOGS.resolve(gen + ".log");
      AnsiblePush.Result r = ansible.run(gen, method.endsWith("pipelining"), log);
      s = r.seconds();
      ok = r.ok();
      detail = ok ? "" : "playbook failed, see " + log;
    }
    ok = ok && everyNodeHas(gen);
    rows.add(String.format(Locale.ROOT, "%d\t%s\t%.2f\t%s\t%s\t%s", rep, method, s, ok ? "yes" : "WRONG", load,
        detail));
    System.out.println("[day-two bench] " + rows.get(rows.size() - 1));
    if (ok) {
      seconds.computeIfAbsent(method, m -> new ArrayList<>()).add(s);
    }
  }

  /** Whether every node's file holds generation {@code gen}, read inside each container. */
  private boolean everyNodeHas(String gen) throws Exception {
    for (Node n : cluster.nodes()) {
      String text = RigHttp.inNode(rig, n.name(), "cat", PATH).output();
      if (text.lines().noneMatch(l -> l.endsWith("generation " + gen))) {
        return false;
      }
    }
    return true;
  }

  /** Each node's console log, where cloud-init printed its host keys. */
  private Map<String, String> consoles() {
    Observation seen = rig.nodes.observe(NAME);
    Map<String, String> out = new LinkedHashMap<>();
    for (Node n : cluster.nodes()) {
      seen.get(ResourceId.of(ResourceKind.SERVER, n.name()))
          .flatMap(o -> rig.nodes.consoleOutput(NAME, o)).ifPresent(c -> out.put(n.name(), c));
    }
    return out;
  }

  private Engine engine(Renderer renderer, ExecutionListener listener) {
    return Engine.builder().backend(rig.nodes).renderer(renderer).serverGroupPolicy("soft-anti-affinity")
        .publicKey(publicKey).listener(listener).parallelism(PARALLELISM).build();
  }

  /**
   * The fixed secrets of the engine tests' renderer, and {@link #PATH} on every role with generation {@code gen}, its
   * change reloading ssh.
   */
  private Renderer renderer(String gen) throws Exception {
    Path templates = Files.createDirectories(work.resolve("templates"));
    String template = "bench-" + gen + ".jinja";
    Files.writeString(templates.resolve(template), TEXT.replace("{{ gen }}", gen));
    Map<SecretName, String> secrets = new LinkedHashMap<>();
    for (SecretName name : SecretName.builtIn()) {
      secrets.put(name, "bench-secret-" + SecretName.builtIn().indexOf(name) + "-0123456789");
    }
    Renderer.Builder b = Renderer.builder().secrets(SecretSource.of(secrets)).templateDirectory(templates);
    for (Role r : cluster.roles()) {
      b.addFile(r.name(), PATH, template, 0644, "root:root", OnChange.reload("ssh"));
    }
    return b.build();
  }

  private void write() throws Exception {
    List<String> out = new ArrayList<>(rows);
    out.add("");
    Map<String, Double> medians = new LinkedHashMap<>();
    seconds.forEach((m, s) -> medians.put(m, median(s)));
    medians.forEach((m, s) -> out.add(String.format(Locale.ROOT, "median %s: %.2f s (%d verified runs)", m, s,
        seconds.get(m).size())));
    Double ours = medians.get("stackwright");
    medians.forEach((m, s) -> {
      if (ours != null && !m.equals("stackwright")) {
        out.add(String.format(Locale.ROOT, "ratio %s / stackwright: %.1fx", m, s / ours));
      }
    });
    Files.write(OUT, out);
    out.forEach(l -> System.out.println("[day-two bench] " + l));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The reconfigures of one apply: the window from the first one's start to the last one's end, and each one's time. */
  private static final class Pushes implements ExecutionListener {
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final Map<String, Long> ended = new ConcurrentHashMap<>();

    @Override
    public void started(Step step) {
      if (step.change().action() == Action.RECONFIGURE) {
        started.put(step.id().key(), System.nanoTime());
      }
    }

    @Override
    public void finished(Step step, Duration elapsed) {
      if (step.change().action() == Action.RECONFIGURE) {
        ended.put(step.id().key(), System.nanoTime());
      }
    }

    @Override
    public String toString() {
      if (started.isEmpty() || ended.isEmpty()) {
        return "no reconfigure finished";
      }
      long first = started.values().stream().min(Long::compare).orElseThrow();
      long last = ended.values().stream().max(Long::compare).orElseThrow();
      StringBuilder each = new StringBuilder();
      new java.util.TreeMap<>(ended).forEach((node, end) -> each.append(String.format(Locale.ROOT,
          " %s +%.2f %.2f", node, (started.get(node) - first) / 1e9, (end - started.get(node)) / 1e9)));
      return String.format(Locale.ROOT, "push window %.2f s, each (start, seconds):%s", (last - first) / 1e9, each);
    }
  }
}
