package dev.stackwright.local.internal;

import dev.stackwright.local.LocalService;
import dev.stackwright.local.LocalServiceState;
import dev.stackwright.local.internal.PidFiles.Recorded;
import dev.stackwright.local.internal.ReapplyPlan.Kind;
import dev.stackwright.local.internal.ReapplyPlan.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Brings running processes to a re-applied model, so that a load balancer always has an upstream that answers:
 * reloads first (the load balancer learns of the app servers that started already, and drops no connection), then
 * restarts and redeploys in start order, one process at a time, each answering before the next stops (and, when it
 * serves others, a pause for their passive health checks to take it back); processes the model no longer has stop
 * last, once nothing names them. The first failure stops the rollout: what was not reached runs as it was.
 */
final class Rollout {
  private final Supervisor supervisor;
  private final PidFiles pids;
  private final LocalOptions options;

  Rollout(Supervisor supervisor, PidFiles pids, LocalOptions options) {
    this.supervisor = supervisor;
    this.pids = pids;
    this.options = options;
  }

  /**
   * Stops the processes that go whose endpoints a starting one takes (a broker that moves to another node keeps its
   * address); the others stop in {@link #stopRest}.
   */
  List<LocalService> stopColliding(ReapplyPlan plan, Map<String, Recorded> running) {
    Set<String> taken = new HashSet<>();
    plan.steps(Kind.START).forEach(s -> s.spec().orElseThrow().endpoints().forEach(e -> taken.add(e.toString())));
    List<LocalService> out = new ArrayList<>();
    for (Step s : plan.steps(Kind.STOP)) {
      Recorded r = running.get(s.process());
      if (r.endpoints().stream().anyMatch(taken::contains)) {
        out.add(stop(r, "stopped: no longer in the model, and " + String.join(" ", r.endpoints())
            + " is the new one's"));
      }
    }
    return out;
  }

  /** Stops the processes that go and are still running. */
  List<LocalService> stopRest(ReapplyPlan plan, Map<String, Recorded> running, List<LocalService> stopped) {
    List<LocalService> out = new ArrayList<>();
    for (Step s : plan.steps(Kind.STOP)) {
      if (stopped.stream().noneMatch(x -> x.name().equals(s.process()))) {
        out.add(stop(running.get(s.process()), "stopped: no longer in the model"));
      }
    }
    return out;
  }

  /** Runs the reloads, restarts and redeploys; puts what became of each into {@code result}. */
  void change(ReapplyPlan plan, Map<String, Recorded> running, Map<String, LocalService> result) {
    List<Step> reloads = plan.steps(Kind.RELOAD).stream()
        .sorted(Comparator.comparingInt((Step s) -> s.spec().orElseThrow().phase()).reversed()).toList();
    List<Step> restarts = plan.steps().stream().filter(s -> s.kind() == Kind.RESTART || s.kind() == Kind.REDEPLOY)
        .sorted(Comparator.comparingInt(s -> s.spec().orElseThrow().phase())).toList();
    Optional<String> failed = Optional.empty();
    for (Step s : reloads) {
      failed = failed.isPresent() ? failed : reload(s, running.get(s.process()), result);
    }
    for (int i = 0; i < restarts.size(); i++) {
      Step s = restarts.get(i);
      if (failed.isPresent()) {
        result.put(s.process(), Supervisor.service(s.spec().orElseThrow(), LocalServiceState.RUNNING,
            "not changed: " + failed.get() + " failed first; apply again once it is fixed",
            OptionalLong.of(running.get(s.process()).pid().pid())));
        continue;
      }
      failed = restart(s, running.get(s.process()), result);
      if (failed.isEmpty() && i < restarts.size() - 1 && !s.spec().orElseThrow().endpoints().isEmpty()) {
        Processes.sleep(options.rollPause());
      }
    }
  }

  /**
   * Sends the reload signal to the process alone, then waits until the children it had before are gone (its old
   * workers: the reload took) and it answers.
   */
  private Optional<String> reload(Step step, Recorded r, Map<String, LocalService> result) {
    ServiceSpec s = step.spec().orElseThrow();
    Set<Long> before = new HashSet<>(Processes.group(r.pid().pid()));
    before.remove(r.pid().pid());
    Processes.signal(r.pid(), s.reloadSignal().orElseThrow());
    long deadline = System.nanoTime() + options.readyTimeout().toNanos();
    while (System.nanoTime() < deadline) {
      boolean oldGone = Processes.group(r.pid().pid()).stream().noneMatch(before::contains);
      if (oldGone && Processes.alive(r.pid()) && supervisor.isReady(s)) {
        result.put(s.name(), Supervisor.service(s, LocalServiceState.RELOADED, step.reason(),
            OptionalLong.of(r.pid().pid())));
        return Optional.empty();
      }
      Processes.sleep(Duration.ofMillis(50));
    }
    String why = "did not take its reload (SIG" + s.reloadSignal().get() + ") within "
        + options.readyTimeout().toSeconds() + " s: its old workers still run or it does not answer; its log "
        + ProcessLogs.of(pids.runDir(), s.name()) + " ends with: "
        + Supervisor.tail(ProcessLogs.of(pids.runDir(), s.name()), 6);
    result.put(s.name(), Supervisor.service(s, LocalServiceState.FAILED, why, OptionalLong.of(r.pid().pid())));
    return Optional.of("the reload of " + s.name());
  }

  /** Stops the process, starts it from its new spec, and waits until it answers. */
  private Optional<String> restart(Step step, Recorded r, Map<String, LocalService> result) {
    ServiceSpec s = step.spec().orElseThrow();
    Processes.stopGroup(r.pid(), "TERM", options.stopGrace());
    pids.delete(r.file());
    Optional<String> problem = supervisor.startAndAwait(s);
    OptionalLong pid = pids.recorded(s.name()).map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty());
    if (problem.isPresent()) {
      result.put(s.name(), Supervisor.service(s, LocalServiceState.FAILED, "restarted (" + step.reason() + ") but "
          + problem.get(), pid));
      return Optional.of("the restart of " + s.name());
    }
    LocalServiceState state = step.kind() == Kind.REDEPLOY ? LocalServiceState.REDEPLOYED
        : LocalServiceState.RESTARTED;
    result.put(s.name(), Supervisor.service(s, state, step.reason(), pid));
    return Optional.empty();
  }

  private LocalService stop(Recorded r, String detail) {
    long t0 = System.nanoTime();
    boolean stopped = Processes.stopGroup(r.pid(), "TERM", options.stopGrace());
    pids.delete(r.file());
    return new LocalService(r.name(), r.node(), r.kind(), stopped ? LocalServiceState.STOPPED
        : LocalServiceState.NOT_RUNNING, stopped ? detail + " (in " + (System.nanoTime() - t0) / 1_000_000 + " ms)"
        : "was not running", OptionalLong.of(r.pid().pid()), r.endpoints());
  }
}
