package dev.stackwright.report;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.engine.SecurityRules;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Flavor;
import dev.stackwright.model.Host;
import dev.stackwright.model.Node;
import dev.stackwright.model.Role;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import dev.stackwright.spi.RuleSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster's topology as a Graphviz DOT picture: a box per host kind with its VMs, each VM listing its role
 * instances with their addresses (the SSH jump host and the public entries marked), and who talks to whom: an edge for
 * every rule of the security groups, as the engine derives them ({@link SecurityRules#of}), from the roles of the
 * rule's remote group or from its CIDR (anyone, the admin network) to the roles of the group's service, labelled with
 * the port and protocol. An edge's {@code id} (kept in the SVG Graphviz makes) is its rule:
 * {@code broker: tcp 5672 from security-group/worker}.
 *
 * <pre>{@code
 * Files.writeString(Path.of("topology.dot"), TopologyGraph.of(cluster).toDot());
 * // dot -Tsvg topology.dot -o topology.svg
 * }</pre>
 *
 * An edge joins the VMs of two roles; when a role's host kind has several VMs, it ends at the kind's "every VM" table
 * instead, which stands for all of them. The rules added on the engine ({@code Engine.Builder.rule}) are not drawn.
 */
public final class TopologyGraph {
  private static final String WORLD_COLOUR = "#1f5fa8";
  private static final String JUMP_COLOUR = "#7a7a7a";
  /** A role's row has two ports: edges come in on its left cell, go out from its right one. */
  private static final String IN = "in ";
  private static final String OUT = "out ";

  private final Cluster cluster;
  private final Map<Service, List<RuleSpec>> rules;
  /** Where each role's edges attach: the VM that carries its first instance. */
  private final Map<String, Node> firstNode = new HashMap<>();

  private TopologyGraph(Cluster cluster) {
    this.cluster = cluster;
    this.rules = SecurityRules.of(cluster);
    for (Node node : cluster.nodes()) {
      node.roles().forEach(r -> firstNode.putIfAbsent(r.role(), node));
    }
  }

  /**
   * The picture of {@code cluster}.
   *
   * @throws dev.stackwright.InvalidClusterException when the model breaks a rule of the DSL's
   */
  public static TopologyGraph of(Cluster cluster) {
    return new TopologyGraph(ClusterDsl.validate(cluster));
  }

  /** The DOT text, the same for the same cluster; {@code dot -Tsvg} draws it. */
  public String toDot() {
    StringBuilder dot = new StringBuilder();
    dot.append("digraph ").append(Dot.quoted(cluster.name())).append(" {\n");
    dot.append("  graph [label=").append(Dot.quoted("cluster " + cluster.name() + ", network " + cluster.network()
            + owned()))
        .append(", labelloc=t, fontname=\"Helvetica\", fontsize=14, rankdir=LR, nodesep=0.25,"
            + " ranksep=1.4];\n");
    dot.append("  node [fontname=\"Helvetica\", fontsize=10, shape=plaintext];\n");
    dot.append("  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];\n");
    for (String cidr : cidrs()) {
      dot.append("  ").append(Dot.quoted(cidrId(cidr))).append(" [shape=box, style=\"rounded,filled\", fillcolor="
          + "\"#eef3fa\", color=\"" + WORLD_COLOUR + "\", label=").append(Dot.quoted(cidrLabel(cidr))).append("];\n");
    }
    cluster.hosts().forEach(h -> host(dot, h));
    edges(dot);
    return dot.append("}\n").toString();
  }

  @Override
  public String toString() {
    return toDot();
  }

  /** What the cluster makes of its network, when it owns it: the network's name and the router's way out. */
  private String owned() {
    if (!cluster.ownsNetwork()) {
      return "";
    }
    return " (owned: " + cluster.internalNetworkName() + cluster.externalNetwork().map(e -> ", router to " + e)
        .orElse("") + ")";
  }

  private Set<String> cidrs() {
    Set<String> cidrs = new LinkedHashSet<>();
    rules.values().forEach(list -> list.forEach(r -> r.remoteCidr().ifPresent(cidrs::add)));
    return cidrs;
  }

  private String cidrLabel(String cidr) {
    if (cidr.equals(SecurityRules.ANYWHERE)) {
      return "anyone\n" + cidr;
    }
    boolean admin = cluster.adminCidr().map(Object::toString).filter(cidr::equals).isPresent();
    return admin ? "admin network\n" + cidr : cidr;
  }

  private void host(StringBuilder dot, Host host) {
    Optional<Flavor> flavor = cluster.flavor(host.flavor());
    String size = flavor.map(f -> " (" + f.vcpus() + " vCPU, " + CapacityReport.ram(f.ramMb()) + ")").orElse("");
    String label = "host " + host.name() + ": " + host.count() + (host.count() == 1 ? " VM" : " VMs") + " of "
        + host.flavor() + size;
    dot.append("  subgraph ").append(Dot.quoted(hostId(host.name()))).append(" {\n");
    dot.append("    label=").append(Dot.quoted(label)).append("; style=\"rounded\"; color=\"#9aa5b1\";"
        + " fontsize=11;\n");
    List<Node> nodes = cluster.nodesOf(host);
    if (nodes.size() > 1) {
      dot.append("    ").append(Dot.quoted(everyVmId(host.name()))).append(" [label=<")
          .append(everyVmTable(host, nodes)).append(">];\n");
    }
    for (Node node : nodes) {
      dot.append("    ").append(Dot.quoted(vmId(node.name()))).append(" [label=<").append(vmTable(node))
          .append(">];\n");
    }
    dot.append("  }\n");
  }

  /**
   * What the edges of a host kind with several VMs join: a row per role, its first to its last instance and address.
   * (Graphviz can clip an edge at a kind's box instead, but 2.43 aborts on some such edges.)
   */
  private static String everyVmTable(Host host, List<Node> nodes) {
    StringBuilder t = new StringBuilder("<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\">");
    t.append("<tr><td colspan=\"2\" bgcolor=\"#f1e7d0\"><b>").append(Dot.html("every VM of " + host.name()))
        .append("</b></td></tr>");
    Node first = nodes.get(0);
    Node last = nodes.get(nodes.size() - 1);
    for (int i = 0; i < first.roles().size(); i++) {
      RoleInstance a = first.roles().get(i);
      RoleInstance z = last.roles().get(i);
      t.append("<tr><td port=\"").append(Dot.html(IN + a.role())).append("\" align=\"left\">")
          .append(Dot.html(a.name() + " to " + z.name())).append("</td><td port=\"")
          .append(Dot.html(OUT + a.role())).append("\" align=\"left\">")
          .append(Dot.html(a.address() + " to " + z.address())).append("</td></tr>");
    }
    return t.append("</table>").toString();
  }

  /** The VM as a table: its name, what it is for the outside, then a row per role instance, each a port for edges. */
  private String vmTable(Node node) {
    StringBuilder t = new StringBuilder("<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\">");
    t.append("<tr><td colspan=\"2\" bgcolor=\"#dde6f0\"><b>").append(Dot.html(node.name())).append("</b></td></tr>");
    List<String> notes = new ArrayList<>();
    if (node.roles().stream().anyMatch(r -> r.kind().jumpHost())) {
      notes.add("SSH jump host");
    }
    if (node.roles().stream().anyMatch(r -> r.kind().publicEntry())) {
      notes.add(cluster.externalNetwork().isPresent() ? "public entry (floating IP)" : "public entry");
    }
    if (!notes.isEmpty()) {
      t.append("<tr><td colspan=\"2\"><i>").append(Dot.html(String.join(", ", notes))).append("</i></td></tr>");
    }
    for (RoleInstance r : node.roles()) {
      t.append("<tr><td port=\"").append(Dot.html(IN + r.role())).append("\" align=\"left\">")
          .append(Dot.html(r.name())).append("<br/><font point-size=\"8\">").append(Dot.html(r.kind().title()))
          .append("</font></td><td port=\"").append(Dot.html(OUT + r.role())).append("\" align=\"left\">")
          .append(Dot.html(r.address().toString())).append("</td></tr>");
    }
    return t.append("</table>").toString();
  }

  /** An edge per rule and pair of roles it joins, each with the rule as its id (numbered from the second pair on). */
  private void edges(StringBuilder dot) {
    Map<String, Integer> seen = new HashMap<>();
    for (Map.Entry<Service, List<RuleSpec>> group : rules.entrySet()) {
      Service service = group.getKey();
      for (RuleSpec rule : group.getValue()) {
        String id = service.name() + ": " + rule.describe();
        for (Endpoint from : sources(rule)) {
          for (Role role : rolesOf(service)) {
            int n = seen.merge(id, 1, Integer::sum);
            edge(dot, from, endpoint(role), rule, n == 1 ? id : id + " [" + n + "]", service);
          }
        }
      }
    }
  }

  private void edge(StringBuilder dot, Endpoint from, Endpoint to, RuleSpec rule, String id, Service service) {
    boolean sameVm = from.vm().equals(to.vm());
    Map<String, String> a = new LinkedHashMap<>();
    a.put("id", id);
    // a loop's own label would lie on its twins' on the same VM; beside its arrow head, a little off the table, each
    // has a place of its own
    a.put(sameVm ? "headlabel" : "label", portLabel(service, rule));
    if (sameVm) {
      a.put("labeldistance", "2.5");
      a.put("labelangle", "35");
    }
    a.put("tooltip", rule.purpose().isEmpty() ? id : rule.purpose());
    boolean ssh = from.jump() && rule.protocol().equals("tcp") && rule.portMin() == SecurityRules.SSH;
    String colour = from.cidr() ? WORLD_COLOUR : ssh ? JUMP_COLOUR : "#333333";
    a.put("color", colour);
    a.put("fontcolor", colour);
    if (ssh) {
      a.put("style", "dashed");
    }
    // out of a row's right side into another node's row on its left, or round to the right side on the same node
    dot.append("  ").append(from.out()).append(" -> ").append(sameVm ? to.out() : to.in()).append(" [");
    String sep = "";
    for (Map.Entry<String, String> e : a.entrySet()) {
      dot.append(sep).append(e.getKey()).append('=').append(Dot.quoted(e.getValue()));
      sep = ", ";
    }
    dot.append("];\n");
  }

  /**
   * The port's name when the service names it (SSH's is every node's, named by most services), then
   * number/protocol: {@code amqp 5672/tcp}, {@code 22/tcp}.
   */
  private static String portLabel(Service service, RuleSpec rule) {
    String ports = rule.portMin() == rule.portMax() ? String.valueOf(rule.portMin())
        : rule.portMin() + "-" + rule.portMax();
    Optional<String> name = service.ports().stream()
        .filter(p -> p.protocol().equals(rule.protocol()) && p.number() == rule.portMin())
        .map(ServicePort::name).findFirst();
    return name.map(n -> n + " ").orElse("") + ports + "/" + rule.protocol();
  }

  private List<Endpoint> sources(RuleSpec rule) {
    if (rule.remoteCidr().isPresent()) {
      String id = Dot.quoted(cidrId(rule.remoteCidr().get()));
      return List.of(new Endpoint(id, id, id, true, false));
    }
    List<Endpoint> from = new ArrayList<>();
    for (Service s : rules.keySet()) {
      if (rule.remoteGroup().filter(SecurityRules.groupOf(s)::equals).isPresent()) {
        rolesOf(s).forEach(r -> from.add(endpoint(r)));
      }
    }
    return from;
  }

  private List<Role> rolesOf(Service service) {
    return cluster.roles().stream().filter(r -> r.kind().equals(service)).toList();
  }

  /** The row of {@code role} on the VM that carries it, or on its host kind's "every VM" table when it has several. */
  private Endpoint endpoint(Role role) {
    Node node = firstNode.get(role.name());
    if (node == null) {
      throw new IllegalStateException("role " + role.name() + " is on no node of cluster " + cluster.name());
    }
    boolean several = cluster.host(node.host()).map(h -> h.count() > 1).orElse(false);
    String id = Dot.quoted(several ? everyVmId(node.host()) : vmId(node.name()));
    return new Endpoint(id, id + ":" + Dot.quoted(IN + role.name()) + ":w",
        id + ":" + Dot.quoted(OUT + role.name()) + ":e", false, role.kind().jumpHost());
  }

  private static String vmId(String node) {
    return "vm " + node;
  }

  private static String everyVmId(String host) {
    return "every VM of " + host;
  }

  private static String hostId(String host) {
    // a subgraph is drawn as a box only when its name starts with "cluster"
    return "cluster host " + host;
  }

  private static String cidrId(String cidr) {
    return "from " + cidr;
  }

  /**
   * One end of an edge: its node's id, where an edge comes in (the left of a role's row) and goes out (its right), all
   * three the node's id for a CIDR; whether it is a CIDR, and whether it is the SSH jump host.
   */
  private record Endpoint(String vm, String in, String out, boolean cidr, boolean jump) {}
}
