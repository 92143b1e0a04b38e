package dev.stackwright.local.internal;

import dev.stackwright.local.LocalMapping;
import dev.stackwright.local.LocalResult;
import dev.stackwright.local.LocalRunException;
import dev.stackwright.local.LocalService;
import dev.stackwright.local.LocalServiceState;
import dev.stackwright.local.internal.PidFiles.Recorded;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Role;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One local run's operations on its run directory: apply (files, then the plan, the checks, the deployment and the
 * processes), status and destroy. One apply or destroy at a time holds a run directory; what must hold before anything
 * starts is checked first ({@link Preflight}), so a user's mistake starts nothing. The files are {@link RunFiles}',
 * the application's deployment {@link Deployment}'s, starting {@link Supervisor}'s and stopping {@link Shutdown}'s.
 */
public final class LocalEngine {
  private final LocalMapping mapping;
  private final LocalOptions options;
  private final Path runDir;
  private final PidFiles pids;
  private final Path logs;
  private final RunFiles files;

  public LocalEngine(LocalMapping mapping, LocalOptions options) {
    this.mapping = mapping;
    this.options = options;
    this.runDir = mapping.runDir();
    this.pids = new PidFiles(runDir);
    this.logs = ProcessLogs.dir(runDir);
    this.files = new RunFiles(mapping);
  }

  /**
   * Writes, provisions, checks, deploys, starts what is not running and brings what runs to the model ({@link
   * ReapplyPlan}, {@link Rollout}); the result lists every service. A problem found before anything starts (a port
   * taken, a program missing) is a {@link LocalRunException} listing them all.
   *
   * @param nodes each node's application and redeploy units, as rendered
   */
  public LocalResult apply(Cluster cluster, List<NodeFile> rendered, NodeFacts nodes) {
    files.mkdirs(runDir);
    try (AutoCloseable lock = pids.lock(cluster.name())) {
      List<NodeFile> changed = new ArrayList<>();
      List<NodeFile> all = write(cluster, rendered, changed);
      files.reachableByServiceUsers();
      List<ServiceSpec> specs = new LocalPlanner(cluster, mapping, all, options).plan();
      new Preflight(options, pids, runDir).check(cluster.name(), specs);
      Map<String, Recorded> running = pids.alive();
      Map<String, String> deployed = pids.deployed();
      ReapplyPlan plan = ReapplyPlan.of(cluster, specs, running, changed, nodes.applications(), deployed,
          nodes.redeployUnits());
      Set<String> deployTo = new HashSet<>(plan.redeployNodes().keySet());
      cluster.nodes().stream().map(Node::name).filter(n -> !deployed.containsKey(n)).forEach(deployTo::add);
      new Deployment(mapping, options, files, logs).deploy(cluster, specs, deployTo);
      Supervisor supervisor = new Supervisor(runDir, pids, logs, files, options.readyTimeout());
      Rollout rollout = new Rollout(supervisor, pids, options);
      List<LocalService> stopped = new ArrayList<>(rollout.stopColliding(plan, running));
      Map<String, LocalService> result = supervisor.run(specs);
      if (result.values().stream().noneMatch(s -> s.state() == LocalServiceState.FAILED)) {
        rollout.change(plan, running, result);
      }
      if (result.values().stream().noneMatch(s -> s.state() == LocalServiceState.FAILED)) {
        stopped.addAll(rollout.stopRest(plan, running, stopped));
        recordDeployed(cluster, nodes);
      }
      List<LocalService> services = new ArrayList<>(result.values());
      services.addAll(stopped);
      return new LocalResult(runDir, services, url(cluster, result, false), url(cluster, result, true));
    } catch (LocalRunException e) {
      throw e;
    } catch (Exception e) {
      throw new LocalRunException("cannot release the lock of " + runDir + " (" + e.getMessage() + ")", runDir);
    }
  }

  /**
   * What {@link #apply} would do to what runs now, one line per process (and per node the application is copied to
   * again); none when what runs is the model. Writes no file and touches no process.
   */
  public List<String> plan(Cluster cluster, List<NodeFile> rendered, NodeFacts nodes) {
    List<NodeFile> changed = rendered.stream().filter(files::differs).toList();
    List<ServiceSpec> specs = new LocalPlanner(cluster, mapping, rendered, options).plan();
    return ReapplyPlan.of(cluster, specs, pids.alive(), changed, nodes.applications(), pids.deployed(),
        nodes.redeployUnits()).lines();
  }

