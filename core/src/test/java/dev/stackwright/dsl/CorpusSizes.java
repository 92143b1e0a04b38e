package dev.stackwright.dsl;

import static dev.stackwright.dsl.Corpus.bad;
import static dev.stackwright.dsl.Corpus.pool;
import static dev.stackwright.dsl.Corpus.seed;
import static dev.stackwright.dsl.Corpus.seedWithWorkers;

import dev.stackwright.dsl.Corpus.Case;
import java.util.List;

/** The corpus's counts and sizes: each bounded to what is meaningful, so no derived value can wrap. */
final class CorpusSizes {
  private CorpusSizes() {}

  static final List<Case> CASES = List.of(
      bad("role count 0", seedWithWorkers(w -> w.count(0)), "role[worker].count", "0", "call .count(1) or more"),
      bad("role count -1", seedWithWorkers(w -> w.count(-1)), "role[worker].count", "-1", "call .count(1) or more"),
      bad("role count Integer.MIN_VALUE", seedWithWorkers(w -> w.count(Integer.MIN_VALUE)), "role[worker].count",
          String.valueOf(Integer.MIN_VALUE), "call .count(1) or more"),
      bad("role count Integer.MAX_VALUE", seedWithWorkers(w -> w.count(Integer.MAX_VALUE)), "role[worker].count",
          String.valueOf(Integer.MAX_VALUE), "lower the count to 254 or less"),
      bad("300 workers in one /24 (an exhausted block)", seedWithWorkers(w -> w.count(300)), "role[worker].count",
          "300", "lower the count to 254 or less"),
      bad("host count 0", pool(h -> h.count(0)), "host[pool].count", "0", "call .count(1) or more"),
      bad("host count Integer.MAX_VALUE", pool(h -> h.count(Integer.MAX_VALUE)), "role[worker].count",
          String.valueOf(Integer.MAX_VALUE), "lower the count to 254 or less"),
      bad("flavour with 0 vCPUs", seed(c -> c.flavor("tiny").vcpus(0).ramGb(1)), "flavor[tiny].vcpus", "0",
          "call .vcpus(1) or more"),
      bad("flavour with 2^30 vCPUs (gunicorn's 2n+1 workers would wrap)", seed(c -> c.flavor("huge").vcpus(1 << 30)
          .ramGb(1)), "flavor[huge].vcpus", String.valueOf(1 << 30), "at most 1024"),
      bad("flavour with 1025 vCPUs", seed(c -> c.flavor("huge").vcpus(1025).ramGb(1)), "flavor[huge].vcpus", "1025",
          "at most 1024"),
      bad("flavour with negative RAM that overflows to positive", seed(c -> c.flavor("tiny").vcpus(1)
          .ramGb(-2_100_000)), "flavor[tiny].ram", "-2100000 GB", "call .ramGb(1) or more"),
      bad("flavour with less RAM than Debian 12 boots in", seed(c -> c.flavor("tiny").vcpus(1).ramMb(128)),
          "flavor[tiny].ram", "128 MB", "at least 512 MB"),
      bad("flavour with more RAM than a flavour can have", seed(c -> c.flavor("huge").vcpus(1)
          .ramGb(Integer.MAX_VALUE)), "flavor[huge].ram", String.valueOf(Integer.MAX_VALUE), "at most"),
      bad("flavour with 32 TB of RAM", seed(c -> c.flavor("huge").vcpus(1).ramGb(32 * 1024 * 1024)),
          "flavor[huge].ram", String.valueOf(32 * 1024 * 1024), "at most 16777216 MB"),
      bad("processes 0", seedWithWorkers(w -> w.processes(0)), "role[worker].processes", "0",
          "call .processes(1) or more"),
      bad("processes Integer.MAX_VALUE", seedWithWorkers(w -> w.processes(Integer.MAX_VALUE)),
          "role[worker].processes", String.valueOf(Integer.MAX_VALUE), "at most 1024"),
      bad("first offset 0", seedWithWorkers(w -> w.firstOffset(0)), "role[worker].firstOffset", "0", "use 1 to 254"),
      bad("first offset Integer.MIN_VALUE", seedWithWorkers(w -> w.firstOffset(Integer.MIN_VALUE)),
          "role[worker].firstOffset", String.valueOf(Integer.MIN_VALUE), "use 1 to 254"),
      bad("CPU weight NaN", seed(c -> c.cpuWeight("server", Double.NaN)), "cluster.cpuWeight[server]", "NaN",
          "such as 0.5"),
      bad("CPU weight negative", seed(c -> c.cpuWeight("hpc", -1)), "cluster.cpuWeight[hpc]", "-1.0",
          "such as 0.5"),
      bad("CPU weight of a billion", seed(c -> c.cpuWeight("hpc", 1e9)), "cluster.cpuWeight[hpc]", "1.0E9",
          "at most 100"),
      bad("a single controller counted twice", () -> {
        ClusterDsl c = Corpus.smallWithoutController("two");
        c.role("controller").address("10.0.0.1").count(2).flavor("small");
        Corpus.demo(c, "demo");
        return c;
      }, "role[controller].count", "2", "use count 1"),
      // ---- quota ----
      bad("the instance quota exceeded", seed(c -> c.quota().instances(2)), "cluster.quota.instances", "2",
          "raise the project's quota to at least 3"),
      bad("the RAM quota exceeded", seed(c -> c.quota().ramGb(4)), "cluster.quota.ram", "4096",
          "raise the project's quota to at least 7168"),
      bad("a negative core quota", seed(c -> c.quota().cores(-1)), "cluster.quota.cores", "-1",
          "give the project's limit"),
      bad("a RAM quota more than a quota can count", seed(c -> c.quota().ramGb(Integer.MAX_VALUE)),
          "cluster.quota.ram", String.valueOf(Integer.MAX_VALUE * 1024L), "give at most 2097151 GB"));
}
