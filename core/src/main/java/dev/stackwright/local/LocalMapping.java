package dev.stackwright.local;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.local.internal.Processes;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What changes when a rendered cluster runs on one machine, and nothing else: a pure function of the text it is
 * given, the same for every file, so a config that runs locally differs from the rendered one only in these ways.
 *
 * <ul>
 *   <li><b>Addresses</b>: every address of the cluster's network becomes a loopback address with the same last three
 *       octets, 10.0.X.Y to 127.0.X.Y. Linux routes all of 127.0.0.0/8 to the loopback interface, so each role
 *       instance keeps an address of its own and nothing needs setting up.
 *   <li><b>A node's own loopback</b>: 127.0.0.1 in a node's file is that node's primary address, mapped, since
 *       every node shares this machine's 127.0.0.1 (the controller's proxy to a Flower on 127.0.0.1:5555 stays on
 *       the controller).
 *   <li><b>Ports</b>: when the run may not bind privileged ports (it is not root), a port below 1024 that follows a
 *       cluster address ({@code 10.0.10.3:80}, or implied by {@code http://10.0.10.3/}) becomes an unprivileged one:
 *       the role's configured port, else 8000 + the port (80 becomes 8080).
 *   <li><b>Paths</b>: an absolute path under a node's own directories ({@code /etc}, {@code /var}, {@code /run},
 *       {@code /srv}, {@code /opt}, {@code /home}, {@code /tmp}) moves into that node's part of the run directory:
 *       {@code /var/log/nginx/access.log} on {@code webserver-1} becomes {@code RUN_DIR/webserver-1/var/log/nginx/access.log}.
 *       System paths ({@code /usr}, {@code /bin}, {@code /lib}, {@code /proc}, {@code /dev}) stay as they are.
 *   <li><b>The redirect to HTTPS</b>: nginx's {@code https://$host} (the address the client asked for, on port 443)
 *       gets the port 443 moved to when it moves: the 443 of the address the same text listens on, else of the node's
 *       primary address ({@code https://$host:8443}).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class LocalMapping {
  /** The top-level directories that belong to a node and so move into the run directory. */
  public static final List<String> NODE_ROOTS = List.of("etc", "var", "run", "srv", "opt", "home", "tmp");

  private static final Pattern ADDRESS = Pattern.compile(
      "(?<scheme>\\b(?<proto>https?|amqps?|couchdb|redis)://(?:[^\\s/@\"']*@)?)?"
          + "(?<![\\w.])(?<addr>\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})(?![\\w]|\\.\\d)"
          + "(?::(?<port>\\d{1,5})(?!\\d))?");
  private static final Pattern PATH = Pattern.compile(
      "(?<![\\w./~%:-])/(?:" + String.join("|", NODE_ROOTS) + ")(?=/|\\b)(?:/[\\w.@%+=,-]*)*");

  /** nginx's redirect to the same host over HTTPS, on the implied port 443. */
  private static final Pattern HTTPS_HOST = Pattern.compile("https://\\$host(?![\\w:])");
  private static final Pattern HTTPS_LISTEN = Pattern.compile(
      "(?<![\\w.])(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}):443(?!\\d)");

  private static final Pattern LOCATION = Pattern.compile("\\blocation\\s+(?:[=~^*]+\\s*)?$");

  private final Cluster cluster;
  private final Path runDir;
  private final boolean privilegedPorts;
  private final Map<String, Integer> portOverrides;
  private final Map<Ipv4Address, RoleInstance> instances;

  private LocalMapping(Cluster cluster, Path runDir, boolean privilegedPorts, Map<String, Integer> portOverrides) {
    this.cluster = cluster;
    this.runDir = runDir.toAbsolutePath().normalize();
    this.privilegedPorts = privilegedPorts;
    this.portOverrides = Map.copyOf(portOverrides);
    Map<Ipv4Address, RoleInstance> byAddress = new HashMap<>();
    for (Node node : cluster.nodes()) {
      for (RoleInstance r : node.roles()) {
        byAddress.put(r.address(), r);
      }
    }
    this.instances = Map.copyOf(byAddress);
  }

  /**
   * The mapping for {@code cluster} into {@code runDir}; privileged ports are kept when this process runs as root,
   * moved otherwise.
   */
  public static LocalMapping of(Cluster cluster, Path runDir) {
    return builder(cluster, runDir).build();
  }

  public static Builder builder(Cluster cluster, Path runDir) {
    return new Builder(cluster, runDir);
  }

  /** The run directory every node's files move into. */
  public Path runDir() {
    return runDir;
  }

  /** True when ports below 1024 are kept. */
  public boolean privilegedPorts() {
    return privilegedPorts;
  }

  /** 10.0.X.Y to 127.0.X.Y for an address of the cluster's network; any other address is returned unchanged. */
  public Ipv4Address address(Ipv4Address address) {
    if (!cluster.network().contains(address)) {
      return address;
    }
    return Ipv4Address.parse("127." + address.octet(2) + "." + address.octet(3) + "." + address.octet(4));
  }

  /** The port that {@code port} on a cluster address becomes. */
  public int port(Ipv4Address clusterAddress, int port) {
    if (privilegedPorts || port >= 1024 || port == 0 || !cluster.network().contains(clusterAddress)) {
      return port;
    }
    RoleInstance role = instances.get(clusterAddress);
    if (role != null) {
      Integer override = portOverrides.get(role.role() + ":" + port);
      if (override != null) {
        return override;
      }
    }
    return 8000 + port;
  }

  /** Where an absolute path of {@code node} lives on this machine; a system path stays as it is. */
  public Path path(String node, String nodePath) {
    Objects.requireNonNull(node, "node");
    if (!isNodePath(nodePath)) {
      return Path.of(nodePath);
    }
    return nodeRoot(node).resolve(nodePath.substring(1)).normalize();
  }

  /** The directory that stands for {@code node}'s root file system. */
  public Path nodeRoot(String node) {
    return runDir.resolve(node);
  }

  /** True for an absolute path under one of {@link #NODE_ROOTS}. */
  public static boolean isNodePath(String path) {
    if (!path.startsWith("/")) {
      return false;
    }
    String first = path.substring(1).split("/", 2)[0];
    return NODE_ROOTS.contains(first);
  }

  /** The text of a file of {@code node} with every address, port and path mapped; nothing else changes. */
  public String content(String node, String text) {
    return paths(node, addresses(node, httpsRedirects(node, text)));
  }

  /**
   * The address that stands for {@code node}'s own loopback, 127.0.0.1 on the VM: the node's primary address mapped,
   * since all nodes share this machine's 127.0.0.1.
   */
  public Optional<Ipv4Address> loopbackOf(String node) {
    return cluster.node(node).map(n -> address(n.primaryAddress()));
  }

  private String addresses(String node, String text) {
    Optional<Ipv4Address> ownLoopback = loopbackOf(node);
    Matcher m = ADDRESS.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      if (m.group("addr").equals("127.0.0.1") && ownLoopback.isPresent()) {
        String r = (m.group("scheme") == null ? "" : m.group("scheme")) + ownLoopback.get()
            + (m.group("port") == null ? "" : ":" + m.group("port"));
        m.appendReplacement(out, Matcher.quoteReplacement(r));
        continue;
      }
      Optional<Ipv4Address> parsed = Ipv4Address.tryParse(m.group("addr"));
      if (parsed.isEmpty() || !cluster.network().contains(parsed.get())) {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
        continue;
      }
      Ipv4Address a = parsed.get();
      StringBuilder r = new StringBuilder();
      if (m.group("scheme") != null) {
        r.append(m.group("scheme"));
      }
      r.append(address(a));
      String port = m.group("port");
      if (port != null) {
        int p = Integer.parseInt(port);
        r.append(':').append(p <= 65535 ? port(a, p) : p);
      } else if (m.group("proto") != null) {
        int implied = impliedPort(m.group("proto"));
        int mapped = port(a, implied);
        if (mapped != implied) {
          r.append(':').append(mapped);
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(r.toString()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code https://$host} with the port 443 moves to on the address the text listens on, when it moves. */
  private String httpsRedirects(String node, String text) {
    if (privilegedPorts || !HTTPS_HOST.matcher(text).find()) {
      return text;
    }
    Optional<Ipv4Address> listened = Optional.empty();
    Matcher listen = HTTPS_LISTEN.matcher(text);
    while (listened.isEmpty() && listen.find()) {
      listened = Ipv4Address.tryParse(listen.group(1)).filter(cluster.network()::contains);
    }
    Optional<Ipv4Address> address = listened.or(() -> cluster.node(node).map(Node::primaryAddress));
    if (address.isEmpty()) {
      return text;
    }
    int port = port(address.get(), 443);
    return port == 443 ? text
        : HTTPS_HOST.matcher(text).replaceAll(Matcher.quoteReplacement("https://$host:" + port));
  }

  private static int impliedPort(String proto) {
    switch (proto) {
      case "https":
        return 443;
      case "http":
        return 80;
      default:
        return 65536; // schemes whose default port is unprivileged: never mapped
    }
  }

  private String paths(String node, String text) {
    Matcher m = PATH.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String original = m.group();
      String mapped = path(node, original).toString();
      if (original.endsWith("/") && !mapped.endsWith("/")) {
        mapped += "/"; // nginx's alias and root care about a trailing slash
      }
      if (LOCATION.matcher(text.substring(Math.max(0, m.start() - 16), m.start())).find()) {
        mapped = original; // an nginx location is a URI, not a file
      }
      m.appendReplacement(out, Matcher.quoteReplacement(mapped));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Builds a mapping; only the ports of a non-root run can be configured. */
  public static final class Builder {
    private final Cluster cluster;
    private final Path runDir;
    private boolean privilegedPorts = Processes.isRoot();
    private final Map<String, Integer> portOverrides = new HashMap<>();

    private Builder(Cluster cluster, Path runDir) {
      this.cluster = Objects.requireNonNull(cluster, "cluster");
      this.runDir = Objects.requireNonNull(runDir, "runDir");
    }

    /** Keep ports below 1024 (true when running as root) or move them (false). */
    public Builder privilegedPorts(boolean keep) {
      this.privilegedPorts = keep;
      return this;
    }

    /** When privileged ports are moved, {@code port} of {@code role} becomes {@code localPort}, not 8000 + port. */
    public Builder port(String role, int port, int localPort) {
      if (cluster.role(role).isEmpty()) {
        throw new IllegalArgumentException("cluster " + cluster.name() + " has no role \"" + role + "\"; fix: name one of "
            + cluster.roles().stream().map(r -> r.name()).reduce((a, b) -> a + ", " + b).orElse("(none)"));
      }
      if (localPort < 1024 || localPort > 65535) {
        throw new IllegalArgumentException("local port " + localPort + " for " + role + ":" + port
            + " is not an unprivileged port; fix: use 1024 to 65535, such as " + (8000 + port));
      }
      portOverrides.put(role + ":" + port, localPort);
      return this;
    }

    public LocalMapping build() {
      return new LocalMapping(cluster, runDir, privilegedPorts, portOverrides);
    }
  }
}
