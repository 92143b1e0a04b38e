package dev.stackwright.dsl;

import dev.stackwright.model.Host;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Names;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every name /etc/hosts gives an address (a node's host name, each role instance's name, a single-instance role's own
 * name) must stand for one address: a role "server-all" carried elsewhere would make "server-all-1" both the node
 * server_all-1 and the role's first instance. Names are compared as host names, '_' being '-'.
 */
final class HostNames {
  private final Problems problems;
  private final Map<String, Ipv4Address> addresses = new HashMap<>();
  private final Map<String, String> owners = new HashMap<>();
  private final Set<String> reported = new HashSet<>();

  private HostNames(Problems problems) {
    this.problems = problems;
  }

  static void check(Map<String, RolePlan> roles, List<Host> hosts, Problems problems) {
    HostNames names = new HostNames(problems);
    for (Host h : hosts) {
      List<RolePlan> carried = h.roles().stream().map(roles::get).toList();
      boolean placed = carried.stream().allMatch(r -> r != null && r.nameOk && r.block != null
          && (long) r.firstOffset + h.count() - 1 <= AddressRules.LAST_OFFSET);
      if (placed) {
        names.claimAll(h, carried);
      }
    }
  }

  private void claimAll(Host h, List<RolePlan> carried) {
    for (int i = 1; i <= h.count(); i++) {
      Ipv4Address primary = carried.get(0).block.host(carried.get(0).firstOffset + i - 1);
      claim(Names.hostname(h.name() + "-" + i), primary, "host[" + h.name() + "]", h.name());
      for (RolePlan r : carried) {
        Ipv4Address a = r.block.host(r.firstOffset + i - 1);
        claim(Names.hostname(r.name() + "-" + i), a, r.path(), r.name());
        if (h.count() == 1) {
          claim(Names.hostname(r.name()), a, r.path(), r.name());
        }
      }
    }
  }

  private void claim(String name, Ipv4Address address, String path, String written) {
    Ipv4Address earlier = addresses.putIfAbsent(name, address);
    String owner = owners.putIfAbsent(name, path);
    if (earlier != null && !earlier.equals(address) && !owner.equals(path) && reported.add(owner + " " + path)) {
      problems.problem(path, written, "gives the host name \"" + name + "\" to " + address + ", which " + owner
          + " gives to " + earlier + ", so /etc/hosts would send one name to two machines", "rename one of them, "
          + "such as \"" + written + "2\"");
    }
  }
}
