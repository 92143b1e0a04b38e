package dev.stackwright.nodes.internal;

import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.model.Ipv4Address;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Security groups enforced as a cloud does: each port's namespace gets an nftables table whose input chain drops
 * everything but replies, loopback, and what the port's groups allow (a protocol and ports from a CIDR, or from the
 * addresses of the ports in a remote group). A port without groups takes nothing in, as on Neutron with port
 * security. Egress is left open, the groups' default. The table is replaced whole, in one nft transaction.
 */
public final class Firewall {
  static final String TABLE = "stackwright";

  private Firewall() {}

  /** The nft script that sets {@code port}'s table, given {@code all} the rig's entries. */
  public static String script(Entry port, Collection<Entry> all) {
    StringBuilder b = new StringBuilder()
        .append("table inet ").append(TABLE).append(" {}\n")
        .append("delete table inet ").append(TABLE).append('\n')
        .append("table inet ").append(TABLE).append(" {\n")
        .append("  chain input {\n")
        .append("    type filter hook input priority 0; policy drop;\n")
        .append("    ct state established,related accept\n")
        .append("    iif \"lo\" accept\n");
    for (Entry group : groupsOf(port, all)) {
      SecurityGroupSpec g = (SecurityGroupSpec) group.spec();
      for (RuleSpec r : g.rules()) {
        line(r, group, all).ifPresent(l -> b.append("    ").append(l).append(" comment \"")
            .append(comment(g.name() + ": " + r)).append("\"\n"));
      }
    }
    return b.append("  }\n}\n").toString();
  }

  /** One rule as an nft statement; empty when its remote group holds no address yet (nothing to allow). */
  static Optional<String> line(RuleSpec r, Entry group, Collection<Entry> all) {
    String source;
    if (r.remoteCidr().isPresent()) {
      String cidr = r.remoteCidr().get();
      if (cidr.contains(":")) {
        return Optional.empty(); // the rig's network is IPv4 only
      }
      source = cidr.equals("0.0.0.0/0") ? "" : "ip saddr " + cidr + " ";
    } else {
      List<String> members = members(r.remoteGroup().orElseThrow(), group, all);
      if (members.isEmpty()) {
        return Optional.empty();
      }
      source = "ip saddr { " + String.join(", ", members) + " } ";
    }
    String proto = r.protocol().toLowerCase(java.util.Locale.ROOT);
    String ports = r.portMin() == r.portMax() ? String.valueOf(r.portMin()) : r.portMin() + "-" + r.portMax();
    boolean allPorts = r.portMin() == 0 && r.portMax() == 0 || r.portMin() == 1 && r.portMax() == 65535;
    String what = switch (proto) {
      case "tcp", "udp" -> allPorts ? "meta l4proto " + proto : proto + " dport " + ports;
      case "icmp" -> "meta l4proto icmp";
      case "any", "" -> "";
      default -> "meta l4proto " + proto;
    };
    return Optional.of((source + what).strip() + " accept");
  }

  /** The addresses of the ports in the group {@code remote} names, in the cluster that made {@code group}. */
  private static List<String> members(ResourceId remote, Entry group, Collection<Entry> all) {
    Optional<Entry> remoteGroup = all.stream().filter(e -> e.spec() instanceof SecurityGroupSpec
        && e.cluster().equals(group.cluster()) && e.id().equals(Optional.of(remote))).findFirst();
    if (remoteGroup.isEmpty()) {
      return List.of();
    }
    String gid = remoteGroup.get().cloudId();
    return all.stream().filter(e -> e.spec() instanceof PortSpec && e.refs().contains(gid))
        .flatMap(e -> ((PortSpec) e.spec()).fixedIps().stream()).map(Ipv4Address::toString)
        .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
  }

  private static List<Entry> groupsOf(Entry port, Collection<Entry> all) {
    return all.stream().filter(e -> e.spec() instanceof SecurityGroupSpec && port.refs().contains(e.cloudId()))
        .sorted(java.util.Comparator.comparing(Entry::cloudId)).toList();
  }

  private static String comment(String text) {
    String s = text.replaceAll("[^A-Za-z0-9 ._:/()=,+-]", "_");
    return s.length() > 120 ? s.substring(0, 120) : s;
  }

  /** Sets every port's table, for after any change to a port or a group. */
  public static void applyAll(Collection<Entry> all) {
    for (Entry e : all) {
      String ns = e.host().get("netns");
      if (e.spec() instanceof PortSpec && ns != null && Network.namespaceExists(ns)) {
        Host.okWithInput(script(e, all), "ip", "netns", "exec", ns, "nft", "-f", "-");
      }
    }
  }
}
