package dev.stackwright.local.internal;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.ServiceFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an apply does to a run that already runs, decided from the model, the new processes, the changed files and
 * what runs: start what is new, reload or restart what reads a changed file (as the file's {@link OnChange} says,
 * through the service the file belongs to and the units its processes stand for), redeploy the application where its
 * version or environment changed, and stop what the model no longer has. A pure function: nothing is read or done.
 */
final class ReapplyPlan {
  /** What happens to one process. */
  enum Kind {
    START, RELOAD, RESTART, REDEPLOY, STOP
  }

  /** One process's change and why; {@code spec} is empty for a process that stops. */
  record Step(String process, String node, Kind kind, String reason, Optional<ServiceSpec> spec) {}

  private final Cluster cluster;
  private final List<ServiceSpec> specs;
  private final Map<String, PidFiles.Recorded> running;
  private final Map<String, Step> steps = new LinkedHashMap<>();
  private final Map<String, String> redeployNodes = new LinkedHashMap<>();

  /**
   * @param running the processes of this run that are alive, by name
   */
  private ReapplyPlan(Cluster cluster, List<ServiceSpec> specs, Map<String, PidFiles.Recorded> running) {
    this.cluster = cluster;
    this.specs = specs;
    this.running = running;
  }

  /**
   * The steps, in the order of the specs, then the stops.
   *
   * @param changed the rendered files whose content differs from what the processes read
   * @param applications each node's application ({@code demo v1.1}) as rendered; absent where none runs
   * @param deployed each node's application as last deployed; absent where the run never recorded one
   * @param redeployUnits each node's units a redeploy restarts or reloads, as rendered
   */
  static ReapplyPlan of(Cluster cluster, List<ServiceSpec> specs, Map<String, PidFiles.Recorded> running,
      List<NodeFile> changed, Map<String, String> applications, Map<String, String> deployed,
      Map<String, List<OnChange>> redeployUnits) {
    ReapplyPlan plan = new ReapplyPlan(cluster, specs, running);
    plan.startsAndStops();
    changed.forEach(plan::fileChanged);
    applications.forEach((node, app) -> {
      String before = deployed.get(node);
      if (before != null && !before.equals(app)) {
        plan.redeployNodes.putIfAbsent(node, "application " + before + " -> " + app.replaceFirst("^\\S+ ", ""));
      }
    });
    plan.redeployNodes.forEach((node, why) -> redeployUnits.getOrDefault(node, List.of())
        .forEach(unit -> plan.owners(node, Optional.empty(), unit.unit().orElseThrow())
            .forEach(s -> plan.merge(s, unit.action() == OnChange.Action.RELOAD ? Kind.RELOAD : Kind.REDEPLOY,
                why + " -> redeploy, " + unit))));
    return plan;
  }

  /** Every step: starts in start order, then reloads, restarts and redeploys, then stops. */
  List<Step> steps() {
    return List.copyOf(steps.values());
  }

  List<Step> steps(Kind kind) {
    return steps.values().stream().filter(s -> s.kind() == kind).toList();
  }

  /** The nodes the application is copied to again (and its setup steps run on), with why. */
  Map<String, String> redeployNodes() {
    return Map.copyOf(redeployNodes);
  }

  boolean isEmpty() {
    return steps.isEmpty() && redeployNodes.isEmpty();
  }

  private void startsAndStops() {
    Set<String> wanted = new LinkedHashSet<>();
    for (ServiceSpec s : specs) {
      if (!s.runs()) {
        continue;
      }
      wanted.add(s.name());
      if (!running.containsKey(s.name())) {
        steps.put(s.name(), new Step(s.name(), s.node(), Kind.START, "not running", Optional.of(s)));
      }
    }
    running.values().stream().filter(r -> !wanted.contains(r.name()))
        .sorted(Comparator.comparingInt(PidFiles.Recorded::phase).reversed())
        .forEach(r -> steps.put(r.name(), new Step(r.name(), r.node(), Kind.STOP, "no longer in the model",
            Optional.empty())));
  }

