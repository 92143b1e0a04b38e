package dev.stackwright.render;

import dev.stackwright.model.Application;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.ServicePorts;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.model.Names;
import dev.stackwright.model.Node;
import dev.stackwright.model.PackageSources;
import dev.stackwright.model.Role;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.render.internal.Digests;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The values templates format, derived from the model: plain maps, lists, strings and numbers. Every value the topology
 * determines is computed here (upstream members, bind addresses, worker counts, URLs, allowed hosts, leases); the
 * templates only lay them out.
 */
final class ClusterContext {
  /** Ports are conventions of the services, not part of the topology; the security groups open the same ones. */
  static final int APP_PORT = ServicePorts.APP;
  static final int HTTP_PORT = ServicePorts.HTTP;
  static final int AMQP_PORT = ServicePorts.AMQP;
  static final int RABBITMQ_MANAGEMENT_PORT = ServicePorts.RABBITMQ_MANAGEMENT;
  static final int COUCHDB_PORT = ServicePorts.COUCHDB;
  static final int FLOWER_PORT = ServicePorts.FLOWER;
  /** The rendered files target Debian 12 (bookworm) and its package layout. */
  static final String DEBIAN_CODENAME = "bookworm";
  static final String PHP_VERSION = "8.2";
  static final String ADMIN_USER = "admin";

  private final Cluster cluster;
  private final Application app;
  private final NetworkFacts facts;
  private final Map<SecretName, String> secrets;
  private final Map<String, Object> global;
  private final Map<RoleInstance, Map<String, Object>> instances = new HashMap<>();
  /** The node of each role instance, looked up once per instance (Cluster.nodeOf walks every node). */
  private final Map<RoleInstance, Node> nodeOf = new HashMap<>();
  private final List<String> secretValues = new ArrayList<>();

  ClusterContext(Cluster cluster, Application app, NetworkFacts facts, Map<SecretName, String> secrets) {
    this.cluster = cluster;
    this.app = app;
    this.facts = facts;
    this.secrets = new EnumMap<>(secrets);
    this.secretValues.addAll(secrets.values());
    cluster.nodes().forEach(n -> n.roles().forEach(r -> nodeOf.put(r, n)));
    this.global = buildGlobal();
  }

  /** Every secret value and every value derived from one: what no message may contain, and what makes a file secret. */
  List<String> secretValues() {
    return List.copyOf(secretValues);
  }

  Application app() {
    return app;
  }

  PackageSources packageSources() {
    return cluster.packageSources();
  }

  String appEnvPath() {
    return "/etc/stackwright/" + app.name() + ".env";
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

  /** "" for a role named after its kind (gunicorn.service), "-name" otherwise (gunicorn-api.service). */
  static String suffix(RoleInstance r) {
    return r.role().equals(r.kind().name()) ? "" : "-" + Names.hostname(r.role());
  }

  private Map<String, Object> buildInstance(RoleInstance r) {
    Node node = nodeOf.get(r);
    int vcpus = node.flavor().vcpus();
    OptionalInt processes = cluster.role(r.role()).map(Role::processes).orElse(OptionalInt.empty());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.name());
    m.put("role", r.role());
    m.put("kind", r.kind().name());
    m.put("index", r.index());
    m.put("address", r.address().toString());
    m.put("node", node.name());
    m.put("node_hostname", node.hostname());
    m.put("suffix", suffix(r));
    // gunicorn's rule of thumb, (2 x cores) + 1, and one Celery process per core, unless the role says otherwise.
    m.put("workers", processes.orElse(2 * vcpus + 1));
    m.put("concurrency", processes.orElse(vcpus));
    return m;
  }

