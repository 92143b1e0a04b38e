package dev.stackwright.render;

import dev.stackwright.model.BootStep;
import dev.stackwright.model.Node;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.OsRelease;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServiceFile;
import dev.stackwright.model.ServicePart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one node needs, from its services' descriptors: the files (by template), the packages, the system users, and
 * the steps its user-data runs once the files are in place (see {@link RunSteps}). First what every node gets, then
 * the parts its services share, then each service in {@link StartOrder}; the parts' last steps close. Decides
 * nothing the descriptors and the model do not say.
 */
final class NodePlan {
  final List<FileSpec> files = new ArrayList<>();
  final Set<String> packages = new LinkedHashSet<>();
  final List<Map<String, Object>> users = new ArrayList<>();
  final List<Step> steps = new ArrayList<>();
  /** What a redeploy of the application runs here, and the units it then restarts or reloads. */
  final List<Step> redeploy = new ArrayList<>();
  final List<Step> redeployUndo = new ArrayList<>();
  final List<OnChange> redeployUnits = new ArrayList<>();
  /** Whether a redeploy here goes before the other nodes' (it migrates what they share). */
  boolean leadsRedeploy;
  /** Each service's health checks as commands the node runs, and the names of its services. */
  final List<Step> checks = new ArrayList<>();
  final Set<String> services = new LinkedHashSet<>();
  /** The service each file is for, by path, so that a template error can name it. */
  final Map<String, Service> fileServices = new LinkedHashMap<>();

  private final ClusterContext context;
  private final Node node;
  private final OsRelease os;
  private final Set<String> stepNames = new LinkedHashSet<>();
  private final Set<String> redeployNames = new LinkedHashSet<>();

  private final FactReads factReads;

  private NodePlan(ClusterContext context, Node node, FactReads factReads) {
    this.context = context;
    this.node = node;
    this.factReads = factReads;
    this.os = context.cluster().osRelease(node.image());
  }

  /** @param factReads notes a node hook asking for a pending network fact */
  static NodePlan of(ClusterContext context, Node node, List<ExtraFile> extraFiles, FactReads factReads) {
    NodePlan plan = new NodePlan(context, node, factReads);
    plan.plan(extraFiles);
    return plan;
  }

  private void plan(List<ExtraFile> extraFiles) {
    files.add(FileSpec.clusterWide("common/hosts.jinja", "/etc/hosts"));
    step(BootStep.of("daemon-reload", "systemctl daemon-reload"), "");
    List<RoleInstance> ordered = StartOrder.of(node.roles(), context.services());
    List<PartOf> parts = parts(ordered);
    for (PartOf p : parts) {
      add(p.part(), p.service(), Map.of(), "");
      p.part().firstSteps().forEach(s -> step(s, ""));
      p.part().redeploySteps().forEach(s -> redeployStep(s, "", redeploy));
      p.part().redeployUndoSteps().forEach(s -> redeployStep(s, "", redeployUndo));
      leadsRedeploy |= p.part().leadsRedeploy();
    }
    for (RoleInstance r : ordered) {
      service(r);
    }
    for (ExtraFile extra : extraFiles) {
      for (RoleInstance r : node.roles()) {
        if (r.role().equals(extra.role())) {
          files.add(new FileSpec(extra.template(), extra.path(), extra.mode(), extra.owner(), false,
              context.instance(r), false, extra.onChange()));
        }
      }
    }
    parts.forEach(p -> p.part().lastSteps().forEach(s -> step(s, "")));
  }

  /** A part, with what its hooks add for this node, and the first service on the node that names it. */
  private record PartOf(ServicePart part, Service service) {}

  private List<PartOf> parts(List<RoleInstance> ordered) {
    Map<String, PartOf> parts = new LinkedHashMap<>();
    for (RoleInstance r : ordered) {
      for (ServicePart p : r.kind().parts()) {
        if (!parts.containsKey(p.name())) {
          parts.put(p.name(), new PartOf(expand(p, context.scope(node, Optional.empty(), factReads)), r.kind()));
        }
      }
    }
    return List.copyOf(parts.values());
  }

