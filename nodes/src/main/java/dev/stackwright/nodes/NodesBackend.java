package dev.stackwright.nodes;

import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.NodeOperation;
import dev.stackwright.spi.NodeUpdate;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.ssh.Dialer;
import dev.stackwright.ssh.SshChannel;
import dev.stackwright.ssh.Target;
import dev.stackwright.nodes.internal.DayTwo;
import dev.stackwright.spi.Capabilities;
import dev.stackwright.spi.ExistingNetwork;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.References;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.nodes.internal.Catalogue;
import dev.stackwright.nodes.internal.Rig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Real nodes on one machine: each server a systemd-nspawn container booting Debian with real systemd and cloud-init
 * (its user-data as the NoCloud seed), each port a network namespace whose {@code eth0} holds the port's addresses on
 * a bridge that lives in a namespace of its own. No 10.x address is ever in the machine's own namespace and nothing
 * routes out: reach the nodes with {@code ip netns exec <bridge namespace> ...}.
 *
 * <p>State lives in one directory per resource under the state root; observation reads it and checks what is real
 * (a port's namespace, a server's nspawn). Two instances with different state roots never share a name on the host.
 * Needs root. Thread-safe.
 *
 * <pre>{@code
 * NodesBackend nodes = NodesBackend.builder().network("internal", "10.0.0.0/16").flavor("m1", 2, 2048)
 *     .image("debian-12", Path.of("/var/lib/stackwright-rig/images/current/rootfs")).build();
 * }</pre>
 */
public final class NodesBackend implements Backend {
  /** Where the state lives unless the builder says otherwise. */
  public static final Path DEFAULT_STATE_ROOT = Path.of("/var/lib/stackwright-nodes/state");
  /** What the nodes install from (the image build's mirror and CouchDB repository) unless the builder says. */
  public static final Path DEFAULT_WWW = Path.of("/var/lib/stackwright-rig/www");

  private final Rig rig;
  private final int parallelism;
  private final Path stateRoot;
  private final Optional<SshChannel> ssh;
  private final ExistingNetwork bridge;

  private NodesBackend(Builder b) {
    this.stateRoot = b.stateRoot;
    this.parallelism = b.parallelism;
    this.rig = new Rig(b.stateRoot, new Catalogue(b.flavors, b.images, b.networkName, b.network, b.bootTimeout),
        b.www, b.gitRoot);
    this.bridge = new ExistingNetwork(b.networkName, b.network, Optional.empty(), List.of());
    this.ssh = b.privateKey.map(key -> SshChannel.builder().user(b.sshUser).privateKey(key)
        .knownHosts(b.knownHosts.orElse(b.stateRoot.resolve("known_hosts"))).dialer(intoRig())
        .restartWith(t -> rig.dayTwo().restartAt(t.address())).build());
  }

  /**
   * The rig's 10.x addresses live only in its namespaces: each SSH connection is carried by a socat in the bridge's
   * namespace (TCP_NODELAY, as our side sets it), behind a listener on 127.0.0.1 in this one.
   */
  private Dialer intoRig() {
    String ns = rig.names().bridgeNamespace();
    return Dialer.throughCommand((address, port) -> List.of("ip", "netns", "exec", ns, "socat", "STDIO",
        "TCP:" + address + ":" + port + ",connect-timeout=5,nodelay"));
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "nodes " + stateRoot + " (bridge namespace " + rig.names().bridgeNamespace() + ")";
  }

  /**
   * The rig's network, by its name: its range, and neither a gateway nor a DHCP pool of the rig's own (the cluster's
   * controller hands out addresses); empty for any other name.
   */
  @Override
  public Optional<ExistingNetwork> describeNetwork(String name) {
    return Optional.of(bridge).filter(n -> n.name().equals(name));
  }

  /** The namespace that holds the bridge: run {@code ip netns exec} with it to reach the nodes. */
  public String bridgeNamespace() {
    return rig.names().bridgeNamespace();
  }

  /**
   * Every kind but floating IPs (one machine has no external network); rules, ports and an owned network's records
   * (the network is the rig's bridge; a router, with no external world, is a record) change in place; servers are
   * rebuilt in place, and given new files over SSH when the builder has the private key.
   */
  @Override
  public Capabilities capabilities() {
    Capabilities c = new Capabilities(EnumSet.complementOf(EnumSet.of(ResourceKind.FLOATING_IP)),
        EnumSet.of(ResourceKind.SECURITY_GROUP, ResourceKind.PORT, ResourceKind.NETWORK, ResourceKind.SUBNET,
            ResourceKind.ROUTER), parallelism).changingNodes(NodeOperation.REBUILD);
    return ssh.isPresent() ? c.changingNodes(NodeOperation.RECONFIGURE) : c;
  }