  private Map<String, Object> buildGlobal() {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("cluster", clusterMap());
    g.put("app", appMap());
    g.put("ports", Map.of("app", APP_PORT, "http", HTTP_PORT, "amqp", AMQP_PORT, "rabbitmq_management",
        RABBITMQ_MANAGEMENT_PORT, "couchdb", COUCHDB_PORT, "flower", FLOWER_PORT));
    g.put("debian", Map.of("codename", DEBIAN_CODENAME));
    g.put("php", Map.of("version", PHP_VERSION, "socket_prefix", "/run/php/php" + PHP_VERSION + "-fpm-tutorials",
        "pool_dir", "/etc/php/" + PHP_VERSION + "/fpm/pool.d", "service", "php" + PHP_VERSION + "-fpm"));
    g.put("paths", Map.of("app_env", appEnvPath(), "flower_env", "/etc/stackwright/flower.env", "htpasswd",
        "/etc/nginx/stackwright-admin.htpasswd", "tutorials_root", "/var/www/tutorials", "status_root",
        "/var/www/stackwright", "couchdb_etc", "/opt/couchdb/etc", "manifest", "/etc/stackwright/manifest.sha256"));
    Map<String, Object> byKind = new LinkedHashMap<>();
    for (Service kind : BuiltInServices.all()) {
      List<Map<String, Object>> list = new ArrayList<>();
      cluster.instances(kind).forEach(r -> list.add(instance(r)));
      byKind.put(kind.name(), list);
    }
    g.put("instances", byKind);
    g.put("nodes", nodesList());
    g.put("hosts", hostsList());
    g.put("forwarded_allow_ips", addressesOf(BuiltInServices.WEBSERVER, BuiltInServices.CONTROLLER));
    g.put("allowed_hosts", allowedHosts());
    g.put("users", Map.of("app", app.name(), "admin", ADMIN_USER, "rabbitmq", app.name(), "couchdb_admin",
        ADMIN_USER));
    g.put("secrets", secretsMap());
    g.put("derived", derivedMap());
    g.put("urls", urlsMap());
    g.put("dhcp", dhcpMap());
    g.put("couchdb", couchdbMap());
    return g;
  }

  private Map<String, Object> clusterMap() {
    Map<String, Object> c = new LinkedHashMap<>();
    Ipv4Network net = cluster.network();
    c.put("name", cluster.name());
    c.put("network", net.toString());
    c.put("netmask", netmask(net.prefixLength()));
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
    a.put("git", isGit(app.source()));
    return a;
  }

