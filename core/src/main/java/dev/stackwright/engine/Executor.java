package dev.stackwright.engine;

import dev.stackwright.StackwrightException;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.Capabilities;
import dev.stackwright.spi.Created;
import dev.stackwright.spi.NodeOperation;
import dev.stackwright.spi.NodeUpdate;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.References;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerSpec;
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
 * listener as each starts and ends (what the listener throws changes nothing), keeps going with independent work when
 * a step fails (what depends on it is skipped), and reports every outcome. A create whose answer was lost is looked
 * up by its ownership marker before it is counted as failed, so nothing is made twice.
 */
final class Executor {
  private final Backend backend;
  private final int parallelism;
  private final ExecutionListener listener;
  private final BiFunction<ResourceSpec, Map<ResourceId, Observed>, ResourceSpec> finalizer;
  private final Rolling rolling;
  /** Whether the run changes running servers: then the servers it makes are checked before they count. */
  private volatile boolean changesNodes;

  /**
   * @param finalizer completes a spec just before it is created or updated, from what exists then (a server's
   *     user-data once every port's MAC is known)
   */
  Executor(Backend backend, int parallelism, ExecutionListener listener,
      BiFunction<ResourceSpec, Map<ResourceId, Observed>, ResourceSpec> finalizer) {
    this(backend, parallelism, listener, finalizer, Rolling.NONE);
  }