  /** The container's console log since its last boot from scratch: cloud-init's host keys are in it. */
  @Override
  public Optional<String> consoleOutput(String cluster, Observed server) {
    return rig.dayTwo().console(cluster, server.cloudId());
  }

  /**
   * Over SSH as the builder's user with its private key, through the bridge's namespace, and through the jump host
   * the update names; then records what the update gives.
   */
  @Override
  public Observed reconfigure(String cluster, Observed server, NodeUpdate update) {
    SshChannel channel = ssh.orElseThrow(() -> new BackendException(BackendException.Reason.REFUSED, server.id(),
        "the nodes backend has no SSH key to change a running server; build it with sshKey(PRIVATE_KEY_FILE), the"
        + " private half of the cluster's keypair"));
    DayTwo dayTwo = rig.dayTwo();
    Target target = dayTwo.target(cluster, server.cloudId());
    Optional<Target> via = update.via().map(id -> dayTwo.target(cluster, id, server.id()));
    channel.apply(target, via, update);
    return dayTwo.record(cluster, server.cloudId(), update.given());
  }

  /**
   * A fresh boot of the container from {@code desired}'s image and user-data, on a fresh disk, with the same cloud
   * id, port and addresses. Its host keys are new: the known-hosts file forgets the old ones, so the next connection
   * trusts only what its new console shows.
   */
  @Override
  public Observed rebuild(String cluster, Observed current, ServerSpec desired, References refs) {
    DayTwo dayTwo = rig.dayTwo();
    String address = dayTwo.target(cluster, current.cloudId()).address();
    ssh.ifPresent(s -> s.forget(address));
    return dayTwo.rebuild(cluster, current, desired, refs);
  }

  @Override
  public Observation observe(String cluster) {
    return Observation.of(cluster, rig.observe(cluster));
  }

  @Override
  public Optional<Observed> find(String cluster, ResourceId id) {
    return rig.observe(cluster).stream().filter(o -> o.id().equals(id)).findFirst();
  }

  @Override
  public Observed create(String cluster, ResourceSpec spec, References refs) {
    return rig.create(cluster, spec, refs);
  }

  @Override
  public Observed update(String cluster, Observed current, ResourceSpec desired, References refs) {
    return rig.update(cluster, current, desired, refs);
  }

  @Override
  public void delete(String cluster, Observed current) {
    rig.delete(cluster, current);
  }

  /** Each server's {@link NodeHealth#summary()}, read from inside it: what the command line prints after apply. */
  @Override
  public List<String> serverReports(String cluster) {
    return health(cluster).stream().map(NodeHealth::summary).toList();
  }

  /**
   * Each of {@code cluster}'s servers as it really is, asked inside its container: cloud-init's status, the failed
   * and not-installed steps the user-data recorded, whether each unit it enables is active, and what runs as a
   * stand-in. A server whose container is not running says so. Slow-ish: a few commands per node.
   */
  public List<NodeHealth> health(String cluster) {
    return rig.health(cluster);
  }

  /**
   * Removes everything under this backend's state root, whatever cluster made it: containers, ports, the bridge,
   * cgroups and state. For tests and for a rig that is done with.
   */
  public void removeAll() {
    rig.removeAll();
  }

  // ---- made by hand, without a marker: for the contract's tests ----

  String addForeignPort(String name, String network, Ipv4Address address) {
    return rig.addForeignPort(name, network, address);
  }

  String addForeignSecurityGroup(String name) {
    return rig.addForeignSecurityGroup(name);
  }

  void removeByHand(String cloudId) {
    rig.removeByHand(cloudId);
  }

  boolean exists(String cloudId) {
    return rig.exists(cloudId);
  }

  /** Configures the rig; by default the state root above, network {@code internal} 10.0.0.0/16, no catalogue. */
  public static final class Builder {
    private Path stateRoot = DEFAULT_STATE_ROOT;
    private final Map<String, int[]> flavors = new LinkedHashMap<>();
    private final Map<String, Path> images = new LinkedHashMap<>();
    private String networkName = "internal";
    private Ipv4Network network = Ipv4Network.parse("10.0.0.0/16");
    private Duration bootTimeout = Duration.ofSeconds(180);
    private int parallelism = 3;
    private Path www = DEFAULT_WWW;
    private Path gitRoot = DEFAULT_WWW.resolve("git");
    private Optional<Path> privateKey = Optional.empty();
    private String sshUser = "debian";
    private Optional<Path> knownHosts = Optional.empty();

