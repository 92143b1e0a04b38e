package dev.stackwright.dsl;

import dev.stackwright.dsl.CatalogueRules.Catalogue;
import dev.stackwright.Closest;
import dev.stackwright.model.Host;
import dev.stackwright.model.Names;
import dev.stackwright.model.UserDataPolicy;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The hosts: a role with its own flavour makes one, {@code cluster.host(...)} makes one that carries several roles.
 * Each host has a name of its own, a flavour and image of the catalogue and a count; each role is on exactly one host.
 * A host whose own values were refused still places the roles it carries, so they are not also "on no host".
 */
final class HostRules {
  private final ClusterDsl dsl;
  private final Map<String, RolePlan> roles;
  private final Catalogue catalogue;
  private final Problems problems;
  private final Map<String, String> byName = new LinkedHashMap<>();
  private final Map<String, String> byHostname = new LinkedHashMap<>();
  private final Set<String> declared = new LinkedHashSet<>();

  private HostRules(ClusterDsl dsl, Map<String, RolePlan> roles, Catalogue catalogue, Problems problems) {
    this.dsl = dsl;
    this.roles = roles;
    this.catalogue = catalogue;
    this.problems = problems;
  }

  static List<Host> of(ClusterDsl dsl, Map<String, RolePlan> roles, Catalogue catalogue, Problems problems) {
    HostRules rules = new HostRules(dsl, roles, catalogue, problems);
    Map<Integer, Host> hosts = new TreeMap<>();
    roles.values().forEach(r -> rules.roleHost(r).ifPresent(h -> hosts.put(r.dsl.order, h)));
    dsl.hosts.forEach(h -> rules.host(h).ifPresent(host -> hosts.put(h.order, host)));
    rules.checkPlacement();
    return List.copyOf(hosts.values());
  }

  /** The host a role with its own flavour makes, named after it. */
  private Optional<Host> roleHost(RolePlan role) {
    RoleDsl r = role.dsl;
    if (r.flavor == null) {
      if (r.image != null) {
        problems.problem(role.path() + ".image", r.image, "is set on a role without its own flavour",
            "set the image on the host that carries the role");
      }
      if (r.userDataPolicy != null) {
        problems.problem(role.path() + ".onUserDataChange", r.userDataPolicy, "is set on a role without its own "
            + "flavour", "set it on the host that carries the role");
      }
      return Optional.empty();
    }
    role.placedOn = "its own VMs (flavor \"" + r.flavor + "\")";
    if (r.count != null && r.count < 1) {
      problems.problem(role.path() + ".count", r.count, "must be at least 1", "call .count(1) or more, or remove "
          + "the role");
      role.valid = false;
    }
    role.count = r.count;
    if (!role.nameOk) {
      return Optional.empty();
    }
    String path = role.path();
    boolean ok = registerHostName(r.name, path);
    ok &= checkFlavor(path + ".flavor", r.flavor);
    ok &= checkImage(path + ".image", r.image);
    if (!ok || !role.valid || role.count() < 1) {
      return Optional.empty();
    }
    return Optional.of(host(r.name, r.flavor, r.image, role.count(), List.of(r.name), r.userDataPolicy));
  }

  private Optional<Host> host(HostDsl h) {
    String path = "host[" + h.name + "]";
    if (h.name != null && !declared.add(h.name)) {
      twice(h, path);
      return Optional.empty();
    }
    boolean ok = Texts.machineName(problems, path, h.name, "pool");
    ok = ok && registerHostName(h.name, path);
    if (h.flavor == null) {
      problems.missing(path + ".flavor", "is not set", "call .flavor(...) with one of "
          + catalogue.flavors().keySet());
      ok = false;
    } else {
      ok &= checkFlavor(path + ".flavor", h.flavor);
    }
    ok &= checkImage(path + ".image", h.image);
    int count = h.count == null ? 1 : h.count;
    if (count < 1) {
      problems.problem(path + ".count", count, "must be at least 1", "call .count(1) or more, or remove the host");
      ok = false;
    }
    ok &= checkCarried(h, path, count);
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(host(h.name, h.flavor, h.image, count, List.copyOf(new LinkedHashSet<>(h.roles)),
        h.userDataPolicy));
  }

  /**
   * A second {@code cluster.host(name)}: one problem, the declaration's own, and its roles taken as placed (on the
   * first), so they are not also on two hosts or on none.
   */
  private void twice(HostDsl h, String path) {
    problems.missing(path, "is declared twice: each cluster.host(\"" + h.name + "\") declares a new host, and this "
        + "name has one already", "declare each host once: list every role it carries in the one declaration's "
        + ".carries(...), or keep the HostDsl that host(\"" + h.name + "\") returns and call .carries(...) on it");
    for (String name : h.roles) {
      RolePlan role = name == null ? null : roles.get(name);
      if (role != null && role.placedOn == null) {
        role.placedOn = path;
        role.valid = false;
      }
    }
  }

