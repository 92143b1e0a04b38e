package dev.stackwright.engine;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.ResourceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How an apply or destroy ended: every step's outcome, and a summary that names every failure and what was left
 * undone, and says whether running the same apply again finishes the job or what must change first; after an apply,
 * the cluster's entry points as the run left them ({@link #outputs()}).
 */
public final class ApplyResult {
  private final Plan plan;
  private final List<Outcome> outcomes;
  private final Duration elapsed;
  private final int maxInFlight;
  private final Observation after;
  private final Optional<Outputs> outputs;

  /** @param after the cluster's resources as the run left them */
  ApplyResult(Plan plan, List<Outcome> outcomes, Duration elapsed, int maxInFlight, Observation after) {
    this(plan, outcomes, elapsed, maxInFlight, after, Optional.empty());
  }

  private ApplyResult(Plan plan, List<Outcome> outcomes, Duration elapsed, int maxInFlight, Observation after,
      Optional<Outputs> outputs) {
    this.plan = plan;
    this.outcomes = List.copyOf(outcomes);
    this.elapsed = elapsed;
    this.maxInFlight = maxInFlight;
    this.after = after;
    this.outputs = outputs;
  }

  /** The same result, with the entry points derived from what the run left. */
  ApplyResult withOutputs(Outputs outputs) {
    return new ApplyResult(plan, outcomes, elapsed, maxInFlight, after, Optional.of(outputs));
  }

  /** The cluster's resources as the run left them: what it found, less what it deleted, with what it made. */
  Observation after() {
    return after;
  }

  /**
   * The cluster's entry points after an apply (load balancer, admin URL, floating IPs, SSH), from what the run left,
   * failed steps included; empty after a destroy.
   */
  public Optional<Outputs> outputs() {
    return outputs;
  }

  public Plan plan() {
    return plan;
  }

  public List<Outcome> outcomes() {
    return outcomes;
  }

  public List<Outcome> failures() {
    return outcomes.stream().filter(o -> o.status() == Outcome.Status.FAILED).toList();
  }

  public List<Outcome> skipped() {
    return outcomes.stream().filter(o -> o.status() == Outcome.Status.SKIPPED).toList();
  }

  public boolean succeeded() {
    return outcomes.stream().allMatch(o -> o.status() == Outcome.Status.DONE);
  }

  public Duration elapsed() {
    return elapsed;
  }

  /** The most steps that were in flight at once. */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** One paragraph: counts and time, then each failure with its error and each step left undone. */
  public String summary() {
    long done = outcomes.stream().filter(o -> o.status() == Outcome.Status.DONE).count();
    String time = String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
    if (succeeded()) {
      return "Complete: " + done + " steps done in " + time + " (" + plan.summary() + ").";
    }
    StringBuilder b = new StringBuilder("Incomplete after " + time + ": " + done + " steps done, "
        + failures().size() + " failed, " + skipped().size() + " not done.\n");
    failures().forEach(o -> b.append("  failed:   ").append(o).append('\n'));
    skipped().forEach(o -> b.append("  not done: ").append(o).append('\n'));
    Map<Optional<BackendException.Reason>, List<ResourceId>> lasting = new TreeMap<>(
        Comparator.comparing(r -> r.map(Enum::ordinal).orElse(-1)));
    failures().stream().filter(o -> o.reason().map(r -> !r.fixedByApplyingAgain()).orElse(true))
        .forEach(o -> lasting.computeIfAbsent(o.reason(), r -> new ArrayList<>()).add(o.step().id()));
    if (lasting.isEmpty()) {
      b.append("Run apply again to finish: what was made is found by its ownership marker, nothing is made twice.");
      return b.toString();
    }
    b.append("These failures stay until something changes (applying again will not fix them):\n");
    lasting.forEach((reason, ids) -> b.append("  ").append(ids.stream().map(Object::toString).distinct()
        .collect(Collectors.joining(", "))).append(": ").append(fix(reason)).append('\n'));
    b.append("Then apply again: what was made is found by its ownership marker, nothing is made twice.");
    return b.toString();
  }

  /** What to change for a failure that applying again meets again, by its reason. */
  private static String fix(Optional<BackendException.Reason> reason) {
    if (reason.isEmpty()) {
      return "the error above says what is wrong; fix it in the model or the cloud";
    }
    return switch (reason.get()) {
      case QUOTA -> "the project's quota is smaller than the model needs; lower the counts or flavours (the report"
          + " verb shows the totals), or ask the cloud's operators to raise the project's quota";
      case NO_HOST -> "no hypervisor can take the server; its host kind has more VMs than the cloud has hypervisors"
          + " to keep them apart, or they are full. Lower the host kind's count, spread its VMs softly"
          + " (Engine.Builder.serverGroupPolicy(\"soft-anti-affinity\"); on the command line"
          + " --server-group-policy soft-anti-affinity), or ask for more room";
      case NOT_FOUND -> "the cloud has no flavour, image or network of the name the model gives; make it in the"
          + " cloud, or name one the cloud has (the error lists them)";
      case CONFLICT -> "something in the cloud that is not this run's holds what the model wants (an address, a"
          + " name, a group in use); free it, or change the model so that it asks for something else";
      case REFUSED -> "the cloud refused the request as it is; change what the error names in the model";
      case HOST_KEY -> "the node's SSH host key is not one it printed at first boot, nor the one the cluster's"
          + " known-hosts file holds: someone may be in between. Compare it with the server's console; if the server"
          + " was rebuilt or replaced by hand, remove its line from the known-hosts file";
      case NODE_FAILED -> "a command or health check failed on the node (the error names it and its last lines);"
          + " its old files are back and its units run them. Fix what the error names in the model (the file, the"
          + " service) or on the node";
      default -> "the error above says what is wrong";
    };
  }

  @Override
  public String toString() {
    return summary();
  }
}