  /** Each node's application and the units a redeploy restarts there, as rendered. */
  public record NodeFacts(Map<String, String> applications, Map<String, List<OnChange>> redeployUnits) {
    public NodeFacts {
      applications = Map.copyOf(applications);
      redeployUnits = Map.copyOf(redeployUnits);
    }
  }

  private void recordDeployed(Cluster cluster, NodeFacts nodes) {
    for (Node node : cluster.nodes()) {
      try {
        pids.recordDeployed(node.name(), nodes.applications().getOrDefault(node.name(), ""));
      } catch (java.io.IOException e) {
        throw new LocalRunException("cannot write " + pids.dir() + "'s record of what " + node.name() + " runs ("
            + e.getMessage() + "); fix: make " + pids.dir() + " writable, then apply again", runDir);
      }
    }
  }

  /**
   * Writes the mapped files (only those that differ) and what the nodes' images would provide; returns every file
   * written, the image's included, and adds the rendered files that changed to {@code changed}.
   */
  public List<NodeFile> write(Cluster cluster, List<NodeFile> rendered, List<NodeFile> changed) {
    files.mkdirs(pids.dir());
    files.mkdirs(logs);
    return files.write(cluster, rendered, changed);
  }

  /**
   * The URL of the first public-entry service that is (or is not) the jump host, on its port named "https" (with
   * TLS) or else "http", when a process on its node answers there: the controller's and the load balancer's.
   */
  private Optional<String> url(Cluster cluster, Map<String, LocalService> result, boolean jumpHost) {
    for (Role role : cluster.roles()) {
      Service kind = role.kind();
      if (!kind.publicEntry() || kind.jumpHost() != jumpHost) {
        continue;
      }
      for (Node node : cluster.nodesWith(kind)) {
        RoleInstance instance = node.role(kind).orElseThrow();
        for (String scheme : List.of("https", "http")) {
          Optional<ServicePort> port = kind.port(scheme);
          if (port.isEmpty()) {
            continue;
          }
          String endpoint = mapping.address(instance.address()) + ":"
              + mapping.port(instance.address(), port.get().number());
          boolean answers = result.values().stream()
              .anyMatch(s -> s.node().equals(node.name()) && s.endpoints().contains(endpoint));
          if (answers) {
            return Optional.of(scheme + "://" + endpoint + "/");
          }
        }
      }
    }
    return Optional.empty();
  }

  /** What runs now, from the pid files, with the load balancer's and the controller's URLs when they answer. */
  public LocalResult status(Cluster cluster) {
    List<LocalService> services = new ArrayList<>();
    for (Recorded r : pids.all(services)) {
      boolean alive = Processes.alive(r.pid());
      services.add(new LocalService(r.name(), r.node(), r.kind(),
          alive ? LocalServiceState.RUNNING : LocalServiceState.NOT_RUNNING, alive ? "" : "recorded but not running",
          OptionalLong.of(r.pid().pid()), r.endpoints()));
    }
    Map<String, LocalService> running = new java.util.LinkedHashMap<>();
    services.stream().filter(s -> s.state() == LocalServiceState.RUNNING).forEach(s -> running.put(s.name(), s));
    return new LocalResult(runDir, services, url(cluster, running, false), url(cluster, running, true));
  }

  /** Stops every recorded process group, by pid, front ends first; leaves the files for a look afterwards. */
  public LocalResult destroy(String cluster) {
    if (!Files.isDirectory(pids.dir())) {
      return new LocalResult(runDir, List.of(), Optional.empty(), Optional.empty());
    }
    try (AutoCloseable lock = pids.lock(cluster)) {
      return new LocalResult(runDir, new Shutdown(pids, options.stopGrace()).stopAll(), Optional.empty(),
          Optional.empty());
    } catch (LocalRunException e) {
      throw e;
    } catch (Exception e) {
      throw new LocalRunException("cannot release the lock of " + runDir + " (" + e.getMessage() + ")", runDir);
    }
  }

  /** The pids of every recorded process and its descendants that are alive. */
  public Set<Long> processTrees() {
    Set<Long> roots = new HashSet<>();
    for (Recorded r : pids.all(new ArrayList<>())) {
      if (Processes.alive(r.pid())) {
        roots.add(r.pid().pid());
      }
    }
    return Processes.trees(roots);
  }
}
