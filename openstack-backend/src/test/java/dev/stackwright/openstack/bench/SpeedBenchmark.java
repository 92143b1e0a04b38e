package dev.stackwright.openstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Observation;
import dev.stackwright.engine.Observed;
import dev.stackwright.engine.ResourceKind;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Cluster;
import dev.stackwright.openstack.AsUser;
import dev.stackwright.openstack.CountingProxy;
import dev.stackwright.openstack.OpenStackBackend;
import dev.stackwright.openstack.RealCloud;
import dev.stackwright.openstack.SshKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Speed on the loopback OpenStack: the seed (6 VMs) and the seed with 30 workers (33 VMs) from nothing to
 * converged, stackwright against the seed's own method (openstack-backend/bench/seed-by-hand.sh: one `openstack` CLI call per
 * resource), alternating, 3 repetitions each; and the HTTP requests a plan of the converged cluster makes at 6, 33
 * and 100 VMs. Writes target/benchmarks/speed.tsv and summary.txt. Not part of the test suite (its name matches no
 * include); run it with:
 *
 * <pre>mvn -pl openstack-backend verify -Dtest=SpeedBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("integration")
class SpeedBenchmark {
  private static final Path OUT = Path.of("target", "benchmarks");
  private static final int REPETITIONS = Integer.getInteger("bench.repetitions", 3);
  private final List<String> rows = new ArrayList<>();
  private final String publicKey = SshKeys.newPublicKey("bench");

  @Test
  void seedAndThirtyWorkersFromNothingAgainstTheSeedsOwnMethod() throws Exception {
    RealCloud.credentials();
    Files.createDirectories(OUT);
    Path key = OUT.resolve("bench.pub");
    Files.writeString(key, publicKey + "\n");
    rows.add("vms\tmethod\trep\tseconds\trequests_of_converged_plan\tverified");
    StringBuilder summary = new StringBuilder();
    for (int workers : new int[] {3, 30}) {
      List<Double> ours = new ArrayList<>();
      List<Double> hand = new ArrayList<>();
      for (int rep = 1; rep <= REPETITIONS; rep++) {
        boolean oursFirst = rep % 2 == 1;
        for (int k = 0; k < 2; k++) {
          if (oursFirst == (k == 0)) {
            ours.add(stackwright("bsw" + rep + "x" + workers, workers, rep));
          } else {
            hand.add(byHand("bh" + rep + "x" + workers, workers, rep, key));
          }
        }
      }
      double mo = median(ours);
      double mh = median(hand);
      summary.append(String.format(Locale.ROOT, "%d VMs: stackwright median %.1f s %s; by hand (CLI) median %.1f s %s;"
          + " ratio %.1fx%n", workers + 3, mo, ours, mh, hand, mh / mo));
      write(summary);
    }
    stackwright("bsw1x97", 97, 1);
    write(summary);
  }

  private double stackwright(String name, int workers, int rep) throws Exception {
    ClusterDsl dsl = Topologies.seedDsl(name, false);
    dsl.role("worker").count(workers).flavor("hpc").subnet("10.0.100");
    Cluster cluster = dsl.build();
    try (CountingProxy proxy = CountingProxy.start()) {
      OpenStackBackend cloud = OpenStackBackend.builder().credentials(RealCloud.credentials()).proxy(proxy.uri())
          .build();
      Engine engine = Engine.builder().backend(cloud).renderer(Topologies.renderer()).publicKey(publicKey)
          .serverGroupPolicy(workers > 4 ? "soft-anti-affinity" : "anti-affinity").parallelism(8).build();
      long t0 = System.nanoTime();
      ApplyResult result = engine.apply(cluster);
      double seconds = (System.nanoTime() - t0) / 1e9;
      int before = proxy.count();
      boolean converged = engine.plan(cluster).isEmpty();
      int requests = proxy.count() - before;
      Observation seen = cloud.observe(name);
      long active = seen.resources().stream().filter(o -> o.id().kind() == ResourceKind.SERVER)
          .filter(o -> o.fact(Observed.Facts.STATUS).filter("ACTIVE"::equals).isPresent()).count();
      String verified = result.succeeded() && converged && active == workers + 3 ? "ok"
          : "WRONG: " + result.summary().replace("\n", " | ") + ", converged=" + converged + ", active="
              + active;
      rows.add(String.format(Locale.ROOT, "%d\tstackwright\t%d\t%.2f\t%d\t%s", workers + 3, rep, seconds, requests,
          verified));
      ApplyResult gone = engine.destroy(name);
      assertThat(gone.succeeded()).as(gone.summary()).isTrue();
      assertThat(verified).isEqualTo("ok");
      assertThat(requests).as("requests of a converged plan at %d VMs", workers + 3).isLessThanOrEqualTo(8);
      return seconds;
    }
  }

  private double byHand(String prefix, int workers, int rep, Path key) throws Exception {
    long t0 = System.nanoTime();
    String out = AsUser.script("openstack-backend/bench/seed-by-hand.sh", prefix, String.valueOf(workers), key.toAbsolutePath().toString());
    double seconds = (System.nanoTime() - t0) / 1e9;
    String active = AsUser.shell("openstack server list --name '^" + prefix + "-' --status ACTIVE -f value -c ID | wc -l")
        .strip();
    String rules = AsUser.shell("for g in $(openstack security group list -f value -c Name | grep '^" + prefix
        + "-'); do openstack security group rule list --ingress \"$g\" -f value -c ID; done | wc -l").strip();
    String members = AsUser.shell("openstack server group show " + prefix + "-worker -f json | python3 -c "
        + "'import json,sys; print(len(json.load(sys.stdin)[\"members\"]))'").strip();
    String verified = active.equals(String.valueOf(workers + 3)) && rules.equals("22")
        && members.equals(String.valueOf(workers)) ? "ok" : "WRONG: active=" + active + " rules=" + rules
        + " group members=" + members + (out.isBlank() ? "" : " " + out.strip());
    rows.add(String.format(Locale.ROOT, "%d\tby-hand-cli\t%d\t%.2f\t-\t%s", workers + 3, rep, seconds, verified));
    AsUser.script("openstack-backend/bench/seed-by-hand-delete.sh", prefix);
    return seconds;
  }


  private void write(StringBuilder summary) throws IOException {
    Files.writeString(OUT.resolve("speed.tsv"), String.join("\n", rows) + "\n");
    Files.writeString(OUT.resolve("summary.txt"), summary.toString());
  }

  private static double median(List<Double> xs) {
    List<Double> s = xs.stream().sorted().toList();
    return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
  }
}