  /** {@code part} with what its hooks add, theirs after its own. */
  private static ServicePart expand(ServicePart part, Scope scope) {
    ServicePart.Builder all = ServicePart.builder(part.name()).from(part).nodeHooks(List.of());
    boolean leads = part.leadsRedeploy();
    for (Service.NodeHook hook : part.nodeHooks()) {
      ServicePart more = expand(hook.additions(scope), scope);
      all.addAllPackages(more.packages()).putAllUsers(more.users()).addAllFiles(more.files())
          .addAllFirstSteps(more.firstSteps()).addAllLastSteps(more.lastSteps())
          .addAllRedeploySteps(more.redeploySteps()).addAllRedeployUndoSteps(more.redeployUndoSteps());
      leads |= more.leadsRedeploy();
    }
    return all.leadsRedeploy(leads).build();
  }

  private void service(RoleInstance r) {
    Service s = r.kind();
    String suffix = r.suffix();
    Scope scope = context.scope(node, Optional.of(r), factReads);
    ServicePart hooked = expand(ServicePart.builder(s.name()).nodeHooks(s.nodeHooks()).build(), scope);
    Map<String, Object> instance = context.instance(r);
    packages.addAll(s.packagesOn(os));
    clientPackages(s);
    s.files().forEach(f -> file(f, s, instance, suffix));
    add(hooked, s, instance, suffix);
    hooked.firstSteps().forEach(step -> step(step, suffix));
    s.bootSteps().forEach(step -> step(step, suffix));
    hooked.lastSteps().forEach(step -> step(step, suffix));
    hooked.redeploySteps().forEach(step -> redeployStep(step, suffix, redeploy));
    hooked.redeployUndoSteps().forEach(step -> redeployStep(step, suffix, redeployUndo));
    leadsRedeploy |= hooked.leadsRedeploy();
    services.add(s.name());
    s.health().forEach(check -> checks.add(HealthCommands.of(r, check)));
    if (s.runsApplication()) {
      files.stream().filter(f -> s.equals(fileServices.get(f.path()))).map(FileSpec::onChange)
          .filter(c -> c.unit().isPresent() && !redeployUnits.contains(c)).forEach(redeployUnits::add);
    }
  }

  private void redeployStep(BootStep b, String suffix, List<Step> into) {
    String name = b.name().replace("{suffix}", suffix);
    if (redeployNames.add(name)) {
      into.add(new Step(name, b.command().replace("{suffix}", suffix), b.optionalBecause()));
    }
  }

  /** What the node needs to be a client of the services whose access names {@code client}. */
  private void clientPackages(Service client) {
    for (Service server : context.services()) {
      boolean isClient = server.access().stream().anyMatch(a -> a.service().filter(client.name()::equals)
          .isPresent());
      if (isClient) {
        packages.addAll(server.clientPackages());
      }
    }
  }

  /** A part's packages, users and files. */
  private void add(ServicePart part, Service service, Map<String, Object> instance, String suffix) {
    packages.addAll(part.packages());
    part.users().forEach((name, home) -> {
      if (users.stream().noneMatch(u -> u.get("name").equals(name))) {
        users.add(Map.of("name", name, "home", home));
      }
    });
    part.files().forEach(f -> file(f, service, instance, suffix));
  }

  private void file(ServiceFile f, Service service, Map<String, Object> instance, String suffix) {
    String path = f.pathFor(service.name(), suffix);
    OnChange onChange = new OnChange(f.onChange().action(), f.onChange().unit().map(u -> u.replace("{suffix}",
        suffix)));
    files.add(new FileSpec(f.template(), path, f.mode(), f.owner(), f.secret(), instance, false, onChange));
    fileServices.putIfAbsent(path, service);
  }

  /** Adds a step, once: two services on the node that need one step (a migrate) run it once. */
  private void step(BootStep b, String suffix) {
    String name = b.name().replace("{suffix}", suffix);
    if (stepNames.add(name)) {
      String command = b.command().replace("{suffix}", suffix);
      steps.add(new Step(name, command, b.optionalBecause()));
    }
  }
}
