package dev.stackwright.dsl;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the role blocks meet the rest of the network plan: each block inside the network and its own, clear of the
 * DHCP pool (which hands out any address in it), and every instance's address clear of the gateway and of the
 * network's own addresses; and the gateway set, since Neutron would otherwise take the network's first address.
 */
final class AddressRules {
  static final int LAST_OFFSET = 254;

  private final Map<String, RolePlan> roles;
  private final NetworkRules.Plan net;
  private final Problems problems;
  private final Set<Ipv4Network> taken = new HashSet<>();
  private Optional<Ipv4Network> pool;

  private AddressRules(Map<String, RolePlan> roles, NetworkRules.Plan net, Problems problems) {
    this.roles = roles;
    this.net = net;
    this.problems = problems;
    this.pool = net.pool();
    roles.values().stream().filter(r -> r.block != null).forEach(r -> taken.add(r.block));
  }

  /** Checks every role block against the plan; {@code gateway} is the gateway as written, null when not set. */
  static void check(Map<String, RolePlan> roles, NetworkRules.Plan net, String gateway, Problems problems) {
    AddressRules rules = new AddressRules(roles, net, problems);
    Set<RolePlan> inPool = rules.checkPool();
    rules.checkGateway(gateway);
    Map<Ipv4Network, String> owners = new LinkedHashMap<>();
    for (RolePlan role : roles.values()) {
      if (role.block != null) {
        rules.checkBlock(role, owners, inPool.contains(role));
      }
    }
  }

  private static String pathOf(RolePlan role) {
    return role.path() + (role.dsl.subnet != null ? ".subnet" : ".address");
  }

  private static Object writtenOf(RolePlan role) {
    return role.dsl.subnet != null ? role.dsl.subnet : role.dsl.address;
  }

  /**
   * The pool over one block is that role's problem; over several, the pool's own (one problem, not one per role).
   * Returns the roles already told.
   */
  private Set<RolePlan> checkPool() {
    if (pool.isEmpty()) {
      return Set.of();
    }
    Ipv4Network p = pool.get();
    List<RolePlan> over = roles.values().stream().filter(r -> r.block != null && p.overlaps(r.block)).toList();
    if (over.size() > 1) {
      problems.problem("cluster.dhcpPool", net.pool().get(), "overlaps the blocks of " + over.stream()
          .map(RolePlan::path).toList() + ", whose addresses DHCP would hand to other ports",
          "choose a range clear of every role block, such as \"" + freePool() + "\"");
      pool = Optional.empty();
      return Set.of();
    }
    over.forEach(r -> problems.problem(pathOf(r), writtenOf(r), "overlaps the DHCP pool " + p + ", which may hand "
        + "the block's addresses to other ports", "choose a block outside the pool, such as \"" + freeBlock()
        + "\", or shrink the pool with cluster.dhcpPool(...)"));
    return Set.copyOf(over);
  }

  private void checkGateway(String written) {
    Optional<Ipv4Address> gateway = net.gateway();
    if (written == null && net.network().isPresent()) {
      Ipv4Address first = net.network().get().host(1);
      problems.missing("cluster.gateway", "is not set, so Neutron gives the subnet's first address, " + first
          + ", to the router" + ownerOf(first).map(o -> ": the address of " + o).orElse(""),
          "call cluster.gateway(\"" + freeAddress() + "\") with the subnet's gateway, an address no role "
              + "instance and no DHCP pool takes");
      return;
    }
    if (gateway.isPresent() && pool.filter(p -> p.contains(gateway.get())).isPresent()) {
      problems.problem("cluster.gateway", written, "lies in the DHCP pool " + pool.get() + ", which "
          + "the cloud refuses", "choose an address outside the pool, such as \"" + freeAddress() + "\"");
    }
  }

