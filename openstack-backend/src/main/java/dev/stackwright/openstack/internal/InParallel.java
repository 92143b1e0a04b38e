package dev.stackwright.openstack.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the requests of one batch (tags of new ports, boots of new servers) from at most {@code parallelism} threads
 * and returns their results in order. Each piece of work reports its own failure in its result; one that throws
 * anyway is a bug, reported as such.
 */
final class InParallel {
  private InParallel() {}

  static <T> List<T> run(List<Callable<T>> work, int parallelism, String what) {
    if (work.size() == 1) {
      try {
        return List.of(work.get(0).call());
      } catch (Exception e) {
        throw new IllegalStateException(what + " crashed", e);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, work.size())), r -> {
      Thread t = new Thread(r, "stackwright-batch");
      t.setDaemon(true);
      return t;
    });
    try {
      List<T> out = new ArrayList<>();
      for (Future<T> f : pool.invokeAll(work)) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + what, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + " crashed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
