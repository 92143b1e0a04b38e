package dev.stackwright.render;

import dev.stackwright.model.Application;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.model.Node;
import dev.stackwright.model.OsRelease;
import dev.stackwright.model.PackageSources;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import dev.stackwright.tls.TlsEndpoints;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The values templates format, derived from the model and the services' descriptors: plain maps, lists, strings and
 * numbers. Every value the topology determines is computed here or by a service's template values (upstream members,
 * bind addresses, URLs, worker counts, allowed hosts, leases); the templates only lay them out.
 */
final class ClusterContext {
  static final String MANIFEST_PATH = "/etc/stackwright/manifest.sha256";

  private final Cluster cluster;
  private final Application app;
  private final NetworkFacts facts;
  private final List<Service> services;
  private final Map<SecretName, String> secrets;
  /** The secrets by key, as hooks ask for them. */
  private final Map<String, String> secretsByKey;
  private final Map<String, Object> global;
  private final Map<RoleInstance, Map<String, Object>> instances = new HashMap<>();
  /** The node of each role instance, looked up once per instance (Cluster.nodeOf walks every node). */
  private final Map<RoleInstance, Node> nodeOf = new HashMap<>();
  private final List<String> secretValues = new ArrayList<>();
  /** The global names whose values hold a secret, which a template's render is watched reading. */
  private final Set<String> secretKeys = new LinkedHashSet<>();

  /**
   * @param services every service templates may name: stackwright's own, whether the cluster has them or not, then
   *     the cluster's own
   */
  ClusterContext(Cluster cluster, Application app, NetworkFacts facts, List<Service> services,
      Map<SecretName, String> secrets) {
    this.cluster = cluster;
    this.app = app;
    this.facts = facts;
    this.services = List.copyOf(services);
    this.secrets = new LinkedHashMap<>(secrets);
    this.secretValues.addAll(secrets.values());
    Map<String, String> byKey = new HashMap<>();
    secrets.forEach((name, value) -> byKey.put(name.key(), value));
    this.secretsByKey = Map.copyOf(byKey);
    cluster.nodes().forEach(n -> n.roles().forEach(r -> nodeOf.put(r, n)));
    this.global = buildGlobal();
    global.forEach((key, value) -> {
      if (SecretReads.holds(value, secretValues)) {
        secretKeys.add(key);
      }
    });
  }

  /**
   * Makes {@code context} (a copy of {@link #forCluster()} or {@link #forNode}) ready for one render of a file of
   * {@code service}: under {@code secrets} only the secrets the service names ({@link Service#secrets()}), all of
   * them for a file of no service, and every value that holds a secret watched.
   *
   * @return what tells, after the render, whether it read a secret
   */
  SecretReads watch(Map<String, Object> context, Optional<Service> service) {
    SecretReads reads = new SecretReads(secretValues);
    Map<String, Object> visible = new LinkedHashMap<>();
    secrets.forEach((name, value) -> {
      if (service.isEmpty() || service.get().secrets().contains(name.key())) {
        visible.put(name.key(), value);
      }
    });
    context.put("secrets", visible);
    for (String key : secretKeys) {
      // The global value itself was found to hold a secret when the context was made: no need to look again.
      context.computeIfPresent(key, (k, value) -> value == global.get(k) ? reads.watched(value) : reads.view(value));
    }
    return reads;
  }

  /** Every secret value and every value derived from one: what no message may contain, and what makes a file secret. */
  List<String> secretValues() {
    return List.copyOf(secretValues);
  }

  Application app() {
    return app;
  }

  Cluster cluster() {
    return cluster;
  }

  PackageSources packageSources() {
    return cluster.packageSources();
  }

  /** Every service templates may name, in the order ties of the start order are broken by. */
  List<Service> services() {
    return services;
  }

  /** The scope instance values are made in: a pending fact they read shows as a difference ({@link PendingFacts}). */
  Scope scope(Node node, Optional<RoleInstance> instance) {
    return scope(node, instance, null);
  }

  /** The scope a node hook runs in: the node, and the instance unless it is a part's; pending facts read noted. */
  Scope scope(Node node, Optional<RoleInstance> instance, FactReads reads) {
    return new Scope(cluster, app, Optional.of(node), instance, instance.map(RoleInstance::suffix).orElse(""),
        secretsByKey, null, facts, reads);
  }

  /** The same cluster's context with a stand-in for each pending fact, made from the same secrets. */
  ClusterContext withStandIns() {
    return new ClusterContext(cluster, app, facts.withStandIns(), services, secrets);
  }

  /** The context of a cluster-wide file: everything global, and neither {@code node} nor {@code instance}. */
  Map<String, Object> forCluster() {
    return new LinkedHashMap<>(global);
  }

  /** The context of one node: everything global, plus {@code node}. */
  Map<String, Object> forNode(Node node) {
    Map<String, Object> c = new LinkedHashMap<>(global);
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("name", node.name());
    n.put("hostname", node.hostname());
    n.put("host", node.host());
    n.put("index", node.index());
    n.put("vcpus", node.flavor().vcpus());
    n.put("ram_mb", node.flavor().ramMb());
    n.put("image", node.image());
    n.put("address", node.primaryAddress().toString());
    n.put("addresses", strings(node.addresses()));
    List<Map<String, Object>> roles = new ArrayList<>();
    node.roles().forEach(r -> roles.add(instance(r)));
    n.put("roles", roles);
    c.put("node", n);
    return c;
  }

