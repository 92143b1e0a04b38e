package dev.stackwright.local.internal;

import dev.stackwright.StackwrightException;
import dev.stackwright.local.LocalFile;
import dev.stackwright.local.LocalMapping;
import dev.stackwright.local.LocalNode;
import dev.stackwright.local.LocalProcess;
import dev.stackwright.local.LocalRunner;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which processes stand in for each node's services: each service's descriptor says, through its
 * {@link LocalRunner}, given a view of the node's mapped files. Adds what the local backend itself does not run (DHCP,
 * cloud-init), and the start order from the descriptors.
 */
public final class LocalPlanner {
  static final String DHCP_SKIP = "DHCP is not run locally: every service binds its fixed loopback address, "
      + "so nothing needs a lease";
  static final String CLOUD_INIT_SKIP = "cloud-init runs only when a VM boots: the local run writes each "
      + "node's rendered files itself and deploys the application from a local directory; /etc/hosts is written to "
      + "the run directory but this machine's resolver is used";

  private final Cluster cluster;
  private final LocalMapping mapping;
  private final Map<String, List<LocalFile>> files;
  private final LocalOptions options;

  public LocalPlanner(Cluster cluster, LocalMapping mapping, List<NodeFile> files, LocalOptions options) {
    this.cluster = cluster;
    this.mapping = mapping;
    Map<String, List<LocalFile>> byNode = new LinkedHashMap<>();
    for (NodeFile f : files) {
      byNode.computeIfAbsent(f.node(), k -> new ArrayList<>()).add(new LocalFile(f.nodePath(), f.hostPath(),
          f.content()));
    }
    this.files = byNode;
    this.options = options;
  }

  /** Every process of the cluster, node by node, each with its phase; setup steps and skipped ones included. */
  public List<ServiceSpec> plan() {
    Map<String, LocalProcess> byName = new LinkedHashMap<>();
    Map<String, Set<Service>> servicesOf = new LinkedHashMap<>();
    for (Node node : cluster.nodes()) {
      for (RoleInstance instance : node.roles()) {
        for (LocalProcess p : processes(node, instance)) {
          byName.putIfAbsent(p.name(), p); // services that share a daemon on a node name the same process
          servicesOf.computeIfAbsent(p.name(), k -> new LinkedHashSet<>()).add(instance.kind());
        }
      }
    }
    Map<String, LocalProcess> running = new LinkedHashMap<>();
    byName.forEach((name, p) -> {
      if (p.skipped().isEmpty() && p.problem().isEmpty() && !p.setup()) {
        running.put(name, p);
      }
    });
    StartOrder order = new StartOrder(running, servicesOf);
    List<ServiceSpec> out = new ArrayList<>();
    for (LocalProcess p : byName.values()) {
      Set<String> services = new LinkedHashSet<>();
      servicesOf.get(p.name()).forEach(s -> services.add(s.name()));
      out.add(ServiceSpec.of(p, running.containsKey(p.name()) ? order.phase(p.name()) : 0, services));
    }
    out.add(ServiceSpec.skipped("dhcp", "-", "dhcp", DHCP_SKIP + " (on the VMs the cloud hands out "
        + cluster.dhcpPool() + ")"));
    out.add(ServiceSpec.skipped("cloud-init", "-", "cloud-init", CLOUD_INIT_SKIP));
    return out;
  }

  private List<LocalProcess> processes(Node node, RoleInstance instance) {
    Service service = instance.kind();
    LocalNode view = new NodeView(cluster, node, instance, mapping, files.getOrDefault(node.name(), List.of()),
        options);
    if (service.localRun().isEmpty()) {
      return List.of(LocalProcess.skipped(service.name(), view, "service " + service.name() + " says nothing of how"
          + " to run it locally; give it a local run (Service.builder(\"" + service.name() + "\").localCommand(...))"));
    }
    try {
      return service.localRun().get().processes(view);
    } catch (StackwrightException e) {
      throw e;
    } catch (RuntimeException e) {
      return List.of(LocalProcess.cannotRun(service.name(), view, "the local run of service " + service.name()
          + " on " + node.name() + " failed: " + e + "; fix the service's LocalRunner"));
    }
  }
}
