package dev.stackwright.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Applies a plan: walks its steps' dependency graph with at most {@code parallelism} backend calls in flight, tells a
 * listener as each starts and ends, keeps going with independent work when a step fails (what depends on it is
 * skipped), and reports every outcome. A create whose answer was lost is looked up by its ownership marker before it
 * is counted as failed, so nothing is made twice.
 */
final class Executor {
  private final Backend backend;
  private final int parallelism;
  private final ExecutionListener listener;
  private final BiFunction<ResourceSpec, Map<ResourceId, Observed>, ResourceSpec> finalizer;
  private Duration awaitPoll = AwaitBuild.POLL;

  /**
   * @param finalizer completes a spec just before it is created or updated, from what exists then (a server's
   *     user-data once every port's MAC is known)
   */
  Executor(Backend backend, int parallelism, ExecutionListener listener,
      BiFunction<ResourceSpec, Map<ResourceId, Observed>, ResourceSpec> finalizer) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
    }
    this.backend = backend;
    this.parallelism = parallelism;
    this.listener = listener;
    this.finalizer = finalizer;
  }

  /** How often a server that an earlier run left building is looked at (tests shorten it). */
  Executor awaitPoll(Duration poll) {
    this.awaitPoll = poll;
    return this;
  }

  /**
   * @param afterAllPorts servers whose user-data is final only once every new port and floating IP exists
   * @param strictGroups strict anti-affinity server groups, whose servers are created one after another
   */
  ApplyResult run(Plan plan, Observation observed, Set<ResourceId> afterAllPorts, Set<ResourceId> strictGroups) {
    long start = System.nanoTime();
    List<Step> steps = StepGraph.steps(plan);
    Map<Step, List<Step>> waitsFor = StepGraph.edges(steps, afterAllPorts);
    Map<Step, List<Step>> after = StepGraph.order(steps, strictGroups);
    Map<ResourceId, Observed> live = new ConcurrentHashMap<>();
    observed.resources().forEach(o -> live.put(o.id(), o));
    Map<Step, Outcome> outcomes = Collections.synchronizedMap(new LinkedHashMap<>());
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "stackwright-apply");
      t.setDaemon(true);
      return t;
    });
    try {
      ExecutorCompletionService<Step> done = new ExecutorCompletionService<>(pool);
      List<Step> pending = new ArrayList<>(steps);
      int running = 0;
      while (!pending.isEmpty() || running > 0) {
        boolean progressed = false;
        for (var it = pending.iterator(); it.hasNext(); ) {
          Step step = it.next();
          List<Step> prerequisites = waitsFor.getOrDefault(step, List.of());
          Optional<Step> broken = prerequisites.stream().filter(p -> outcomes.containsKey(p)
              && outcomes.get(p).status() != Outcome.Status.DONE).findFirst();
          if (broken.isPresent()) {
            String reason = "waits for " + broken.get() + ", which " + (outcomes.get(broken.get()).status()
                == Outcome.Status.FAILED ? "failed" : "was not done");
            outcomes.put(step, new Outcome(step, Outcome.Status.SKIPPED, Duration.ZERO, Optional.of(reason)));
            listener.skipped(step, reason);
            it.remove();
            progressed = true;
          } else if (running < parallelism && prerequisites.stream().allMatch(outcomes::containsKey)
              && after.getOrDefault(step, List.of()).stream().allMatch(outcomes::containsKey)) {
            it.remove();
            running++;
            done.submit(() -> {
              maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              try {
                outcomes.put(step, perform(plan.cluster(), step, live));
              } finally {
                inFlight.decrementAndGet();
              }
              return step;
            });
            progressed = true;
          }
        }
        if (running > 0 && (!progressed || running >= parallelism || pending.isEmpty())) {
          done.take().get();
          running--;
        } else if (!progressed && running == 0) {
          throw new IllegalStateException("the steps wait for each other in a cycle: " + pending);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while applying", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a step crashed the executor", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    List<Outcome> ordered = new ArrayList<>();
    steps.forEach(s -> ordered.add(outcomes.get(s)));
    return new ApplyResult(plan, ordered, Duration.ofNanos(System.nanoTime() - start), maxInFlight.get());
  }

  private Outcome perform(String cluster, Step step, Map<ResourceId, Observed> live) {
    long t0 = System.nanoTime();
    listener.started(step);
    References refs = id -> Optional.ofNullable(live.get(id)).map(Observed::cloudId);
    try {
      String detail = null;
      Change change = step.change();
      switch (step.phase()) {
        case DELETE -> {
          Observed current = change.current().orElseThrow();
          backend.delete(cluster, current);
          live.computeIfPresent(change.id(), (id, o) -> o.cloudId().equals(current.cloudId()) ? null : o);
        }
        case AWAIT -> live.put(change.id(), AwaitBuild.until(backend, cluster, change.current().orElseThrow(),
            awaitPoll, AwaitBuild.DEADLINE));
        case UPDATE -> {
          ResourceSpec spec = finalizer.apply(change.desired().orElseThrow(), live);
          live.put(change.id(), backend.update(cluster, live.getOrDefault(change.id(), change.current().orElseThrow()),
              spec, refs));
        }
        case CREATE -> {
          ResourceSpec spec = finalizer.apply(change.desired().orElseThrow(), live);
          try {
            live.put(change.id(), backend.create(cluster, spec, refs));
          } catch (BackendException e) {
            if (e.reason() != BackendException.Reason.TRANSIENT) {
              throw e;
            }
            Observed made = backend.find(cluster, change.id()).orElseThrow(() -> e);
            live.put(change.id(), made);
            detail = "its answer was lost; found by its marker as " + made.cloudId();
          }
        }
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
      listener.finished(step, elapsed);
      return new Outcome(step, Outcome.Status.DONE, elapsed, Optional.ofNullable(detail));
    } catch (RuntimeException e) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
      listener.failed(step, elapsed, e);
      return new Outcome(step, Outcome.Status.FAILED, elapsed, Optional.of(String.valueOf(e.getMessage())));
    }
  }
}
