package dev.stackwright.nodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Waits, bounded, until every node's cloud-init has finished; records when each got healthy and its memory. */
final class NodesHealthWait {
  private static final Duration LIMIT = Duration.ofMinutes(15);

  private NodesHealthWait() {}

  static void untilSettled(NodesBackend nodes, String cluster, long t0, StringBuilder figures)
      throws InterruptedException {
    Map<String, String> settled = new LinkedHashMap<>();
    long deadline = System.nanoTime() + LIMIT.toNanos();
    List<NodeHealth> last = List.of();
    while (System.nanoTime() < deadline) {
      last = nodes.health(cluster);
      for (NodeHealth h : last) {
        boolean done = !h.cloudInit().equals("running") && !h.cloudInit().startsWith("not");
        if (done && !settled.containsKey(h.server())) {
          settled.put(h.server(), String.format(Locale.ROOT, "%.1f s (%s)", (System.nanoTime() - t0) / 1e9,
              h.healthy() ? "healthy" : "NOT healthy: " + h.summary()));
        }
      }
      if (!last.isEmpty() && settled.size() == last.size()) {
        break;
      }
      Thread.sleep(3000);
    }
    settled.forEach((s, t) -> SeedOnNodesIT.figure("from apply's start to cloud-init finished, %s: %s", s, t));
    last.stream().filter(h -> !settled.containsKey(h.server()))
        .forEach(h -> SeedOnNodesIT.figure("not settled within %d min: %s", LIMIT.toMinutes(), h.summary()));
  }

  /** PSS in KiB of every process in each container's cgroup (unified hierarchy), by machine. */
  static Map<String, Long> pssKib(Path cgroupParent) throws IOException {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Stream<Path> machines = Files.list(cgroupParent)) {
      for (Path m : machines.filter(Files::isDirectory).sorted().toList()) {
        long sum = 0;
        for (String pid : procs(m)) {
          sum += pss(pid);
        }
        out.put(m.getFileName().toString(), sum);
      }
    }
    return out;
  }

  /** Every pid in a cgroup and its descendants. */
  static List<String> procs(Path cgroup) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(cgroup)) {
      for (Path f : files.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
        Files.readAllLines(f).stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
      }
    }
    return out;
  }

  private static long pss(String pid) {
    try {
      return Files.readAllLines(Path.of("/proc", pid, "smaps_rollup")).stream().filter(l -> l.startsWith("Pss:"))
          .mapToLong(l -> Long.parseLong(l.replaceAll("\\D+", ""))).sum();
    } catch (IOException | RuntimeException e) {
      return 0; // gone meanwhile
    }
  }
}
