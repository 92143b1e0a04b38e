package dev.stackwright.dsl;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The network plan's own values, each on its own: the network, the DHCP pool, the gateway and the admin range. How
 * they meet the role blocks is {@link AddressRules}' part.
 */
final class NetworkRules {
  /** The admin range is the addresses admins connect from; anything wider than a /8 is most of the internet. */
  static final int WIDEST_ADMIN_PREFIX = 8;
  /** Neutron's limit on a name. */
  static final int MAX_NETWORK_NAME = 255;
  private static final java.util.regex.Pattern OWNED_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_NETWORK_NAME - 1) + "}");

  private final ClusterDsl dsl;
  private final Problems problems;

  private NetworkRules(ClusterDsl dsl, Problems problems) {
    this.dsl = dsl;
    this.problems = problems;
  }

  /** What was understood of the network plan; an empty part was missing or refused. */
  record Plan(Optional<Ipv4Network> network, Optional<Ipv4Network> pool, Optional<Ipv4Address> gateway,
      boolean gatewayRefused, Optional<Ipv4Network> adminCidr) {}

  static Plan of(ClusterDsl dsl, Problems problems) {
    NetworkRules rules = new NetworkRules(dsl, problems);
    if (dsl.ownsNetwork) {
      ownedName(dsl.internalNetwork, problems);
    } else {
      Texts.text(problems, "cluster.internalNetwork", dsl.internalNetwork, "internal");
    }
    if (dsl.externalNetwork != null) {
      Texts.text(problems, "cluster.externalNetwork", dsl.externalNetwork, "public");
    }
    Optional<Ipv4Network> network = rules.network();
    Optional<Ipv4Network> pool = rules.pool(network);
    Optional<Ipv4Address> gateway = rules.gateway(network);
    boolean gatewayRefused = dsl.gateway != null && gateway.isEmpty();
    return new Plan(network, pool, gateway, gatewayRefused, rules.adminCidr());
  }

  /**
   * The name of a network the cluster makes: Neutron takes up to 255 characters of any kind, but the name is also
   * written into messages and the plan, so only letters, digits, '.', '_' and '-'.
   */
  private static void ownedName(String name, Problems problems) {
    if (name == null || name.isEmpty()) {
      problems.missing("cluster.ownNetwork", "is empty", "call cluster.ownNetwork() for \"<cluster>-internal\", or "
          + "give a name such as \"seed-internal\"");
    } else if (!OWNED_NAME.matcher(name).matches()) {
      problems.problem("cluster.ownNetwork", name, "is not a network name stackwright makes", "start with a letter or"
          + " digit, use only letters, digits, '.', '_' and '-', at most " + MAX_NETWORK_NAME + " characters, such as"
          + " \"seed-internal\"");
    }
  }

  /**
   * The DNS servers an owned subnet hands out: IPv4 addresses, each once. A used network's subnet is the cloud's,
   * with the DNS servers its owner gave it: naming others there would be a promise nobody keeps.
   */
  static List<Ipv4Address> dnsServers(ClusterDsl dsl, Problems problems) {
    List<Ipv4Address> servers = new ArrayList<>();
    if (!dsl.ownsNetwork && !dsl.dnsServers.isEmpty()) {
      problems.problem("cluster.dnsServers", dsl.dnsServers, "are handed out only by a network the cluster owns, "
          + "and network \"" + Texts.printable(dsl.internalNetwork) + "\" is an existing one the cluster uses",
          "call cluster.ownNetwork() so that the cluster makes its subnet with these DNS servers, or remove "
              + "cluster.dnsServers(...) and set them on the existing subnet");
      return servers;
    }
    for (int i = 0; i < dsl.dnsServers.size(); i++) {
      String text = dsl.dnsServers.get(i);
      String path = "cluster.dnsServers[" + i + "]";
      Optional<Ipv4Address> address = text == null ? Optional.empty() : Ipv4Address.tryParse(text);
      if (address.isEmpty()) {
        problems.problem(path, text, "is not an IPv4 address", "write it like \"10.0.0.1\"");
      } else if (servers.contains(address.get())) {
        problems.problem(path, text, "is named twice", "name each DNS server once");
      } else {
        servers.add(address.get());
      }
    }
    return servers;
  }

  private Optional<Ipv4Network> network() {
    if (dsl.network == null) {
      problems.missing("cluster.network", "is not set", "call cluster.network(\"10.0.0.0/16\")");
      return Optional.empty();
    }
    Optional<Ipv4Network> network = Ipv4Network.tryParse(dsl.network);
    if (network.isEmpty()) {
      problems.problem("cluster.network", dsl.network, "is not an IPv4 network in CIDR form with zero host bits",
          "write it like \"10.0.0.0/16\"");
    } else if (network.get().prefixLength() > 24) {
      problems.problem("cluster.network", dsl.network, "is smaller than one /24 role block",
          "use a network of /24 or larger, such as \"10.0.0.0/16\"");
      return Optional.empty();
    }
    return network;
  }

  private Optional<Ipv4Network> pool(Optional<Ipv4Network> network) {
    if (dsl.dhcpPool == null) {
      problems.missing("cluster.dhcpPool", "is not set", "call cluster.dhcpPool(\"10.0.254.0/24\") with a range "
          + "the cloud's DHCP may hand out, clear of every role block");
      return Optional.empty();
    }
    Optional<Ipv4Network> pool = Ipv4Network.tryParse(dsl.dhcpPool);
    if (pool.isEmpty()) {
      problems.problem("cluster.dhcpPool", dsl.dhcpPool, "is not an IPv4 network in CIDR form with zero host bits",
          "write it like \"10.0.254.0/24\"");
    } else if (network.isPresent() && !network.get().contains(pool.get())) {
      problems.problem("cluster.dhcpPool", dsl.dhcpPool, "lies outside the cluster network " + network.get(),
          "choose a range inside it, such as \"" + network.get().host(254 * 256) + "/24\"");
      return Optional.empty();
    }
    return pool;
  }

  /** The gateway's own form; whether it is set at all, and clear of the pool, needs the blocks (AddressRules). */
  private Optional<Ipv4Address> gateway(Optional<Ipv4Network> network) {
    if (dsl.gateway == null) {
      return Optional.empty();
    }
    Optional<Ipv4Address> gateway = Ipv4Address.tryParse(dsl.gateway);
    if (gateway.isEmpty()) {
      problems.problem("cluster.gateway", dsl.gateway, "is not an IPv4 address",
          "write four numbers such as \"10.0.0.254\"");
      return gateway;
    }
    if (network.isPresent() && !network.get().contains(gateway.get())) {
      problems.problem("cluster.gateway", dsl.gateway, "lies outside the cluster network " + network.get(),
          "choose an address inside it that no role block uses, such as \"" + network.get().host(254) + "\"");
      return Optional.empty();
    }
    if (network.isPresent() && (gateway.get().equals(network.get().address())
        || gateway.get().equals(network.get().broadcast()))) {
      problems.problem("cluster.gateway", dsl.gateway, "is the network's own network or broadcast address",
          "choose a host address such as \"" + network.get().host(254) + "\"");
      return Optional.empty();
    }
    return gateway;
  }

  private Optional<Ipv4Network> adminCidr() {
    if (dsl.adminCidr == null) {
      return Optional.empty();
    }
    Optional<Ipv4Network> parsed = Ipv4Network.tryParse(dsl.adminCidr);
    if (parsed.isEmpty()) {
      problems.problem("cluster.adminCidr", dsl.adminCidr, "is not an IPv4 network in CIDR form with zero host "
          + "bits", "write it like \"192.0.2.0/24\" (or \"192.0.2.10/32\" for one address)");
    } else if (parsed.get().prefixLength() < WIDEST_ADMIN_PREFIX) {
      problems.problem("cluster.adminCidr", dsl.adminCidr, "opens SSH and the controller's admin pages to "
          + parsed.get().size() + " addresses, most of the internet", "give the addresses admins connect from, /"
          + WIDEST_ADMIN_PREFIX + " or narrower, such as \"192.0.2.0/24\"; open more on purpose with "
          + "Engine.Builder.rule(...)");
      return Optional.empty();
    }
    return parsed;
  }
}
