package dev.stackwright.nodes;

import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Topologies;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which TCP connections the model's security rules allow, derived from the security groups the engine plans for the
 * cluster ({@link #rules}) and nothing else:
 * every port of every service (the descriptors' {@link Service#ports()}) at every role address of every node, from
 * every other node and from the rig's own side of the bridge; and the table of what was expected against what was
 * seen.
 */
final class SecurityMatrix {
  /** A connection's source: a node (its addresses, its role kinds' groups), or the rig's side (no group). */
  record Source(String name, List<Ipv4Address> addresses, List<Service> kinds) {
    static Source of(Node n) {
      return new Source(n.name(), n.addresses(), n.roles().stream().map(RoleInstance::kind).distinct().toList());
    }
  }

  /** A connection's destination: a node's role address and a port. */
  record Target(Node node, String role, Ipv4Address address, int port) {
    String label() {
      return node.name() + " " + role + " " + address + ":" + port;
    }
  }

  private SecurityMatrix() {}

  /**
   * The numbers of every port a service of the cluster or of stackwright's own declares, so that a new one is probed
   * too; each over TCP, a UDP one (DHCP) included, which no TCP rule may open.
   */
  static List<Integer> servicePorts(Cluster cluster) {
    TreeSet<Integer> ports = new TreeSet<>();
    BuiltInServices.all().forEach(s -> s.ports().forEach(p -> ports.add(p.number())));
    cluster.roles().forEach(r -> r.kind().ports().forEach(p -> ports.add(p.number())));
    return List.copyOf(ports);
  }

  /** The number of {@code service}'s port of that name. */
  static int port(Service service, String name) {
    return service.port(name).orElseThrow(() -> new IllegalArgumentException(service + " has no port " + name))
        .number();
  }

  static List<Target> targets(Cluster cluster) {
    List<Target> out = new ArrayList<>();
    for (Node n : cluster.nodes()) {
      for (RoleInstance r : n.roles()) {
        servicePorts(cluster).forEach(p -> out.add(new Target(n, r.name(), r.address(), p)));
      }
    }
    return out;
  }

  /**
   * The ingress rules of each security group of {@code cluster}, as the engine plans them on an empty in-memory cloud:
   * the rules a backend is asked to make.
   */
  static Map<ResourceId, List<RuleSpec>> rules(Cluster cluster) {
    Engine engine = Engine.builder().backend(InMemoryCloud.forCluster(cluster)).renderer(Topologies.renderer())
        .build();
    Map<ResourceId, List<RuleSpec>> out = new LinkedHashMap<>();
    engine.plan(cluster).changes().forEach(c -> c.desired().filter(SecurityGroupSpec.class::isInstance)
        .map(SecurityGroupSpec.class::cast).ifPresent(g -> out.put(g.id(), g.rules())));
    return out;
  }

  /**
   * Whether a rule of a group of the target node's port lets {@code from} connect to {@code to} over TCP.
   *
   * @param rules the cluster's groups and their rules: {@link #rules}
   */
  static boolean allowed(Map<ResourceId, List<RuleSpec>> rules, Source from, Target to) {
    for (Service kind : to.node().roles().stream().map(RoleInstance::kind).distinct().toList()) {
      for (RuleSpec r : rules.getOrDefault(groupOf(kind), List.of())) {
        if (r.protocol().toLowerCase(Locale.ROOT).equals("tcp") && r.portMin() <= to.port()
            && to.port() <= r.portMax() && admits(r, from)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A CIDR rule admits a source one of whose addresses it holds; a group rule, a source in that group. */
  private static boolean admits(RuleSpec r, Source from) {
    if (r.remoteCidr().isPresent()) {
      Ipv4Network net = Ipv4Network.parse(r.remoteCidr().get());
      return from.addresses().stream().anyMatch(net::contains);
    }
    Optional<ResourceId> group = r.remoteGroup();
    return group.isPresent() && from.kinds().stream().map(SecurityMatrix::groupOf).anyMatch(group.get()::equals);
  }

  /** A service's security group: the engine keys each group by its service's name. */
  private static ResourceId groupOf(Service service) {
    return ResourceId.of(ResourceKind.SECURITY_GROUP, service.name());
  }

  /**
   * One row per target, one column per source: {@code open}/{@code -} where seen as expected, {@code OPEN!} where a
   * connection the rules forbid was made, {@code SHUT!} (with what was seen) where one they allow failed.
   */
  static String table(List<Source> sources, List<Target> targets, Map<String, Boolean> expected,
      Map<String, String> seen) {
    StringBuilder b = new StringBuilder(String.format("%-44s", "to \\ from"));
    sources.forEach(s -> b.append(String.format(" %-16s", s.name())));
    b.append('\n');
    for (Target t : targets) {
      b.append(String.format("%-44s", t.label()));
      for (Source s : sources) {
        String key = key(s, t);
        String cell;
        if (!expected.containsKey(key)) {
          cell = "(self)";
        } else {
          boolean want = expected.get(key);
          String got = seen.getOrDefault(key, "not probed");
          boolean open = got.equals("open");
          cell = want == open ? (open ? "open" : "-") : (open ? "OPEN!" : "SHUT! " + got);
        }
        b.append(String.format(" %-16s", cell));
      }
      b.append('\n');
    }
    return b.append("open: allowed and made; -: forbidden and not made; OPEN!: forbidden but made;"
        + " SHUT!: allowed but not made (refused, or timeout = dropped)\n").toString();
  }

  static String key(Source s, Target t) {
    return s.name() + " -> " + t.address() + ":" + t.port();
  }
}