  private void fileChanged(NodeFile f) {
    OnChange change = f.onChange();
    String why = f.nodePath() + " changed";
    switch (change.action()) {
      case NOTHING -> { }
      case REDEPLOY -> redeployNodes.putIfAbsent(f.node(), why);
      case REBOOT -> runningOn(f.node()).forEach(s -> merge(s, Kind.RESTART, why + " (a new boot on a VM)"));
      default -> {
        Kind kind = change.action() == OnChange.Action.RELOAD ? Kind.RELOAD : Kind.RESTART;
        owners(f.node(), Optional.of(f.nodePath()), change.unit().orElseThrow())
            .forEach(s -> merge(s, kind, why + " -> " + change));
      }
    }
  }

  /**
   * The running processes of {@code node} that stand for {@code unit}: of the services the file at {@code path}
   * belongs to (else the services whose files name the unit), those that name the unit; every one of them when none
   * names a unit. None when the unit does not run here (dnsmasq, php-fpm).
   */
  private List<ServiceSpec> owners(String node, Optional<String> path, String unit) {
    Set<String> services = servicesOf(node, path, unit);
    List<ServiceSpec> candidates = runningOn(node).stream()
        .filter(s -> s.services().stream().anyMatch(services::contains)).toList();
    List<ServiceSpec> named = candidates.stream().filter(s -> s.units().contains(unit)).toList();
    if (!named.isEmpty() || candidates.stream().anyMatch(s -> !s.units().isEmpty())) {
      return named;
    }
    return candidates;
  }

  /** The services of {@code node} that own the file at {@code path}, else those whose files name {@code unit}. */
  private Set<String> servicesOf(String node, Optional<String> path, String unit) {
    Set<String> byPath = new LinkedHashSet<>();
    Set<String> byUnit = new LinkedHashSet<>();
    Optional<Node> n = cluster.nodes().stream().filter(x -> x.name().equals(node)).findFirst();
    for (RoleInstance r : n.map(Node::roles).orElse(List.of())) {
      String suffix = r.suffix();
      for (ServiceFile f : r.kind().files()) {
        if (path.isPresent() && f.pathFor(r.kind().name(), suffix).equals(path.get())) {
          byPath.add(r.kind().name());
        }
        if (f.onChange().unit().map(u -> u.replace("{suffix}", suffix)).filter(unit::equals).isPresent()) {
          byUnit.add(r.kind().name());
        }
      }
    }
    return byPath.isEmpty() ? byUnit : byPath;
  }

  private List<ServiceSpec> runningOn(String node) {
    return specs.stream().filter(s -> s.runs() && s.node().equals(node) && running.containsKey(s.name())).toList();
  }

  /** Keeps the stronger of two steps of one process (a redeploy over a restart over a reload), with both reasons. */
  private void merge(ServiceSpec s, Kind kind, String why) {
    Kind effective = kind == Kind.RELOAD && s.reloadSignal().isEmpty() ? Kind.RESTART : kind;
    String reason = effective == kind ? why : why + " (it has no reload: restarted)";
    Step before = steps.get(s.name());
    if (before == null) {
      steps.put(s.name(), new Step(s.name(), s.node(), effective, reason, Optional.of(s)));
    } else if (!before.reason().contains(reason)) {
      Kind stronger = effective.ordinal() > before.kind().ordinal() ? effective : before.kind();
      steps.put(s.name(), new Step(s.name(), s.node(), stronger, before.reason() + "; " + reason, Optional.of(s)));
    }
  }

  /** One line per step, {@code reload nginx@webserver-1: /etc/nginx/... changed -> reload nginx}. */
  List<String> lines() {
    List<String> out = new ArrayList<>();
    redeployNodes.forEach((node, why) -> out.add("redeploy the application on " + node + ": " + why));
    for (Step s : steps.values()) {
      out.add(s.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + s.process() + ": " + s.reason());
    }
    return out;
  }
}
