package dev.stackwright.local.internal;

import dev.stackwright.local.LocalService;
import dev.stackwright.local.LocalServiceState;
import dev.stackwright.local.internal.PidFiles.Recorded;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Stops every recorded process group, by pid, in the reverse of the order they started in (front ends first, what
 * every other process needs last); the processes of one phase stop together.
 */
final class Shutdown {
  private final PidFiles pids;
  private final Duration stopGrace;

  Shutdown(PidFiles pids, Duration stopGrace) {
    this.pids = pids;
    this.stopGrace = stopGrace;
  }

  /** Every recorded service as it ended up, then the pid files that held no pid; removes the runners' state. */
  List<LocalService> stopAll() {
    List<LocalService> removed = new ArrayList<>();
    List<Recorded> all = pids.all(removed);
    Map<String, LocalService> out = new ConcurrentHashMap<>();
    Map<Integer, List<Recorded>> tiers = new TreeMap<>(Comparator.reverseOrder());
    for (Recorded r : all) {
      tiers.computeIfAbsent(r.phase(), k -> new ArrayList<>()).add(r);
    }
    for (List<Recorded> tier : tiers.values()) {
      stopTogether(tier, out);
    }
    try (var stream = Files.list(pids.dir())) {
      // the runners' state files (ports they chose): chosen again on the next apply
      stream.filter(p -> !p.toString().endsWith(".pid")).forEach(pids::delete);
    } catch (IOException e) {
      // chosen again when unreadable
    }
    List<LocalService> ordered = all.stream().map(r -> out.get(r.name())).collect(Collectors.toList());
    ordered.addAll(removed);
    return ordered;
  }

  private void stopTogether(List<Recorded> tier, Map<String, LocalService> out) {
    List<Thread> threads = new ArrayList<>();
    for (Recorded r : tier) {
      Thread t = new Thread(() -> out.put(r.name(), stop(r)), "stop-" + r.name());
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while stopping", e);
      }
    }
  }

  /** Stops one recorded process group; a failure to stop it is its result, not an end to the others'. */
  private LocalService stop(Recorded r) {
    long t0 = System.nanoTime();
    try {
      boolean stopped = Processes.stopGroup(r.pid(), "TERM", stopGrace);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      pids.delete(r.file());
      return new LocalService(r.name(), r.node(), r.kind(), stopped ? LocalServiceState.STOPPED
          : LocalServiceState.NOT_RUNNING, stopped ? "stopped in " + ms + " ms" : "was not running",
          OptionalLong.of(r.pid().pid()), r.endpoints());
    } catch (RuntimeException e) {
      return new LocalService(r.name(), r.node(), r.kind(), LocalServiceState.FAILED, "could not be stopped: "
          + e.getMessage(), OptionalLong.of(r.pid().pid()), r.endpoints());
    }
  }
}