  private boolean checkCarried(HostDsl h, String path, int count) {
    if (h.roles.isEmpty()) {
      problems.missing(path + ".carries", "is empty, so the host has no purpose",
          "list its roles with .carries(\"appserver\", ...)");
      return false;
    }
    boolean ok = true;
    Set<String> seen = new LinkedHashSet<>();
    for (String name : h.roles) {
      if (!seen.add(name)) {
        problems.problem(path + ".carries", name, "lists the role twice", "list each role once");
        ok = false;
        continue;
      }
      ok &= carry(h, path, count, name);
    }
    if (h.name != null && roles.containsKey(h.name) && !h.roles.contains(h.name)) {
      problems.problem(path, h.name, "has the name of role[" + h.name + "] but does not carry it, so its host "
          + "names would clash with the role's", "rename the host, or let it carry role \"" + h.name + "\"");
      ok = false;
    }
    return ok;
  }

  private boolean carry(HostDsl h, String path, int count, String name) {
    RolePlan role = roles.get(name);
    if (role == null) {
      problems.problem(path + ".carries", name, "is not a declared role" + Closest.hint(name, roles.keySet()),
          "declare it with cluster.role(\"" + name + "\").subnet(...), or carry one of " + roles.keySet());
      return false;
    }
    if (role.placedOn != null) {
      problems.problem(role.path(), name, "is placed on two hosts: " + role.placedOn + " and host[" + h.name + "]",
          "place each role on one host: drop .flavor(...) from the role, or remove it from one host's "
              + "carries(...)");
      return false;
    }
    role.placedOn = "host[" + h.name + "]";
    if (role.dsl.count != null && role.dsl.count != count) {
      problems.problem(role.path() + ".count", role.dsl.count, "differs from the " + count + " VMs of host["
          + h.name + "] that carries it", "set the count on the host: cluster.host(\"" + h.name + "\").count("
          + role.dsl.count + "), and drop it from the role");
      return false;
    }
    role.count = count;
    return role.valid;
  }

  private boolean registerHostName(String name, String path) {
    String earlier = byName.putIfAbsent(name, path);
    if (earlier != null) {
      problems.problem(path, name, "makes VMs named like those of " + earlier,
          "give every host a name of its own (a role with .flavor(...) makes a host of its own name)");
      return false;
    }
    String hostname = Names.hostname(name);
    String clash = byHostname.putIfAbsent(hostname, path);
    if (clash != null) {
      problems.problem(path, name, "boots with the same host names as " + clash + " (\"" + hostname + "-1\"), "
          + "since '_' becomes '-' in a host name", "rename one of them");
      return false;
    }
    return true;
  }

  /** A flavour of the catalogue; one declared but refused was reported already. */
  private boolean checkFlavor(String path, String flavor) {
    if (catalogue.flavors().containsKey(flavor)) {
      return true;
    }
    if (!catalogue.declaredFlavors().contains(flavor)) {
      Set<String> known = catalogue.flavors().keySet();
      problems.problem(path, flavor, "is not in the flavour catalogue " + known + Closest.hint(flavor, known),
          "declare it with cluster.flavor(\"" + flavor + "\").vcpus(...).ramGb(...), or use one of the catalogue");
    }
    return false;
  }

  /** An image of the catalogue, or none (the default); one declared but refused was reported already. */
  private boolean checkImage(String path, String image) {
    if (image == null || catalogue.images().contains(image)) {
      return true;
    }
    if (!catalogue.declaredImages().contains(image)) {
      Set<String> known = catalogue.images();
      problems.problem(path, image, "is not one of the cluster's images " + known + Closest.hint(image, known),
          "declare it with cluster.image(\"" + image + "\"), or use one of them");
    }
    return false;
  }

  private static Host host(String name, String flavor, String image, int count, List<String> roles,
      UserDataPolicy policy) {
    return Host.builder().name(name).flavor(flavor).image(Optional.ofNullable(image)).count(count).roles(roles)
        .userDataPolicy(policy == null ? UserDataPolicy.RECONFIGURE : policy).build();
  }

  /** Every role on a host, and a single-instance kind (the controller) counted once. */
  private void checkPlacement() {
    for (RolePlan role : roles.values()) {
      if (role.placedOn == null) {
        problems.missing(role.path(), "is on no host, so nothing would run it", "give it VMs of its own with "
            + ".flavor(...), or list it in cluster.host(...).carries(\"" + role.name() + "\")");
        role.valid = false;
      }
      if (role.kind != null && role.kind.singleInstance() && role.count != null && role.count != 1) {
        problems.problem(role.path() + ".count", role.count, "must be 1: a cluster has "
            + (role.kind.required() ? "exactly" : "at most") + " one " + role.kind.title(),
            "use count 1 (on the role, or on the host that carries it)");
        role.valid = false;
      }
    }
  }
}