  /** The map of one role instance, as templates see it under {@code instance}. */
  Map<String, Object> instance(RoleInstance r) {
    return instances.computeIfAbsent(r, this::buildInstance);
  }

  private Map<String, Object> buildInstance(RoleInstance r) {
    Node node = nodeOf.get(r);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.name());
    m.put("role", r.role());
    m.put("kind", r.kind().name());
    m.put("index", r.index());
    m.put("address", r.address().toString());
    m.put("node", node.name());
    m.put("node_hostname", node.hostname());
    m.put("suffix", r.suffix());
    Scope scope = scope(node, Optional.of(r));
    Map<String, String> setBy = new HashMap<>();
    for (Service.InstanceValues values : r.kind().instanceValues()) {
      TemplateValueMerge.merge(m, values.values(scope), "instance.", r.kind().name(), setBy, "instanceValues");
    }
    return m;
  }

  private Map<String, Object> buildGlobal() {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("cluster", clusterMap());
    g.put("app", appMap());
    g.put("ports", portsMap());
    g.put("debian", Map.of("codename", OsRelease.TEMPLATES.codename()));
    g.put("paths", new LinkedHashMap<>(Map.of("manifest", MANIFEST_PATH)));
    Map<String, Object> byService = new LinkedHashMap<>();
    Map<String, Object> described = new LinkedHashMap<>();
    for (Service s : services) {
      List<Map<String, Object>> list = new ArrayList<>();
      cluster.instances(s).forEach(r -> list.add(instance(r)));
      byService.put(s.name(), list);
      Map<String, Object> ports = new LinkedHashMap<>();
      s.ports().forEach(p -> ports.put(p.name(), p.number()));
      described.put(s.name(), Map.of("instances", list, "ports", ports));
    }
    g.put("instances", byService);
    g.put("services", described);
    g.put("nodes", nodesList());
    g.put("hosts", hostsList());
    g.put("secrets", secretsMap());
    g.put("app_settings", AppSettings.of(cluster, services, secretsByKey, secretValues::add));
    Scope scope = new Scope(cluster, app, Optional.empty(), Optional.empty(), "", secretsByKey,
        secretValues::add, facts, null);
    Map<String, String> setBy = new HashMap<>();
    for (Service s : services) {
      for (Service.TemplateValues values : s.templateValues()) {
        TemplateValueMerge.merge(g, values.values(scope), "", s.name(), setBy);
      }
    }
    return g;
  }

  /** Every service's ports by name; the first service to name a port gives its number. */
  private Map<String, Object> portsMap() {
    Map<String, Object> ports = new LinkedHashMap<>();
    for (Service s : services) {
      for (ServicePort p : s.ports()) {
        ports.putIfAbsent(p.name(), p.number());
      }
    }
    return ports;
  }

  private Map<String, Object> clusterMap() {
    Map<String, Object> c = new LinkedHashMap<>();
    Ipv4Network net = cluster.network();
    c.put("name", cluster.name());
    c.put("network", net.toString());
    c.put("netmask", net.netmask().toString());
    c.put("gateway", cluster.gateway().map(Object::toString).orElse(""));
    c.put("admin_cidr", cluster.adminCidr().map(Object::toString).orElse(""));
    return c;
  }

  private Map<String, Object> appMap() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("name", app.name());
    a.put("wsgi", app.wsgi());
    a.put("celery_app", app.celeryApp());
    a.put("source", app.source());
    a.put("version", app.version());
    a.put("home", app.home());
    a.put("static_root", app.staticRoot());
    a.put("user", app.name());
    // Validation allows a URL git clones or an absolute path; a path ending in .git is a repository to clone too.
    a.put("git", !app.source().startsWith("/") || app.source().endsWith(".git"));
    return a;
  }

  private List<Map<String, Object>> nodesList() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Node n : cluster.nodes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", n.name());
      m.put("hostname", n.hostname());
      m.put("host", n.host());
      m.put("address", n.primaryAddress().toString());
      m.put("addresses", strings(n.addresses()));
      List<String> roles = new ArrayList<>();
      n.roles().forEach(r -> roles.add(r.name()));
      m.put("roles", roles);
      m.put("mac", facts.mac(n.name()).orElse(""));
      m.put("vcpus", n.flavor().vcpus());
      list.add(m);
    }
    return list;
  }

  /** /etc/hosts: each address with the node's host name (for its primary), the instance's name, and the role's. */
  private List<Map<String, Object>> hostsList() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Node n : cluster.nodes()) {
      for (RoleInstance r : n.roles()) {
        // the same names a TLS endpoint's certificate carries for the address
        list.add(Map.of("address", r.address().toString(), "names", TlsEndpoints.hostNames(cluster, n, r)));
      }
    }
    return list;
  }

  private Map<String, Object> secretsMap() {
    Map<String, Object> s = new LinkedHashMap<>();
    secrets.forEach((name, value) -> s.put(name.key(), value));
    return s;
  }

  private static List<String> strings(Collection<Ipv4Address> addresses) {
    List<String> list = new ArrayList<>();
    addresses.forEach(a -> list.add(a.toString()));
    return list;
  }
}