  Executor(Backend backend, int parallelism, ExecutionListener listener,
      BiFunction<ResourceSpec, Map<ResourceId, Observed>, ResourceSpec> finalizer, Rolling rolling) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
    }
    this.rolling = rolling;
    this.backend = backend;
    this.parallelism = parallelism;
    this.listener = new IsolatedListener(listener);
    this.finalizer = finalizer;
  }

  /**
   * @param afterAllPorts servers whose user-data is final only once every new port and floating IP exists
   * @param strictGroups strict anti-affinity server groups, whose servers are created one after another unless the
   *     backend paces them itself
   */
  ApplyResult run(Plan plan, Observation observed, Set<ResourceId> afterAllPorts, Set<ResourceId> strictGroups) {
    long start = System.nanoTime();
    List<Step> steps = StepGraph.steps(plan, backend.capabilities().updatesInPlace(ResourceKind.SECURITY_GROUP));
    Map<Step, List<Step>> edges = StepGraph.edges(steps, afterAllPorts);
    Map<Step, List<Step>> strict = backend.capabilities().pacesStrictGroups() ? Map.of()
        : StepGraph.order(steps, strictGroups);
    changesNodes = steps.stream().anyMatch(Rollout::isNodeChange);
    Rollout rollout = Rollout.of(steps, rolling, edges, strict);
    Map<Step, List<Step>> waitsFor = Rollout.merged(edges, rollout.waits());
    Map<Step, List<Step>> after = Rollout.merged(strict, rollout.order());
    refuseRings(steps, waitsFor, after);
    Map<ResourceId, Observed> live = new ConcurrentHashMap<>();
    observed.resources().forEach(o -> live.put(o.id(), o));
    Map<Step, Outcome> outcomes = Collections.synchronizedMap(new LinkedHashMap<>());
    int maxInFlight = walk(plan.cluster(), steps, waitsFor, after, live, outcomes);
    List<Outcome> ordered = new ArrayList<>();
    steps.forEach(s -> ordered.add(outcomes.get(s)));
    return new ApplyResult(plan, ordered, Duration.ofNanos(System.nanoTime() - start), maxInFlight,
        Observation.of(plan.cluster(), live.values()));
  }

  private void refuseRings(List<Step> steps, Map<Step, List<Step>> waitsFor, Map<Step, List<Step>> after) {
    StepGraph.cycle(steps, waitsFor, after).ifPresent(ring -> {
      // a model this backend cannot make: the user's to fix, so a StackwrightException (the command line's exit 2)
      throw new StackwrightException("nothing was changed: these steps wait for each other in a ring, so none of"
          + " them could ever start: " + ring + ". Fix: remove one of the references that close the ring from the"
          + " model" + (ring.contains("security-group/") ? " (with " + backend.name() + ", which cannot add rules"
          + " to a group once it is made, groups whose rules name each other cannot be made)" : ""));
    });
  }

  /**
   * Runs every step, each once what it waits for has ended, with at most {@code parallelism} tasks in flight; puts
   * each step's outcome in {@code outcomes} and returns the most tasks that were in flight at once.
   */
  private int walk(String cluster, List<Step> steps, Map<Step, List<Step>> waitsFor, Map<Step, List<Step>> after,
      Map<ResourceId, Observed> live, Map<Step, Outcome> outcomes) {
    Map<ResourceId, Set<ResourceId>> linkedLater = StepGraph.linkedLater(steps);
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
        int waiting = pending.size();
        List<Step> ready = sortOut(pending, waitsFor, after, outcomes);
        boolean progressed = pending.size() < waiting;
        for (List<Step> task : tasks(ready, pending, running > 0)) {
          if (running >= parallelism) {
            break;
          }
          pending.removeAll(task);
          running++;
          done.submit(() -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
              outcomes.putAll(task.size() == 1
                  ? Map.of(task.get(0), perform(cluster, task.get(0), live, linkedLater))
                  : performAll(cluster, task, live, linkedLater));
            } finally {
              inFlight.decrementAndGet();
            }
            return task.get(0);
          });
          progressed = true;
        }
        if (running > 0 && (!progressed || running >= parallelism || pending.isEmpty())) {
          done.take().get();
          running--;
        } else if (!progressed && running == 0) {
          throw new IllegalStateException("steps left that can never start (a ring missed by the check): "
              + pending);
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
    return maxInFlight.get();
  }

  /**
   * One pass over the pending steps, in order: a step that waits for one that failed or was skipped is skipped (and
   * leaves {@code pending}); the steps whose waits and order-only predecessors have all ended are returned, ready.
   */
  private List<Step> sortOut(List<Step> pending, Map<Step, List<Step>> waitsFor, Map<Step, List<Step>> after,
      Map<Step, Outcome> outcomes) {
    List<Step> ready = new ArrayList<>();
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
      } else if (prerequisites.stream().allMatch(outcomes::containsKey)
          && after.getOrDefault(step, List.of()).stream().allMatch(outcomes::containsKey)) {
        ready.add(step);
      }
    }
    return ready;
  }

  private Outcome perform(String cluster, Step step, Map<ResourceId, Observed> live,
      Map<ResourceId, Set<ResourceId>> linkedLater) {
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
            AwaitBuild.POLL, AwaitBuild.DEADLINE));
        case UPDATE -> {
          ResourceSpec spec = finalizer.apply(change.desired().orElseThrow(), live);
          live.put(change.id(), backend.update(cluster, live.getOrDefault(change.id(), change.current().orElseThrow()),
              spec, refs));
        }
        case RECONFIGURE -> live.put(change.id(), backend.reconfigure(cluster,
            live.getOrDefault(change.id(), change.current().orElseThrow()), rolling.updates().apply(change, live)));
        case REBUILD -> {
          live.put(change.id(), backend.rebuild(cluster, change.current().orElseThrow(),
              (ServerSpec) finalizer.apply(change.desired().orElseThrow(), live), refs));
          checkBooted(cluster, change.id(), live);
        }
        case LINK -> live.put(change.id(), backend.update(cluster, live.get(change.id()),
            finalizer.apply(change.desired().orElseThrow(), live), refs));
        case CREATE -> {
          ResourceSpec spec = withoutLinks(finalizer.apply(change.desired().orElseThrow(), live), linkedLater);
          try {
            live.put(change.id(), backend.create(cluster, spec, refs));
          } catch (BackendException e) {
            Observed made = foundAfterLostAnswer(cluster, change.id(), e);
            live.put(change.id(), made);
            detail = lostAnswer(made);
          }
          if (spec instanceof ServerSpec && changesNodes) {
            checkBooted(cluster, change.id(), live);
          }
        }
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
      listener.finished(step, elapsed);
      return new Outcome(step, Outcome.Status.DONE, elapsed, Optional.ofNullable(detail));
    } catch (RuntimeException e) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
      listener.failed(step, elapsed, e);
      return Outcome.failed(step, elapsed, e);
    }
  }

  /**
   * A server just booted counts once its node says it works (its first boot done, its services' checks passing),
   * where the backend can reach it: a load balancer is given new app servers that answer, and a rollout goes on past
   * a rebuilt node only once it works.
   */
  private void checkBooted(String cluster, ResourceId id, Map<ResourceId, Observed> live) {
    if (backend.capabilities().can(NodeOperation.RECONFIGURE)) {
      live.put(id, backend.reconfigure(cluster, live.get(id), rolling.booted().apply(id, live)));
    }
  }

  /** Steps that may go to the backend together: creates (or links) of one kind. */
  private record BatchKey(Step.Phase phase, ResourceKind kind) {
    static BatchKey of(Step step) {
      return new BatchKey(step.phase(), step.id().kind());
    }
  }

  /**
   * The steps to start now, each list one backend call: ready creates (and links) of a kind the backend takes in
   * batches go together, in lists of at most its batch size; any other step goes alone. Batchable steps are held back
   * while others of their kind still wait for work in progress or starting now, so that they leave together in one
   * call rather than in dribs: on a busy cloud fewer, bigger requests are faster.
   */
  private List<List<Step>> tasks(List<Step> ready, List<Step> pending, boolean workInProgress) {
    Capabilities caps = backend.capabilities();
    List<List<Step>> tasks = new ArrayList<>();
    Map<BatchKey, List<Step>> batches = new LinkedHashMap<>();
    for (Step step : ready) {
      ResourceKind kind = step.id().kind();
      if ((step.phase() == Step.Phase.CREATE || step.phase() == Step.Phase.LINK) && caps.batchSize(kind) > 1) {
        batches.computeIfAbsent(BatchKey.of(step), k -> new ArrayList<>()).add(step);
      } else {
        tasks.add(List.of(step));
      }
    }
    batches.forEach((key, steps) -> {
      boolean othersComing = pending.stream().anyMatch(p -> BatchKey.of(p).equals(key) && !steps.contains(p));
      if (othersComing && (workInProgress || !tasks.isEmpty())) {
        return;
      }
      int size = caps.batchSize(key.kind());
      for (int i = 0; i < steps.size(); i += size) {
        tasks.add(List.copyOf(steps.subList(i, Math.min(steps.size(), i + size))));
      }
    });
    return tasks;
  }

  /**
   * Creates several resources in one backend call, or links several new groups; one outcome per step, as if each had
   * been done alone.
   */
  private Map<Step, Outcome> performAll(String cluster, List<Step> steps, Map<ResourceId, Observed> live,
      Map<ResourceId, Set<ResourceId>> linkedLater) {
    long t0 = System.nanoTime();
    steps.forEach(listener::started);
    References refs = id -> Optional.ofNullable(live.get(id)).map(Observed::cloudId);
    Map<Step, RuntimeException> failures = new LinkedHashMap<>();
    Map<Step, String> details = new LinkedHashMap<>();
    List<Step> sent = new ArrayList<>();
    List<Step> answered = new ArrayList<>();
    List<ResourceSpec> specs = new ArrayList<>();
    for (Step step : steps) {
      try {
        ResourceSpec spec = finalizer.apply(step.change().desired().orElseThrow(), live);
        specs.add(step.phase() == Step.Phase.LINK ? spec : withoutLinks(spec, linkedLater));
        sent.add(step);
      } catch (RuntimeException e) {
        failures.put(step, e);
      }
    }
    boolean links = steps.get(0).phase() == Step.Phase.LINK;
    try {
      List<Created> results = sent.isEmpty() ? List.of() : links
          ? backend.updateAll(cluster, sent.stream().map(s -> live.get(s.id())).toList(), specs, refs)
          : backend.createAll(cluster, specs, refs);
      if (results.size() != sent.size()) {
        throw new IllegalStateException(backend.name() + " answered a " + (links ? "link" : "create") + " of "
            + sent.size() + " resources with " + results.size() + " results");
      }
      for (int i = 0; i < sent.size(); i++) {
        Step step = sent.get(i);
        answered.add(step);
        try {
          live.put(step.id(), made(cluster, step, results.get(i), links, details));
        } catch (RuntimeException e) {
          failures.put(step, e);
        }
      }
    } catch (RuntimeException e) {
      // every step the call did not answer failed with it: a link's group is in live already, but not its rules
      sent.stream().filter(s -> !answered.contains(s)).forEach(s -> failures.putIfAbsent(s, e));
    }
    return outcomes(steps, failures, details, Duration.ofNanos(System.nanoTime() - t0));
  }

  /** One outcome per step of a batch: failed with its failure if it has one, else done (with its detail). */
  private Map<Step, Outcome> outcomes(List<Step> steps, Map<Step, RuntimeException> failures,
      Map<Step, String> details, Duration elapsed) {
    Map<Step, Outcome> outcomes = new LinkedHashMap<>();
    for (Step step : steps) {
      RuntimeException e = failures.get(step);
      if (e == null) {
        listener.finished(step, elapsed);
        outcomes.put(step, new Outcome(step, Outcome.Status.DONE, elapsed, Optional.ofNullable(details.get(step))));
      } else {
        listener.failed(step, elapsed, e);
        outcomes.put(step, Outcome.failed(step, elapsed, e));
      }
    }
    return outcomes;
  }

  /**
   * What one answer of a batch made: the resource, or for a create whose answer was lost the one found by its marker
   * (noted in {@code details}); throws the answer's failure otherwise.
   */
  private Observed made(String cluster, Step step, Created result, boolean links, Map<Step, String> details) {
    if (!result.id().equals(step.id())) {
      throw new IllegalStateException(backend.name() + " answered " + result.id() + " for " + step.id());
    }
    if (result.observed().isPresent()) {
      return result.observed().get();
    } else if (!links && result.failure().get() instanceof BackendException e) {
      Observed found = foundAfterLostAnswer(cluster, step.id(), e);
      details.put(step, lostAnswer(found));
      return found;
    }
    throw result.failure().get();
  }

  /** A new group as its create makes it: without the rules its link step adds once the groups they name exist. */
  private static ResourceSpec withoutLinks(ResourceSpec spec, Map<ResourceId, Set<ResourceId>> linkedLater) {
    Set<ResourceId> later = linkedLater.get(spec.id());
    return later != null && spec instanceof SecurityGroupSpec g ? g.withoutRulesNaming(later) : spec;
  }

  /** A create that failed as transient may have happened: looked up by its marker, or the failure stands. */
  private Observed foundAfterLostAnswer(String cluster, ResourceId id, BackendException e) {
    if (e.reason() != BackendException.Reason.TRANSIENT) {
      throw e;
    }
    return backend.find(cluster, id).orElseThrow(() -> e);
  }

  private static String lostAnswer(Observed made) {
    return "its answer was lost; found by its marker as " + made.cloudId();
  }
}