    private Builder() {}

    /**
     * The private half (an OpenSSH key file) of the keypair the cluster's servers boot with: with it the backend
     * gives running servers new files over SSH ({@code reconfigure}).
     */
    public Builder sshKey(Path privateKey) {
      this.privateKey = Optional.of(privateKey.toAbsolutePath().normalize());
      return this;
    }

    /**
     * Who logs in: cloud-init gives the keypair's key to the image's default user, {@code debian} (passwordless
     * sudo; root's login is blocked by {@code disable_root}), the default; {@code root} for user-data that allows it.
     */
    public Builder sshUser(String user) {
      this.sshUser = user;
      return this;
    }

    /** The cluster's known-hosts file; by default {@code known_hosts} under the state root. */
    public Builder knownHosts(Path file) {
      this.knownHosts = Optional.of(file.toAbsolutePath().normalize());
      return this;
    }

    /** The directory served over HTTP on the bridge address (port 80): the package mirror, the CouchDB repository. */
    public Builder www(Path dir) {
      this.www = dir.toAbsolutePath().normalize();
      return this;
    }

    /** The directory of bare repositories that git daemon serves as {@code git://<bridge address>/NAME.git}. */
    public Builder gitRoot(Path dir) {
      this.gitRoot = dir.toAbsolutePath().normalize();
      return this;
    }

    public Builder stateRoot(Path root) {
      this.stateRoot = root.toAbsolutePath().normalize();
      return this;
    }

    /** A flavour by name; its sizes are kept, not enforced (one kernel: no per-node limits). */
    public Builder flavor(String name, int vcpus, int ramMb) {
      flavors.put(name, new int[] {vcpus, ramMb});
      return this;
    }

    /** An image: a base rootfs every server of it overlays, read-only. */
    public Builder image(String name, Path rootfs) {
      images.put(name, rootfs.toAbsolutePath().normalize());
      return this;
    }

    /** The cluster's network; the rig's own side takes its last address but one (10.0.255.254 for a /16). */
    public Builder network(String name, String cidr) {
      this.networkName = name;
      this.network = Ipv4Network.parse(cidr);
      return this;
    }

    /**
     * What {@code cluster} names, as its cloud would have it: its internal network, its flavours, and each image it
     * boots as {@code rootfs} (the rig has one base image; a release the image is not would boot all the same).
     */
    public Builder catalogueOf(Cluster cluster, Path rootfs) {
      network(cluster.internalNetworkName(), cluster.network().toString());
      cluster.flavors().forEach(f -> flavor(f.name(), f.vcpus(), f.ramMb()));
      image(cluster.defaultImage(), rootfs);
      cluster.images().forEach(i -> image(i, rootfs));
      cluster.hosts().forEach(h -> h.image().ifPresent(i -> image(i, rootfs)));
      return this;
    }

    /** How long a container may take to reach a running system. */
    public Builder bootTimeout(Duration d) {
      this.bootTimeout = d;
      return this;
    }

    /** How many changes the engine should have in flight at once (the machine's cores bound boots). */
    public Builder parallelism(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, not " + n);
      }
      this.parallelism = n;
      return this;
    }

    /** The backend, once the machine can run it: root, and systemd-nspawn on the PATH. */
    public NodesBackend build() {
      requireHost();
      return new NodesBackend(this);
    }

    private static void requireHost() {
      Optional<String> why = Requirements.missing();
      if (why.isPresent()) {
        throw new NodesUnavailableException("the nodes backend cannot run here: " + why.get());
      }
    }
  }

  /** What the machine lacks for the nodes backend, if anything. */
  static final class Requirements {
    private Requirements() {}

    static Optional<String> missing() {
      if (!isRoot()) {
        return Optional.of("it needs root (it makes network namespaces, mounts and cgroups); run it as root");
      }
      if (!onPath("systemd-nspawn")) {
        return Optional.of("systemd-nspawn is not on the PATH; install it (Debian: apt-get install"
            + " systemd-container)");
      }
      return Optional.empty();
    }

    static boolean isRoot() {
      try {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
            .anyMatch(l -> l.split("\\s+")[2].equals("0"));
      } catch (IOException e) {
        return false;
      }
    }

    static boolean onPath(String tool) {
      String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/sbin:/usr/bin:/sbin:/bin");
      return Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
  }
}
