package dev.stackwright.nodes.internal;

import dev.stackwright.model.Ipv4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rig's network, as the recipe lays it out: a namespace holding the bridge {@code br0} with the host side's
 * address, and per port a namespace whose {@code eth0} is a veth into the bridge and holds the port's addresses.
 * Nothing is ever linked to the machine's own namespace, so no 10.x address lives there and nothing routes out.
 */
public final class Network {
  private static final Pattern MAC = Pattern.compile("link/ether ([0-9a-f]{2}(?::[0-9a-f]{2}){5})");
  private final Names names;
  private final String bridgeAddress;
  private final int prefix;

  /** {@code bridgeAddress} such as {@code 10.0.255.254}, {@code prefix} the cluster network's (16). */
  public Network(Names names, String bridgeAddress, int prefix) {
    this.names = names;
    this.bridgeAddress = bridgeAddress;
    this.prefix = prefix;
  }

  public static boolean namespaceExists(String ns) {
    return Files.exists(Path.of("/run/netns", ns));
  }

  /** Makes the bridge's namespace unless it exists. */
  public void ensureBridge() {
    String ns = names.bridgeNamespace();
    if (namespaceExists(ns)) {
      return;
    }
    Host.ok("ip", "netns", "add", ns);
    Host.ok("ip", "-n", ns, "link", "set", "lo", "up");
    Host.ok("ip", "-n", ns, "link", "add", "br0", "type", "bridge");
    Host.ok("ip", "-n", ns, "addr", "add", bridgeAddress + "/" + prefix, "dev", "br0");
    Host.ok("ip", "-n", ns, "link", "set", "br0", "up");
  }

  /** Makes a port's namespace with its addresses; returns its MAC. Undoes itself when a step fails. */
  public String addPort(String ns, String cloudId, Collection<Ipv4Address> addresses) {
    ensureBridge();
    String veth = Names.veth(cloudId);
    try {
      Host.ok("ip", "netns", "add", ns);
      Host.ok("ip", "-n", names.bridgeNamespace(), "link", "add", veth, "type", "veth", "peer", "name", "eth0",
          "netns", ns);
      Host.ok("ip", "-n", names.bridgeNamespace(), "link", "set", veth, "master", "br0", "up");
      Host.ok("ip", "-n", ns, "link", "set", "lo", "up");
      keepSecondaries(ns);
      for (Ipv4Address a : addresses) {
        Host.ok("ip", "-n", ns, "addr", "add", a + "/" + prefix, "dev", "eth0");
      }
      Host.ok("ip", "-n", ns, "link", "set", "eth0", "up");
      return mac(ns);
    } catch (RuntimeException e) {
      removePort(ns, cloudId);
      throw e;
    }
  }

  /** Sets a port's addresses to exactly {@code wanted}. */
  public void setAddresses(String ns, Set<Ipv4Address> had, Set<Ipv4Address> wanted) {
    keepSecondaries(ns);
    for (Ipv4Address a : had) {
      if (!wanted.contains(a)) {
        Host.run(List.of("ip", "-n", ns, "addr", "del", a + "/" + prefix, "dev", "eth0"), null,
            java.time.Duration.ofSeconds(10));
      }
    }
    for (Ipv4Address a : wanted) {
      if (!had.contains(a)) {
        Host.ok("ip", "-n", ns, "addr", "add", a + "/" + prefix, "dev", "eth0");
      }
    }
  }

  /**
   * Linux drops every secondary address of a subnet with its primary unless told to promote one: without this,
   * removing a port's first address would remove all its others.
   */
  private static void keepSecondaries(String ns) {
    Host.ok("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv4.conf.all.promote_secondaries=1",
        "net.ipv4.conf.default.promote_secondaries=1");
  }

  /** Removes a port: its veth (so a container still in the namespace loses its link) and its namespace. */
  public void removePort(String ns, String cloudId) {
    Host.run(List.of("ip", "-n", names.bridgeNamespace(), "link", "del", Names.veth(cloudId)), null,
        java.time.Duration.ofSeconds(10));
    if (namespaceExists(ns)) {
      Host.ok("ip", "netns", "del", ns);
    }
  }

  /** Removes the bridge's namespace. */
  public void removeBridge() {
    if (namespaceExists(names.bridgeNamespace())) {
      Host.ok("ip", "netns", "del", names.bridgeNamespace());
    }
  }

  static String mac(String ns) {
    String out = Host.ok("ip", "-n", ns, "link", "show", "eth0");
    Matcher m = MAC.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no MAC in: " + out);
    }
    return m.group(1);
  }
}