  /** Validation allows a URL git clones or an absolute path; a path ending in .git is a repository to clone too. */
  static boolean isGit(String source) {
    return !source.startsWith("/") || source.endsWith(".git");
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
        Set<String> names = new LinkedHashSet<>();
        if (r.address().equals(n.primaryAddress())) {
          names.add(n.hostname());
        }
        names.add(r.name());
        cluster.role(r.role()).filter(role -> role.count() == 1).ifPresent(role -> names.add(Names.hostname(
            role.name())));
        list.add(Map.of("address", r.address().toString(), "names", List.copyOf(names)));
      }
    }
    return list;
  }

  private List<String> addressesOf(Service... kinds) {
    List<String> list = new ArrayList<>();
    for (Service k : kinds) {
      cluster.instances(k).forEach(r -> list.add(r.address().toString()));
    }
    return list;
  }

  /** The Host headers Django accepts: the names and addresses clients reach it by, through any proxy or directly. */
  private List<String> allowedHosts() {
    Set<String> hosts = new LinkedHashSet<>();
    for (Service k : List.of(BuiltInServices.WEBSERVER, BuiltInServices.CONTROLLER, BuiltInServices.APPSERVER)) {
      for (RoleInstance r : cluster.instances(k)) {
        Node n = nodeOf.get(r);
        hosts.add(r.address().toString());
        hosts.add(r.name());
        if (r.address().equals(n.primaryAddress())) {
          hosts.add(n.hostname());
        }
        facts.publicAddress(n.name()).ifPresent(a -> hosts.add(a.toString()));
      }
    }
    return List.copyOf(hosts);
  }

  private Map<String, Object> secretsMap() {
    Map<String, Object> s = new LinkedHashMap<>();
    secrets.forEach((name, value) -> s.put(name.key(), value));
    return s;
  }

  private Map<String, Object> derivedMap() {
    Map<String, Object> d = new LinkedHashMap<>();
    String admin = secrets.get(SecretName.ADMIN_PASSWORD);
    if (admin != null) {
      d.put("htpasswd", secretDerived(Digests.htpasswdLine(ADMIN_USER, admin)));
      d.put("rabbitmq_admin_hash", secretDerived(Digests.rabbitPasswordHash(ADMIN_USER, admin)));
    }
    String rabbit = secrets.get(SecretName.RABBITMQ_PASSWORD);
    if (rabbit != null) {
      d.put("rabbitmq_app_hash", secretDerived(Digests.rabbitPasswordHash(app.name(), rabbit)));
    }
    String cookie = secrets.get(SecretName.COUCHDB_COOKIE);
    if (cookie != null) {
      d.put("couchdb_auth_secret", secretDerived(Digests.hmacHex(cookie, "stackwright couchdb chttpd_auth secret")));
    }
    // The same on every CouchDB node of the cluster, as a cluster needs; stable across runs.
    d.put("couchdb_uuid", Digests.sha256Hex("stackwright couchdb uuid " + cluster.name()).substring(0, 32));
    return d;
  }

  private String secretDerived(String value) {
    secretValues.add(value);
    return value;
  }

  private Map<String, Object> urlsMap() {
    Map<String, Object> u = new LinkedHashMap<>();
    List<String> brokers = new ArrayList<>();
    String rabbit = secrets.get(SecretName.RABBITMQ_PASSWORD);
    for (RoleInstance b : cluster.instances(BuiltInServices.BROKER)) {
      brokers.add(secretDerived("amqp://" + app.name() + ":" + rabbit + "@" + b.address() + ":" + AMQP_PORT + "/"
          + app.name()));
    }
    u.put("brokers", brokers);
    List<RoleInstance> brokerInstances = cluster.instances(BuiltInServices.BROKER);
    u.put("broker_api", brokerInstances.isEmpty() ? "" : secretDerived("http://" + ADMIN_USER + ":"
        + secrets.get(SecretName.ADMIN_PASSWORD) + "@" + brokerInstances.get(0).address() + ":"
        + RABBITMQ_MANAGEMENT_PORT + "/rabbitmq/api/"));
    List<String> couch = new ArrayList<>();
    String couchPassword = secrets.get(SecretName.COUCHDB_ADMIN_PASSWORD);
    for (RoleInstance d : cluster.instances(BuiltInServices.DATABASE)) {
      couch.add(secretDerived("http://" + ADMIN_USER + ":" + couchPassword + "@" + d.address() + ":" + COUCHDB_PORT));
    }
    u.put("couchdb", couch);
    return u;
  }

  private Map<String, Object> dhcpMap() {
    Map<String, Object> d = new LinkedHashMap<>();
    Ipv4Network pool = cluster.dhcpPool();
    d.put("first", pool.host(1).toString());
    d.put("last", pool.broadcast().plus(-1).toString());
    d.put("netmask", netmask(cluster.network().prefixLength()));
    d.put("router", cluster.gateway().map(Object::toString).orElse(""));
    List<Map<String, Object>> leases = new ArrayList<>();
    List<Map<String, Object>> pending = new ArrayList<>();
    for (Node n : cluster.nodes()) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("node", n.name());
      l.put("hostname", n.hostname());
      l.put("address", n.primaryAddress().toString());
      facts.mac(n.name()).ifPresentOrElse(mac -> {
        l.put("mac", mac);
        leases.add(l);
      }, () -> pending.add(l));
    }
    d.put("leases", leases);
    d.put("pending", pending);
    return d;
  }

  private Map<String, Object> couchdbMap() {
    int count = cluster.instances(BuiltInServices.DATABASE).size();
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("single_node", count <= 1);
    // CouchDB's defaults are n = 3 copies of each shard and q = 2 shards; fewer nodes than 3 hold fewer copies.
    c.put("n", Math.max(1, Math.min(3, count)));
    c.put("q", 2);
    List<String> seeds = new ArrayList<>();
    cluster.instances(BuiltInServices.DATABASE).forEach(r -> seeds.add("couchdb@" + r.address()));
    c.put("nodes", seeds);
    return c;
  }

  static String netmask(int prefix) {
    long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    return String.format(Locale.ROOT, "%d.%d.%d.%d", mask >>> 24, (mask >>> 16) & 0xff, (mask >>> 8) & 0xff,
        mask & 0xff);
  }

  private static List<String> strings(Collection<Ipv4Address> addresses) {
    List<String> list = new ArrayList<>();
    addresses.forEach(a -> list.add(a.toString()));
    return list;
  }
}
