package dev.stackwright.dsl;

import dev.stackwright.InvalidClusterException;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.OsRelease;
import dev.stackwright.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster being defined. Mutable, single-use and not thread-safe, like any builder: configure it, call
 * {@link #build()} once, and use the immutable {@link Cluster} it returns.
 *
 * <pre>{@code
 * ClusterDsl cluster = Stackwright.cluster("seed").network("10.0.0.0/16").dhcpPool("10.0.254.0/24");
 * cluster.role("worker").count(3).flavor("hpc").subnet("10.0.100");
 * Cluster model = cluster.build();
 * }</pre>
 */
public final class ClusterDsl {
  final String name;
  String network;
  String gateway;
  String dhcpPool;
  String defaultImage;
  OsRelease defaultImageOs;
  String internalNetwork = "internal";
  boolean ownsNetwork;
  final List<String> dnsServers = new ArrayList<>();
  String externalNetwork;
  String adminCidr;
  final List<ImageDecl> images = new ArrayList<>();
  final Map<String, Double> cpuWeights = new LinkedHashMap<>();
  final List<FlavorDsl> flavors = new ArrayList<>();
  final List<Service> services = new ArrayList<>();
  final List<RoleDsl> roles = new ArrayList<>();
  final List<HostDsl> hosts = new ArrayList<>();
  final List<ApplicationDsl> applications = new ArrayList<>();
  QuotaDsl quota;
  TlsDsl tls;
  PackageSourcesDsl packageSources;
  private boolean built;
  private int declarations;

  /** Use {@code Stackwright.cluster(name)}. */
  public ClusterDsl(String name) {
    this.name = name;
  }

  int nextOrder() {
    return declarations++;
  }

  void checkOpen() {
    if (built) {
      throw new IllegalStateException("cluster \"" + name + "\" was already built and this DSL is single-use; "
          + "start a new definition with Stackwright.cluster(\"" + name + "\")");
    }
  }

  /** The internal network's range in CIDR form: {@code "10.0.0.0/16"}. */
  public ClusterDsl network(String cidr) {
    checkOpen();
    this.network = cidr;
    return this;
  }

  /** The internal subnet's gateway, which no role may take (Neutron would give the first address otherwise). */
  public ClusterDsl gateway(String address) {
    checkOpen();
    this.gateway = address;
    return this;
  }

  /** The range handed out by DHCP: {@code "10.0.254.0/24"}. */
  public ClusterDsl dhcpPool(String cidr) {
    checkOpen();
    this.dhcpPool = cidr;
    return this;
  }

  /** The name of the existing cloud network the ports go on; {@code "internal"} unless set. */
  public ClusterDsl internalNetwork(String name) {
    checkOpen();
    this.internalNetwork = name;
    this.ownsNetwork = false;
    return this;
  }

  /**
   * The cluster makes its own network, named {@code <cluster>-internal}: the network, a subnet of the cluster's
   * range with its gateway, DHCP pool and DNS servers, and a router to the external network when one is named.
   * They are made, checked and destroyed (last) like every other resource.
   */
  public ClusterDsl ownNetwork() {
    return ownNetwork(name + "-internal");
  }

  /** The cluster makes its own network under this name; see {@link #ownNetwork()}. */
  public ClusterDsl ownNetwork(String name) {
    checkOpen();
    this.internalNetwork = name;
    this.ownsNetwork = true;
    return this;
  }

  /** The DNS servers an owned subnet hands out by DHCP, in order; none leaves it to the cloud. */
  public ClusterDsl dnsServers(String... addresses) {
    checkOpen();
    java.util.Collections.addAll(dnsServers, addresses);
    return this;
  }

  /** The external network to take floating IPs from for the webserver and the controller. */
  public ClusterDsl externalNetwork(String name) {
    checkOpen();
    this.externalNetwork = name;
    return this;
  }

  /** Where admins connect from: SSH and the controller's pages are opened to this range only. */
  public ClusterDsl adminCidr(String cidr) {
    checkOpen();
    this.adminCidr = cidr;
    return this;
  }

  /** An image of the catalogue: its name in the cloud, and the OS release it says it boots (null: not said). */
  record ImageDecl(String name, OsRelease os) {}

  /**
   * The image hosts boot unless they name another, taken to be {@link OsRelease#TEMPLATES} (Debian 12, what the
   * rendered files are written for); the OpenStack backend checks that against the image's Glance properties.
   */
  public ClusterDsl defaultImage(String image) {
    return defaultImage(image, null);
  }

  /** The image hosts boot unless they name another, and the OS release it boots: {@code OsRelease.DEBIAN_12}. */
  public ClusterDsl defaultImage(String image, OsRelease os) {
    checkOpen();
    this.defaultImage = image;
    this.defaultImageOs = os;
    return this;
  }

  /** Declares another image hosts may name, taken to be {@link OsRelease#TEMPLATES} (Debian 12). */
  public ClusterDsl image(String image) {
    return image(image, null);
  }

  /** Declares another image hosts may name, and the OS release it boots. */
  public ClusterDsl image(String image, OsRelease os) {
    checkOpen();
    this.images.add(new ImageDecl(image, os));
    return this;
  }

  /** What one vCPU of a class counts in the capacity overview: {@code cpuWeight("server", 0.5)}. */
  public ClusterDsl cpuWeight(String cpuClass, double weight) {
    checkOpen();
    this.cpuWeights.put(cpuClass, weight);
    return this;
  }

  /** Declares a flavour of the catalogue. */
  public FlavorDsl flavor(String name) {
    checkOpen();
    FlavorDsl flavor = new FlavorDsl(this, name);
    flavors.add(flavor);
    return flavor;
  }

  /**
   * Adds a service of your own to the cluster's catalogue, beside stackwright's seven
   * ({@link dev.stackwright.services.BuiltInServices}): a role named like it is then that service, and a role of
   * another name says {@code .kind("redis")}. {@link #build()} checks it as strictly as a built-in one: its name
   * against the others', the services its accesses and needs name, its ports against the other services' on the same
   * host, its files' paths, owners and modes, its package and step names.
   *
   * <pre>{@code
   * Service redis = Service.builder("redis")
   *     .title("Redis cache")
   *     .packages("redis-server")
   *     .port(ServicePort.tcp("redis", 6379))
   *     .openTo("appserver", "redis", "the app caches in Redis")
   *     .openTo("worker", "redis", "tasks cache in Redis")
   *     .build();
   * cluster.service(redis);
   * cluster.role("redis").subnet("10.0.40").flavor("small");
   * }</pre>
   */
  public ClusterDsl service(Service service) {
    checkOpen();
    this.services.add(service);
    return this;
  }

  /**
   * Declares a role; its name is its service's ({@code "worker"}, or one added with {@link #service(Service)}) unless
   * {@code kind(...)} says.
   */
  public RoleDsl role(String name) {
    checkOpen();
    RoleDsl role = new RoleDsl(this, name);
    roles.add(role);
    return role;
  }

  /** Declares a host that carries several roles. */
  public HostDsl host(String name) {
    checkOpen();
    HostDsl host = new HostDsl(this, name);
    hosts.add(host);
    return host;
  }

  /** Names the application the app servers serve and the workers run. */
  public ApplicationDsl application(String name) {
    checkOpen();
    ApplicationDsl application = new ApplicationDsl(this, name);
    applications.add(application);
    return application;
  }

  /** The cloud project's quota the cluster must fit in. */
  /** TLS on the load balancer and the controller's admin pages; see {@link TlsDsl}. */
  public TlsDsl tls() {
    checkOpen();
    if (tls == null) {
      tls = new TlsDsl(this);
    }
    return tls;
  }

  public QuotaDsl quota() {
    checkOpen();
    if (quota == null) {
      quota = new QuotaDsl(this);
    }
    return quota;
  }

  /** Where the nodes get Debian's packages, CouchDB and Flower, when not from the public sources. */
  public PackageSourcesDsl packageSources() {
    checkOpen();
    if (packageSources == null) {
      packageSources = new PackageSourcesDsl(this);
    }
    return packageSources;
  }

  /**
   * The gate every model passes before it reaches a node or a cloud: a model made without the DSL
   * ({@code Cluster.builder()}) is checked by the same rules as {@link #build()}, with the same problems. The engine,
   * the renderer and the local run call it at their doors; returns {@code model} when it passes.
   *
   * @throws InvalidClusterException listing every problem, each with its path, value and fix
   */
  public static Cluster validate(Cluster model) {
    return ModelGate.check(java.util.Objects.requireNonNull(model, "model"));
  }

  /**
   * Validates everything and returns the immutable model.
   *
   * @throws InvalidClusterException listing every problem, each with its path, value and fix
   */
  public Cluster build() {
    checkOpen();
    built = true;
    return new ClusterValidator(this).build();
  }
}
