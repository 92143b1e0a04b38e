package dev.stackwright.openstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Engine;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Cluster;
import dev.stackwright.openstack.AsUser;
import dev.stackwright.openstack.CountingProxy;
import dev.stackwright.openstack.OpenStackBackend;
import dev.stackwright.openstack.RealCloud;
import dev.stackwright.openstack.SshKeys;
import dev.stackwright.openstack.internal.CloudBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Speed on the loopback OpenStack: the seed (6 VMs) and the seed with 30 workers (33 VMs) from nothing to
 * converged, stackwright against (a) the seed's own method (openstack-backend/bench/seed-by-hand.sh: one
 * `openstack` CLI call per resource), (b) an Ansible playbook (openstack-backend/bench/seed-by-ansible.sh, when it
 * exists) and (c) the cloud's own limit, a bare openstack4j loop from 8 threads ({@link BareLoop}); in turns, the
 * order rotating with each repetition, 3 repetitions each; and the HTTP requests a plan of the converged cluster
 * makes at 6, 33 and 100 VMs. Every method's result is checked; a wrong one is a row marked WRONG, not hidden, and
 * left out of the medians (NaN in the summary's list).
 * Writes target/benchmarks/speed.tsv and summary.txt. Not part of the test suite (its name matches no include);
 * run it with:
 *
 * <pre>mvn -pl openstack-backend -am verify -Dtest=SpeedBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * <p>{@code -Dbench.repetitions=N} (3), {@code -Dbench.cliRepetitionsAt33=N} (as many) to run the slow CLI method
 * fewer times at 33 VMs, {@code -Dbench.methods=stackwright,stackwright-no-bulk,by-hand-cli,bare-openstack4j,ansible}
 * (stackwright-no-bulk: one request per port, to measure what Neutron's bulk creates give) and
 * {@code -Dbench.workers=3,30} to choose; {@code -Dbench.at100=false} to leave out the 100-VM observation;
 * {@code -Dbench.shift=N} to move the seed's addresses up by N /24s (stackwright, by hand, bare loop) when another
 * run of the seed shares the network. Each stackwright run also writes its steps' timeline
 * (target/benchmarks/timeline-NAME.tsv: milliseconds from the apply's start, start or end, step), to see what lies on
 * the way to the servers. Each row also has the CPU seconds the cloud's services used during the run
 * ({@link CloudCpu}): neutron-server's (one process: its seconds over the run's time say how close the run came to
 * what the cloud can do), Nova's, and the cloud's in all.
 */
@Tag("integration")
class SpeedBenchmark {
  private static final Path OUT = Path.of("target", "benchmarks");
  private static final int REPETITIONS = Integer.getInteger("bench.repetitions", 3);
  private static final int CLI_AT_33 = Integer.getInteger("bench.cliRepetitionsAt33", REPETITIONS);
  private static final List<String> METHODS = List.of(System.getProperty("bench.methods",
      "stackwright,stackwright-no-bulk,stackwright-waves,by-hand-cli,bare-openstack4j,ansible").split(","));
  private static final int[] WORKERS = java.util.Arrays.stream(System.getProperty("bench.workers", "3,30")
      .split(",")).mapToInt(Integer::parseInt).toArray();
  /** Moves the seed's /24s up by this much for our methods (not Ansible's playbook, whose addresses are fixed). */
  private static final int SHIFT = Integer.getInteger("bench.shift", 0);
  private static final String ANSIBLE = "openstack-backend/bench/seed-by-ansible.sh";
  private final List<String> rows = new ArrayList<>();
  private final String publicKey = SshKeys.newPublicKey("bench");

  /** One way of making the seed: its name in the tsv, and a run that returns its seconds. */
  private interface Method {
    double run(String tag, int workers, int rep) throws Exception;
  }

  @Test
  void seedAndThirtyWorkersFromNothingAgainstTheOtherMethods() throws Exception {
    RealCloud.credentials();
    Files.createDirectories(OUT);
    Path key = OUT.resolve("bench.pub");
    Files.writeString(key, publicKey + "\n");
    rows.add("vms\tmethod\trep\tseconds\trequests_of_converged_plan\tverified\tneutron_cpu_s\tnova_cpu_s"
        + "\tcloud_cpu_s");
    StringBuilder summary = new StringBuilder();
    Map<String, Method> methods = new LinkedHashMap<>();
    methods.put("stackwright", (tag, w, rep) -> stackwright("bsw" + tag, w, rep));
    methods.put("stackwright-no-bulk", (tag, w, rep) -> stackwright("stackwright-no-bulk", "bsn" + tag, w, rep, 1,
        1));
    methods.put("stackwright-waves", (tag, w, rep) -> stackwright("stackwright-waves", "bsv" + tag, w, rep,
        CloudBackend.PORTS_PER_REQUEST, 1));
    methods.put("by-hand-cli", (tag, w, rep) -> external("by-hand-cli", "openstack-backend/bench/seed-by-hand.sh",
        "openstack-backend/bench/seed-by-hand-delete.sh", "bh" + tag, w, rep, key));
    methods.put("bare-openstack4j", (tag, w, rep) -> bare("bb" + tag, w, rep));
    if (Files.exists(Path.of("..").resolve(ANSIBLE))) {
      methods.put("ansible", (tag, w, rep) -> external("ansible", ANSIBLE,
          "openstack-backend/bench/seed-by-ansible-delete.sh", "ba" + tag, w, rep, key));
    } else {
      summary.append("ansible: skipped, ").append(ANSIBLE).append(" does not exist on this branch\n");
    }
    methods.keySet().retainAll(METHODS);
    if (METHODS.contains("stackwright") && Boolean.parseBoolean(System.getProperty("bench.at100", "true"))) {
      stackwright("bsw1x97", 97, 1);   // first: its converged plan's requests at 100 VMs, and a warm-up
      write(summary);
    }
    for (int workers : WORKERS) {
      Map<String, List<Double>> times = new LinkedHashMap<>();
      methods.keySet().forEach(m -> times.put(m, new ArrayList<>()));
      List<String> order = new ArrayList<>(methods.keySet());
      for (int rep = 1; rep <= REPETITIONS; rep++) {
        for (String m : order) {
          if (m.equals("by-hand-cli") && workers == 30 && rep > CLI_AT_33) {
            continue;
          }
          times.get(m).add(methods.get(m).run(rep + "x" + workers, workers, rep));
          write(summary);
        }
        java.util.Collections.rotate(order, 1);
      }
      double ours = median(times.getOrDefault("stackwright", List.of()));
      summary.append(String.format(Locale.ROOT, "%d VMs:%n", workers + 3));
      times.forEach((m, xs) -> summary.append(String.format(Locale.ROOT, "  %-17s median %6.1f s %s; %s%n", m,
          median(xs), xs, m.equals("stackwright") ? "" : String.format(Locale.ROOT, "%.2fx stackwright's time",
              median(xs) / ours))));
      write(summary);
    }
    write(summary);
  }

  private double stackwright(String name, int workers, int rep) throws Exception {
    return stackwright("stackwright", name, workers, rep, CloudBackend.PORTS_PER_REQUEST,
        CloudBackend.SERVERS_PER_BATCH);
  }

  /**
   * stackwright with {@code portsPerRequest} ports a request and {@code serversPerBatch} servers booted and waited
   * for together; {@code method} names the variant in the tsv.
   */
  private double stackwright(String method, String name, int workers, int rep, int portsPerRequest,
      int serversPerBatch) throws Exception {
    ClusterDsl dsl = Topologies.seedDsl(name, false, SHIFT);
    dsl.role("worker").count(workers).flavor("hpc").subnet("10.0." + (100 + SHIFT));
    Cluster cluster = dsl.build();
    try (CountingProxy proxy = CountingProxy.start()) {
      OpenStackBackend cloud = OpenStackBackend.builder().credentials(RealCloud.credentials()).proxy(proxy.uri())
          .portsPerRequest(portsPerRequest).serversPerBatch(serversPerBatch).build();
      Timeline timeline = new Timeline();
      Engine engine = Engine.builder().backend(cloud).renderer(Topologies.renderer()).publicKey(publicKey)
          .serverGroupPolicy(workers > 4 ? "soft-anti-affinity" : "anti-affinity").parallelism(8)
          .listener(timeline).build();
      CloudCpu.Snapshot cpu0 = CloudCpu.now();
      long t0 = System.nanoTime();
      ApplyResult result = engine.apply(cluster);
      double seconds = (System.nanoTime() - t0) / 1e9;
      CloudCpu.Snapshot cpu = CloudCpu.now().since(cpu0);
      timeline.write(OUT.resolve("timeline-" + name + ".tsv"), t0);
      int before = proxy.count();
      boolean converged = engine.plan(cluster).isEmpty();
      int requests = proxy.count() - before;
      Observation seen = cloud.observe(name);
      long active = seen.resources().stream().filter(o -> o.id().kind() == ResourceKind.SERVER)
          .filter(o -> o.fact(Observed.Facts.STATUS).filter("ACTIVE"::equals).isPresent()).count();
      String verified = result.succeeded() && converged && active == workers + 3 ? "ok"
          : "WRONG: " + result.summary().replace("\n", " | ") + ", converged=" + converged + ", active="
              + active;
      rows.add(String.format(Locale.ROOT, "%d\t%s\t%d\t%.2f\t%d\t%s\t%s", workers + 3, method, rep, seconds,
          requests, verified, cpuColumns(cpu)));
      ApplyResult gone = engine.destroy(name);
      assertThat(gone.succeeded()).as(gone.summary()).isTrue();
      return verified.equals("ok") ? seconds : Double.NaN;
    }
  }

  /** A script with the seed-by-hand.sh interface (PREFIX WORKERS PUBKEY), checked, then deleted by its script. */
  private double external(String method, String script, String delete, String prefix, int workers, int rep,
      Path key) throws Exception {
    CloudCpu.Snapshot cpu0 = CloudCpu.now();
    long t0 = System.nanoTime();
    String failure = "";
    try {
      String file = Path.of("..").resolve(script).toAbsolutePath().normalize().toString();
      AsUser.shell("SEED_SHIFT=" + SHIFT + " exec bash \"$0\" \"$@\"", file, prefix, String.valueOf(workers),
          key.toAbsolutePath().toString());
    } catch (IOException e) {
      failure = " script failed: " + cause(e.getMessage());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return verifyAndDelete(method, delete, prefix, workers, rep, seconds, CloudCpu.now().since(cpu0), failure)
        ? seconds : Double.NaN;
  }

  private double bare(String prefix, int workers, int rep) throws Exception {
    CloudCpu.Snapshot cpu0 = CloudCpu.now();
    long t0 = System.nanoTime();
    String failure = "";
    try {
      new BareLoop(RealCloud.credentials()).run(prefix, workers, publicKey, SHIFT);
    } catch (Exception e) {
      failure = " failed: " + e;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return verifyAndDelete("bare-openstack4j", "openstack-backend/bench/seed-by-hand-delete.sh", prefix, workers,
        rep, seconds, CloudCpu.now().since(cpu0), failure) ? seconds : Double.NaN;
  }

  /** The line of a script's output that says what went wrong (Ansible's "fatal:"), else its last line. */
  private static String cause(String output) {
    List<String> lines = output.lines().toList();
    String line = lines.stream().filter(l -> l.contains("fatal:") || l.contains("Error") || l.contains("error"))
        .findFirst().orElse(lines.isEmpty() ? "" : lines.get(lines.size() - 1));
    return line.length() > 400 ? line.substring(0, 400) + "..." : line;
  }

  /**
   * Servers ACTIVE, 22 ingress rules in the prefix's groups, the workers in their server group; a tsv row. True
   * when all is as it should be.
   */
  private boolean verifyAndDelete(String method, String delete, String prefix, int workers, int rep, double seconds,
      CloudCpu.Snapshot cpu, String failure) throws Exception {
    String active = AsUser.shell("openstack server list --name '^" + prefix + "-' --status ACTIVE -f value -c ID"
        + " | wc -l").strip();
    String rules = AsUser.shell("for g in $(openstack security group list -f value -c Name | grep '^" + prefix
        + "-'); do openstack security group rule list --ingress \"$g\" -f value -c ID; done | wc -l").strip();
    String members = AsUser.shell("openstack server group show " + prefix + "-worker -f json 2>/dev/null | python3"
        + " -c 'import json,sys; print(len(json.load(sys.stdin)[\"members\"]))' || echo none").strip();
    String verified = failure.isEmpty() && active.equals(String.valueOf(workers + 3)) && rules.equals("22")
        && members.equals(String.valueOf(workers)) ? "ok" : "WRONG: active=" + active + " rules=" + rules
        + " group members=" + members + failure.replace("\n", " ").replace("\t", " ");
    rows.add(String.format(Locale.ROOT, "%d\t%s\t%d\t%.2f\t-\t%s\t%s", workers + 3, method, rep, seconds, verified,
        cpuColumns(cpu)));
    AsUser.script(delete, prefix);
    return verified.equals("ok");
  }

  /** The cloud's CPU seconds during a run: neutron-server's, Nova's services', all of the cloud's. */
  private static String cpuColumns(CloudCpu.Snapshot cpu) {
    return String.format(Locale.ROOT, "%.1f\t%.1f\t%.1f", cpu.of("neutron"), cpu.of("nova"), cpu.total());
  }

  private void write(StringBuilder summary) throws IOException {
    Files.writeString(OUT.resolve("speed.tsv"), String.join("\n", rows) + "\n");
    Files.writeString(OUT.resolve("summary.txt"), summary.toString());
  }

  /** The median of the verified runs (a wrong run counts as NaN and is left out). */
  private static double median(List<Double> xs) {
    List<Double> s = xs.stream().filter(x -> !x.isNaN()).sorted().toList();
    if (s.isEmpty()) {
      return Double.NaN;
    }
    return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
  }
}