  private void checkBlock(RolePlan role, Map<Ipv4Network, String> owners, boolean poolTold) {
    String path = pathOf(role);
    Object written = writtenOf(role);
    String owner = owners.putIfAbsent(role.block, role.path());
    if (owner != null) {
      problems.problem(path, written, "is the block " + role.block + " of " + owner + " too",
          "give each role a /24 block of its own, such as \"" + freeBlock() + "\"");
    }
    Optional<Ipv4Network> network = net.network();
    if (network.isPresent() && !network.get().contains(role.block)) {
      problems.problem(path, written, "lies outside the cluster network " + network.get(),
          "choose a block inside it, such as \"" + freeBlock() + "\"");
      return;
    }
    int count = role.count();
    long last = (long) role.firstOffset + count - 1;
    if (count >= 1 && last > LAST_OFFSET) {
      int room = LAST_OFFSET - role.firstOffset + 1;
      problems.problem(role.path() + ".count", count, "instances do not fit in block " + role.block + " from "
          + "offset " + role.firstOffset + ", which has room for " + room, "lower the count to " + room
          + " or less, start the block lower, or split the instances into two roles with blocks of their own");
      return;
    }
    if (!poolTold) {
      checkInstances(role, path, written);
    }
  }

  private void checkInstances(RolePlan role, String path, Object written) {
    Optional<Ipv4Network> network = net.network();
    for (int i = 1; i <= role.count(); i++) {
      Ipv4Address a = role.block.host(role.firstOffset + i - 1);
      String what = "instance " + i + " of " + role.path() + " at " + a;
      if (network.isPresent() && (a.equals(network.get().address()) || a.equals(network.get().broadcast()))) {
        problems.problem(path, written, "puts " + what + " on the network's " + (a.equals(network.get().address())
            ? "network" : "broadcast") + " address", "choose another block or offset");
        return;
      }
      if (net.gateway().isPresent() && a.equals(net.gateway().get())) {
        problems.problem(path, written, "puts " + what + " on the gateway address", "start the block at another "
            + "offset, or move the gateway with cluster.gateway(...)");
        return;
      }
    }
  }

  /** A /24 to suggest for the pool: the highest block below the broadcast's that no role or gateway uses. */
  private String freePool() {
    Ipv4Network n = net.network().orElse(Ipv4Network.parse("10.0.0.0/16"));
    long blocks = Math.max(1, n.size() / 256);
    for (long i = blocks - 2; i >= 1; i--) {
      Ipv4Network candidate = Ipv4Network.blockOf(n.host((int) (i * 256)));
      if (!taken.contains(candidate) && !net.gateway().filter(candidate::contains).isPresent()) {
        return candidate.toString();
      }
    }
    return n.address().octet(1) + "." + n.address().octet(2) + ".N.0/24";
  }

  /** The role instance at {@code address}, if one is there. */
  private Optional<String> ownerOf(Ipv4Address address) {
    for (RolePlan r : roles.values()) {
      if (r.block != null && r.block.contains(address)) {
        int offset = address.octet(4) - r.firstOffset + 1;
        if (offset >= 1 && offset <= r.count()) {
          return Optional.of("instance " + offset + " of " + r.path());
        }
      }
    }
    return Optional.empty();
  }

  /** An address to suggest for the gateway: .254 of a block, used by no instance, outside the pool. */
  private String freeAddress() {
    Ipv4Network n = net.network().orElse(Ipv4Network.parse("10.0.0.0/16"));
    long blocks = Math.max(1, n.size() / 256);
    for (long i = 0; i < blocks; i++) {
      Ipv4Address candidate = n.host((int) (i * 256 + 254));
      boolean inPool = pool.filter(p -> p.contains(candidate)).isPresent();
      if (!inPool && ownerOf(candidate).isEmpty() && !net.gateway().filter(candidate::equals).isPresent()) {
        return candidate.toString();
      }
    }
    return n.host(254).toString();
  }

  /**
   * A /24 block to suggest in a fix: inside the network, used by no role, clear of the DHCP pool and of the gateway,
   * so following the advice cannot lead to the next problem. The network's first block comes last, since its first
   * address is the network's own.
   */
  private String freeBlock() {
    Ipv4Network n = net.network().orElse(Ipv4Network.parse("10.0.0.0/16"));
    long blocks = Math.max(1, n.size() / 256);
    for (long i = 1; i <= blocks; i++) {
      Ipv4Network candidate = Ipv4Network.blockOf(n.host((int) ((i % blocks) * 256)));
      boolean inPool = net.pool().filter(p -> p.overlaps(candidate)).isPresent();
      boolean hasGateway = net.gateway().filter(candidate::contains).isPresent();
      if (!taken.contains(candidate) && !inPool && !hasGateway) {
        return candidate.blockPrefix();
      }
    }
    return n.address().octet(1) + "." + n.address().octet(2) + ".N";
  }
}
