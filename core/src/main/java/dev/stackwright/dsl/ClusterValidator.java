package dev.stackwright.dsl;

import dev.stackwright.InvalidClusterException;
import dev.stackwright.Problem;
import dev.stackwright.internal.Closest;
import dev.stackwright.internal.SafeText;
import dev.stackwright.model.Application;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Flavor;
import dev.stackwright.model.Host;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.model.Names;
import dev.stackwright.model.Quota;
import dev.stackwright.model.Role;
import dev.stackwright.model.RoleKind;
import dev.stackwright.model.UserDataPolicy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a whole cluster definition and reports every problem at once; builds the model only when there are none.
 * Nothing here throws on bad input except the one {@link InvalidClusterException} at the end.
 */
final class ClusterValidator {
  /** Room for "-NNN" after a name, within the 63 characters of a DNS label. */
  private static final int MAX_NAME = 50;
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
  private static final Pattern WSGI = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*:[A-Za-z_][A-Za-z0-9_.()]*");
  private static final Pattern PYTHON_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:]*");
  private static final String STANDARD_CLASS = "standard";
  private static final int LAST_OFFSET = 254;

  private final ClusterDsl dsl;
  private final List<Problem> problems = new ArrayList<>();

  ClusterValidator(ClusterDsl dsl) {
    this.dsl = dsl;
  }

  Cluster build() {
    checkName("cluster.name", dsl.name, "seed");
    Optional<Ipv4Network> network = networkOf();
    Optional<Ipv4Network> pool = dhcpPoolOf(network);
    Optional<Ipv4Address> gateway = gatewayOf(network, pool);
    Optional<Ipv4Network> adminCidr = optionalNetwork("cluster.adminCidr", dsl.adminCidr);
    checkText("cluster.internalNetwork", dsl.internalNetwork, "internal");
    if (dsl.externalNetwork != null) {
      checkText("cluster.externalNetwork", dsl.externalNetwork, "public");
    }
    Set<String> images = imagesOf();
    Map<String, Flavor> flavors = flavorsOf();
    Map<String, RolePlan> roles = rolesOf();
    List<Host> hosts = hostsOf(roles, flavors, images);
    checkPlacement(roles);
    checkAddresses(roles, network, pool, gateway);
    checkHostNames(roles, hosts);
    checkDependencies(roles);
    Optional<Application> application = applicationOf(roles);
    Optional<Quota> quota = quotaOf(hosts, flavors);
    if (!problems.isEmpty()) {
      throw new InvalidClusterException(dsl.name == null ? "(unnamed)" : printableName(dsl.name), problems);
    }
    Cluster.Builder cluster = Cluster.builder().name(dsl.name).network(network.orElseThrow())
        .dhcpPool(pool.orElseThrow()).gateway(gateway).internalNetworkName(dsl.internalNetwork)
        .defaultImage(dsl.defaultImage).addAllImages(images).addAllFlavors(flavors.values())
        .addAllHosts(hosts).application(application).adminCidr(adminCidr)
        .externalNetwork(Optional.ofNullable(dsl.externalNetwork)).quota(quota);
    roles.values().forEach(r -> cluster.addRoles(r.toRole()));
    return cluster.build();
  }

  private static String printableName(String name) {
    return SafeText.firstUnsafe(name).isPresent() ? name.replaceAll("[^A-Za-z0-9_.-]", "?") : name;
  }

  private void problem(String path, Object value, String message, String fix) {
    problems.add(Problem.of(path, value, message, fix));
  }

  private void missing(String path, String message, String fix) {
    problems.add(Problem.missing(path, message, fix));
  }

  // ---- names and text ----

  /** A name that becomes part of host names, resource names and config files. */
  private boolean checkName(String path, String name, String example) {
    if (name == null || name.isEmpty()) {
      missing(path, "is empty", "give it a name such as \"" + example + "\"");
      return false;
    }
    Optional<String> unsafe = SafeText.firstUnsafe(name);
    if (unsafe.isPresent()) {
      problem(path, name, "contains " + unsafe.get() + ", which would break the config files it is written into",
          "use lower-case letters, digits, '-' and '_', such as \"" + example + "\"");
      return false;
    }
    if (!NAME.matcher(name).matches() || name.length() > MAX_NAME || name.endsWith("-") || name.endsWith("_")) {
      problem(path, name, "is not a valid DNS label once '_' becomes '-'",
          "start with a lower-case letter, use only lower-case letters, digits, '-' and '_', end with a letter or "
              + "digit, at most " + MAX_NAME + " characters, such as \"" + example + "\"");
      return false;
    }
    return true;
  }

  /** A value written into a config file as it is: an image name, a URL, a path. */
  private boolean checkText(String path, String value, String example) {
    if (value == null || value.isBlank()) {
      missing(path, "is empty", "set it, such as \"" + example + "\"");
      return false;
    }
    Optional<String> unsafe = SafeText.firstUnsafe(value);
    if (unsafe.isPresent()) {
      problem(path, value, "contains " + unsafe.get() + ", which would break the config files it is written into",
          "remove it; such as \"" + example + "\"");
      return false;
    }
    return true;
  }

  // ---- the network plan ----

  private Optional<Ipv4Network> networkOf() {
    if (dsl.network == null) {
      missing("cluster.network", "is not set", "call cluster.network(\"10.0.0.0/16\")");
      return Optional.empty();
    }
    Optional<Ipv4Network> network = Ipv4Network.tryParse(dsl.network);
    if (network.isEmpty()) {
      problem("cluster.network", dsl.network, "is not an IPv4 network in CIDR form with zero host bits",
          "write it like \"10.0.0.0/16\"");
    } else if (network.get().prefixLength() > 24) {
      problem("cluster.network", dsl.network, "is smaller than one /24 role block",
          "use a network of /24 or larger, such as \"10.0.0.0/16\"");
      return Optional.empty();
    }
    return network;
  }

  private Optional<Ipv4Network> dhcpPoolOf(Optional<Ipv4Network> network) {
    if (dsl.dhcpPool == null) {
      missing("cluster.dhcpPool", "is not set", "call cluster.dhcpPool(\"10.0.254.0/24\") with a range the cloud's "
          + "DHCP may hand out, clear of every role block");
      return Optional.empty();
    }
    Optional<Ipv4Network> pool = Ipv4Network.tryParse(dsl.dhcpPool);
    if (pool.isEmpty()) {
      problem("cluster.dhcpPool", dsl.dhcpPool, "is not an IPv4 network in CIDR form with zero host bits",
          "write it like \"10.0.254.0/24\"");
    } else if (network.isPresent() && !network.get().contains(pool.get())) {
      problem("cluster.dhcpPool", dsl.dhcpPool, "lies outside the cluster network " + network.get(),
          "choose a range inside it, such as \"" + network.get().host(254 * 256).toString() + "/24\"");
      return Optional.empty();
    }
    return pool;
  }

  private Optional<Ipv4Address> gatewayOf(Optional<Ipv4Network> network, Optional<Ipv4Network> pool) {
    if (dsl.gateway == null) {
      return Optional.empty();
    }
    Optional<Ipv4Address> gateway = Ipv4Address.tryParse(dsl.gateway);
    if (gateway.isEmpty()) {
      problem("cluster.gateway", dsl.gateway, "is not an IPv4 address", "write four numbers such as \"10.0.0.254\"");
      return gateway;
    }
    network.ifPresent(n -> {
      if (!n.contains(gateway.get())) {
        problem("cluster.gateway", dsl.gateway, "lies outside the cluster network " + n,
            "choose an address inside it that no role block uses, such as \"" + n.host(254) + "\"");
      } else if (gateway.get().equals(n.address()) || gateway.get().equals(n.broadcast())) {
        problem("cluster.gateway", dsl.gateway, "is the network's own network or broadcast address",
            "choose a host address such as \"" + n.host(254) + "\"");
      }
    });
    pool.filter(p -> p.contains(gateway.get())).ifPresent(p -> problem("cluster.gateway", dsl.gateway,
        "lies in the DHCP pool " + p + ", which the cloud refuses", "choose an address outside the pool"));
    return gateway;
  }

  private Optional<Ipv4Network> optionalNetwork(String path, String cidr) {
    if (cidr == null) {
      return Optional.empty();
    }
    Optional<Ipv4Network> parsed = Ipv4Network.tryParse(cidr);
    if (parsed.isEmpty()) {
      problem(path, cidr, "is not an IPv4 network in CIDR form with zero host bits",
          "write it like \"192.0.2.0/24\" (or \"192.0.2.10/32\" for one address)");
    }
    return parsed;
  }

  private Set<String> imagesOf() {
    Set<String> images = new LinkedHashSet<>();
    if (dsl.defaultImage == null) {
      missing("cluster.defaultImage", "is not set", "call cluster.defaultImage(\"debian-9.2\") with an image the "
          + "cloud has");
    } else if (checkText("cluster.defaultImage", dsl.defaultImage, "debian-9.2")) {
      images.add(dsl.defaultImage);
    }
    for (String image : dsl.images) {
      if (checkText("cluster.image[" + images.size() + "]", image, "debian-12")) {
        images.add(image);
      }
    }
    return images;
  }

  // ---- flavours ----

  private Map<String, Flavor> flavorsOf() {
    dsl.cpuWeights.forEach((cls, weight) -> {
      checkText("cluster.cpuWeight[" + cls + "]", cls, "server");
      if (!(weight > 0) || weight.isInfinite()) {
        problem("cluster.cpuWeight[" + cls + "]", weight, "is not a positive number",
            "give the weight one vCPU of class " + cls + " counts, such as 0.5");
      }
    });
    Map<String, Flavor> flavors = new LinkedHashMap<>();
    for (FlavorDsl f : dsl.flavors) {
      String path = "flavor[" + f.name + "]";
      if (!checkText(path, f.name, "hpc")) {
        continue;
      }
      boolean ok = true;
      if (flavors.containsKey(f.name)) {
        missing(path, "is declared twice", "declare each flavour once");
        ok = false;
      }
      if (f.vcpus == null) {
        missing(path + ".vcpus", "is not set", "call .vcpus(2)");
        ok = false;
      } else if (f.vcpus < 1) {
        problem(path + ".vcpus", f.vcpus, "must be at least 1", "call .vcpus(1) or more");
        ok = false;
      }
      if (f.ramMb == null) {
        missing(path + ".ram", "is not set", "call .ramGb(2) or .ramMb(2048)");
        ok = false;
      } else if (f.ramMb < 1) {
        problem(path + ".ram", f.ramWritten, "must be positive", "call .ramGb(1) or more");
        ok = false;
      } else if (f.ramMb > Integer.MAX_VALUE) {
        problem(path + ".ram", f.ramWritten, "is more than a flavour can have (" + Integer.MAX_VALUE + " MB)",
            "call .ramGb(...) with at most " + Integer.MAX_VALUE / 1024 + ", the size of the cloud's flavour");
        ok = false;
      }
      String cls = f.cpuClass == null ? STANDARD_CLASS : f.cpuClass;
      Double weight = dsl.cpuWeights.get(cls);
      if (weight == null && cls.equals(STANDARD_CLASS)) {
        weight = 1.0;
      }
      if (weight == null) {
        problem(path + ".cpuClass", cls, "has no weight" + Closest.hint(cls, dsl.cpuWeights.keySet()),
            "declare it with cluster.cpuWeight(\"" + cls + "\", 1.0), or use one of " + dsl.cpuWeights.keySet());
        ok = false;
      }
      if (ok) {
        flavors.put(f.name, Flavor.builder().name(f.name).vcpus(f.vcpus).ramMb(f.ramMb.intValue()).cpuClass(cls)
            .cpuWeight(weight).build());
      }
    }
    return flavors;
  }

  // ---- roles ----

  /** A role as far as it could be understood; fields are null where the input was bad. */
  private static final class RolePlan {
    final RoleDsl dsl;
    RoleKind kind;
    Ipv4Network block;
    int firstOffset = 1;
    Integer count;
    String placedOn;
    boolean valid = true;

    RolePlan(RoleDsl dsl) {
      this.dsl = dsl;
    }

    String path() {
      return "role[" + dsl.name + "]";
    }

    int count() {
      return count == null ? 1 : count;
    }

    Role toRole() {
      Role.Builder role = Role.builder().name(dsl.name).kind(kind).block(block).firstOffset(firstOffset)
          .count(count());
      if (dsl.processes != null) {
        role.processes(dsl.processes);
      }
      return role.build();
    }
  }

  private Map<String, RolePlan> rolesOf() {
    Map<String, RolePlan> roles = new LinkedHashMap<>();
    for (RoleDsl r : dsl.roles) {
      RolePlan plan = new RolePlan(r);
      String path = plan.path();
      if (!checkName(path, r.name, "worker")) {
        continue;
      }
      if (roles.containsKey(r.name)) {
        missing(path, "is declared twice", "declare each role once and keep the RoleDsl that role(\"" + r.name
            + "\") returns");
        continue;
      }
      roles.put(r.name, plan);
      plan.kind = r.kind != null ? r.kind : RoleKind.byId(r.name).orElse(null);
      if (plan.kind == null) {
        problem(path + ".kind", r.name, "is not a role kind" + Closest.hint(r.name, kindIds()),
            "name the role one of " + RoleKind.ids() + ", or say what it is with .kind(RoleKind.WORKER)");
        plan.valid = false;
      }
      blockOf(plan);
      if (r.processes != null && r.processes < 1) {
        problem(path + ".processes", r.processes, "must be at least 1", "call .processes(1) or more, or leave it "
            + "unset to derive it from the VM's vCPUs");
      }
    }
    return roles;
  }

  private static List<String> kindIds() {
    List<String> ids = new ArrayList<>();
    for (RoleKind k : RoleKind.values()) {
      ids.add(k.id());
    }
    return ids;
  }

  private void blockOf(RolePlan plan) {
    RoleDsl r = plan.dsl;
    String path = plan.path();
    if (r.subnet != null && r.address != null) {
      problem(path + ".address", r.address, "is given together with .subnet(\"" + r.subnet + "\")",
          "use .subnet(...) for a block, or .address(...) for a single fixed address, not both");
      plan.valid = false;
      return;
    }
    if (r.subnet == null && r.address == null) {
      missing(path + ".subnet", "is not set, so the role has no address block",
          "call .subnet(\"10.0.N\") with a /24 block of its own");
      plan.valid = false;
      return;
    }
    if (r.subnet != null) {
      Optional<Ipv4Network> block = Ipv4Network.tryParseBlock(r.subnet);
      if (block.isEmpty()) {
        problem(path + ".subnet", r.subnet, "is not a /24 prefix", "write three octets such as \"10.0.100\"");
        plan.valid = false;
        return;
      }
      plan.block = block.get();
      if (r.firstOffset != null) {
        if (r.firstOffset < 1 || r.firstOffset > LAST_OFFSET) {
          problem(path + ".firstOffset", r.firstOffset, "is not a host offset in a /24 block",
              "use 1 to " + LAST_OFFSET);
          plan.valid = false;
          return;
        }
        plan.firstOffset = r.firstOffset;
      }
      return;
    }
    Optional<Ipv4Address> address = Ipv4Address.tryParse(r.address);
    if (address.isEmpty()) {
      problem(path + ".address", r.address, "is not an IPv4 address", "write four numbers such as \"10.0.0.1\"");
      plan.valid = false;
      return;
    }
    int offset = address.get().octet(4);
    if (offset < 1 || offset > LAST_OFFSET) {
      problem(path + ".address", r.address, "ends in ." + offset + ", which is not a host offset in a /24 block",
          "end it in .1 to ." + LAST_OFFSET);
      plan.valid = false;
      return;
    }
    if (r.firstOffset != null && r.firstOffset != offset) {
      problem(path + ".firstOffset", r.firstOffset, "contradicts .address(\"" + r.address + "\")",
          "drop .firstOffset(...); a fixed address sets it");
    }
    plan.block = Ipv4Network.blockOf(address.get());
    plan.firstOffset = offset;
  }

  // ---- hosts and placement ----

  private List<Host> hostsOf(Map<String, RolePlan> roles, Map<String, Flavor> flavors, Set<String> images) {
    Map<Integer, Host> hosts = new java.util.TreeMap<>();
    Map<String, String> byName = new LinkedHashMap<>();
    Map<String, String> byHostname = new LinkedHashMap<>();
    for (RolePlan role : roles.values()) {
      RoleDsl r = role.dsl;
      if (r.flavor == null) {
        if (r.image != null) {
          problem(role.path() + ".image", r.image, "is set on a role without its own flavour",
              "set the image on the host that carries the role");
        }
        if (r.userDataPolicy != null) {
          problem(role.path() + ".onUserDataChange", r.userDataPolicy, "is set on a role without its own flavour",
              "set it on the host that carries the role");
        }
        continue;
      }
      role.placedOn = "its own VMs (flavor \"" + r.flavor + "\")";
      if (r.count != null && r.count < 1) {
        problem(role.path() + ".count", r.count, "must be at least 1", "call .count(1) or more, or remove the role");
        role.valid = false;
      }
      role.count = r.count;
      String path = role.path();
      boolean ok = registerHostName(byName, byHostname, r.name, path);
      ok &= checkFlavor(path + ".flavor", r.flavor, flavors);
      ok &= checkImage(path + ".image", r.image, images);
      if (ok && role.valid && role.count() >= 1) {
        hosts.put(r.order, host(r.name, r.flavor, r.image, role.count(), List.of(r.name), r.userDataPolicy));
      }
    }
    for (HostDsl h : dsl.hosts) {
      String path = "host[" + h.name + "]";
      if (!checkName(path, h.name, "server_all")) {
        continue;
      }
      boolean ok = registerHostName(byName, byHostname, h.name, path);
      if (h.flavor == null) {
        missing(path + ".flavor", "is not set", "call .flavor(...) with one of " + flavors.keySet());
        ok = false;
      } else {
        ok &= checkFlavor(path + ".flavor", h.flavor, flavors);
      }
      ok &= checkImage(path + ".image", h.image, images);
      int count = h.count == null ? 1 : h.count;
      if (count < 1) {
        problem(path + ".count", count, "must be at least 1", "call .count(1) or more, or remove the host");
        ok = false;
      }
      ok &= checkCarried(h, path, count, roles);
      if (ok) {
        hosts.put(h.order, host(h.name, h.flavor, h.image, count, List.copyOf(new LinkedHashSet<>(h.roles)),
            h.userDataPolicy));
      }
    }
    return List.copyOf(hosts.values());
  }

  private boolean checkCarried(HostDsl h, String path, int count, Map<String, RolePlan> roles) {
    if (h.roles.isEmpty()) {
      missing(path + ".carries", "is empty, so the host has no purpose",
          "list its roles with .carries(\"appserver\", ...)");
      return false;
    }
    boolean ok = true;
    Set<String> seen = new LinkedHashSet<>();
    for (String name : h.roles) {
      if (!seen.add(name)) {
        problem(path + ".carries", name, "lists the role twice", "list each role once");
        ok = false;
        continue;
      }
      RolePlan role = roles.get(name);
      if (role == null) {
        problem(path + ".carries", name, "is not a declared role" + Closest.hint(name, roles.keySet()),
            "declare it with cluster.role(\"" + name + "\").subnet(...), or carry one of " + roles.keySet());
        ok = false;
        continue;
      }
      if (role.placedOn != null) {
        problem(role.path(), name, "is placed on two hosts: " + role.placedOn + " and host[" + h.name + "]",
            "place each role on one host: drop .flavor(...) from the role, or remove it from one host's carries(...)");
        ok = false;
        continue;
      }
      role.placedOn = "host[" + h.name + "]";
      if (role.dsl.count != null && role.dsl.count != count) {
        problem(role.path() + ".count", role.dsl.count, "differs from the " + count + " VMs of host[" + h.name
            + "] that carries it", "set the count on the host: cluster.host(\"" + h.name + "\").count("
            + role.dsl.count + "), and drop it from the role");
        ok = false;
      }
      role.count = count;
    }
    if (roles.containsKey(h.name) && !h.roles.contains(h.name)) {
      problem(path, h.name, "has the name of role[" + h.name + "] but does not carry it, so its host names would "
          + "clash with the role's", "rename the host, or let it carry role \"" + h.name + "\"");
      ok = false;
    }
    return ok;
  }

  private boolean registerHostName(Map<String, String> byName, Map<String, String> byHostname, String name,
      String path) {
    String earlier = byName.putIfAbsent(name, path);
    if (earlier != null) {
      problem(path, name, "makes VMs named like those of " + earlier,
          "give every host a name of its own (a role with .flavor(...) makes a host of its own name)");
      return false;
    }
    String hostname = Names.hostname(name);
    String clash = byHostname.putIfAbsent(hostname, path);
    if (clash != null) {
      problem(path, name, "boots with the same host names as " + clash + " (\"" + hostname + "-1\"), since '_' "
          + "becomes '-' in a host name", "rename one of them");
      return false;
    }
    return true;
  }

  private boolean checkFlavor(String path, String flavor, Map<String, Flavor> flavors) {
    if (flavors.containsKey(flavor)) {
      return true;
    }
    boolean declared = dsl.flavors.stream().anyMatch(f -> f.name != null && f.name.equals(flavor));
    if (!declared) {
      problem(path, flavor, "is not in the flavour catalogue " + flavors.keySet() + Closest.hint(flavor,
          flavors.keySet()), "declare it with cluster.flavor(\"" + flavor + "\").vcpus(...).ramGb(...), or use one "
          + "of the catalogue");
    }
    return false;
  }

  private boolean checkImage(String path, String image, Set<String> images) {
    if (image == null || images.contains(image)) {
      return true;
    }
    problem(path, image, "is not one of the cluster's images " + images + Closest.hint(image, images),
        "declare it with cluster.image(\"" + image + "\"), or use one of them");
    return false;
  }

  private static Host host(String name, String flavor, String image, int count, List<String> roles,
      UserDataPolicy policy) {
    return Host.builder().name(name).flavor(flavor).image(Optional.ofNullable(image)).count(count).roles(roles)
        .userDataPolicy(policy == null ? UserDataPolicy.REPORT_DRIFT : policy).build();
  }

  private void checkPlacement(Map<String, RolePlan> roles) {
    for (RolePlan role : roles.values()) {
      if (role.placedOn == null) {
        missing(role.path(), "is on no host, so nothing would run it",
            "give it VMs of its own with .flavor(...), or list it in cluster.host(...).carries(\"" + role.dsl.name
                + "\")");
        role.valid = false;
      }
      if (role.kind != null && role.kind.singleInstance() && role.count != null && role.count != 1) {
        problem(role.path() + ".count", role.count, "must be 1: a cluster has exactly one " + role.kind.title(),
            "use count 1 (on the role, or on the host that carries it)");
        role.valid = false;
      }
    }
    List<String> controllers = roles.values().stream().filter(r -> r.kind == RoleKind.CONTROLLER)
        .map(r -> r.dsl.name).collect(java.util.stream.Collectors.toList());
    if (controllers.size() > 1) {
      problem("role[" + controllers.get(1) + "]", controllers.get(1), "is a second controller after role["
          + controllers.get(0) + "]", "keep one controller role");
    }
  }

  // ---- addresses ----

  private void checkAddresses(Map<String, RolePlan> roles, Optional<Ipv4Network> network,
      Optional<Ipv4Network> pool, Optional<Ipv4Address> gateway) {
    Map<Ipv4Network, String> blocks = new LinkedHashMap<>();
    Set<Ipv4Network> taken = new java.util.HashSet<>();
    roles.values().stream().filter(r -> r.block != null).forEach(r -> taken.add(r.block));
    java.util.function.Supplier<String> free = () -> freeBlock(taken, network, pool, gateway);
    for (RolePlan role : roles.values()) {
      if (role.block == null) {
        continue;
      }
      String path = role.path() + (role.dsl.subnet != null ? ".subnet" : ".address");
      Object written = role.dsl.subnet != null ? role.dsl.subnet : role.dsl.address;
      String owner = blocks.putIfAbsent(role.block, role.path());
      if (owner != null) {
        problem(path, written, "is the block " + role.block + " of " + owner + " too",
            "give each role a /24 block of its own, such as \"" + free.get() + "\"");
      }
      if (network.isPresent() && !network.get().contains(role.block)) {
        problem(path, written, "lies outside the cluster network " + network.get(),
            "choose a block inside it, such as \"" + free.get() + "\"");
        continue;
      }
      int count = role.count();
      long last = (long) role.firstOffset + count - 1;
      if (count >= 1 && last > LAST_OFFSET) {
        int room = LAST_OFFSET - role.firstOffset + 1;
        problem(role.path() + ".count", count, "instances do not fit in block " + role.block + " from offset "
            + role.firstOffset + ", which has room for " + room, "lower the count to " + room
            + " or less, start the block lower, or split the instances into two roles with blocks of their own");
        continue;
      }
      for (int i = 1; i <= count; i++) {
        Ipv4Address a = role.block.host(role.firstOffset + i - 1);
        String what = "instance " + i + " of " + role.path() + " at " + a;
        if (pool.isPresent() && pool.get().contains(a)) {
          problem(path, written, "puts " + what + " in the DHCP pool " + pool.get(),
              "choose a block outside the pool, such as \"" + free.get() + "\"");
          break;
        }
        if (network.isPresent() && (a.equals(network.get().address()) || a.equals(network.get().broadcast()))) {
          problem(path, written, "puts " + what + " on the network's " + (a.equals(network.get().address())
              ? "network" : "broadcast") + " address", "choose another block or offset");
          break;
        }
        if (gateway.isPresent() && a.equals(gateway.get())) {
          problem(path, written, "puts " + what + " on the gateway address", "start the block at another offset, "
              + "or move the gateway with cluster.gateway(...)");
          break;
        }
      }
    }
  }

  /**
   * A /24 block to suggest in a fix: inside the network, used by no role, clear of the DHCP pool and of the gateway,
   * so following the advice cannot lead to the next problem. The network's first block comes last, since its first
   * address is the network's own.
   */
  private static String freeBlock(Set<Ipv4Network> taken, Optional<Ipv4Network> network,
      Optional<Ipv4Network> pool, Optional<Ipv4Address> gateway) {
    Ipv4Network n = network.orElse(Ipv4Network.parse("10.0.0.0/16"));
    long blocks = Math.max(1, n.size() / 256);
    for (long i = 1; i <= blocks; i++) {
      Ipv4Network candidate = Ipv4Network.blockOf(n.host((int) ((i % blocks) * 256)));
      boolean inPool = pool.filter(p -> p.overlaps(candidate)).isPresent();
      boolean hasGateway = gateway.filter(candidate::contains).isPresent();
      if (!taken.contains(candidate) && !inPool && !hasGateway) {
        return candidate.blockPrefix();
      }
    }
    return n.address().octet(1) + "." + n.address().octet(2) + ".N";
  }

  /**
   * Every name /etc/hosts gives an address (a node's host name, each role instance's name, a single-instance role's
   * own name) must stand for one address: a role "server-all" carried elsewhere would make "server-all-1" both the
   * node server_all-1 and the role's first instance. Names are compared as host names, '_' being '-'.
   */
  private void checkHostNames(Map<String, RolePlan> roles, List<Host> hosts) {
    Map<String, Ipv4Address> addresses = new java.util.HashMap<>();
    Map<String, String> owners = new java.util.HashMap<>();
    Set<String> reported = new java.util.HashSet<>();
    for (Host h : hosts) {
      List<RolePlan> carried = h.roles().stream().map(roles::get).toList();
      boolean placed = carried.stream().allMatch(r -> r != null && r.block != null
          && (long) r.firstOffset + h.count() - 1 <= LAST_OFFSET);
      if (!placed) {
        continue;
      }
      for (int i = 1; i <= h.count(); i++) {
        Ipv4Address primary = carried.get(0).block.host(carried.get(0).firstOffset + i - 1);
        claim(addresses, owners, reported, Names.hostname(h.name() + "-" + i), primary, "host[" + h.name() + "]",
            h.name());
        for (RolePlan r : carried) {
          Ipv4Address a = r.block.host(r.firstOffset + i - 1);
          claim(addresses, owners, reported, Names.hostname(r.dsl.name + "-" + i), a, r.path(), r.dsl.name);
          if (h.count() == 1) {
            claim(addresses, owners, reported, Names.hostname(r.dsl.name), a, r.path(), r.dsl.name);
          }
        }
      }
    }
  }

  private void claim(Map<String, Ipv4Address> addresses, Map<String, String> owners, Set<String> reported,
      String name, Ipv4Address address, String path, String written) {
    Ipv4Address earlier = addresses.putIfAbsent(name, address);
    String owner = owners.putIfAbsent(name, path);
    if (earlier != null && !earlier.equals(address) && !owner.equals(path) && reported.add(owner + " " + path)) {
      problem(path, written, "gives the host name \"" + name + "\" to " + address + ", which " + owner + " gives to "
          + earlier + ", so /etc/hosts would send one name to two machines", "rename one of them, such as "
          + "\"" + written + "2\"");
    }
  }

  // ---- dependencies, application, quota ----

  private void checkDependencies(Map<String, RolePlan> roles) {
    Set<RoleKind> present = EnumSet.noneOf(RoleKind.class);
    roles.values().stream().filter(r -> r.kind != null).forEach(r -> present.add(r.kind));
    Set<RoleKind> reported = EnumSet.noneOf(RoleKind.class);
    for (RolePlan role : roles.values()) {
      if (role.kind == null || !reported.add(role.kind)) {
        continue;
      }
      for (RoleKind needed : role.kind.requires()) {
        if (!present.contains(needed)) {
          missing(role.path(), "needs " + article(needed.title()) + " and the cluster has none",
              "add one, such as cluster.role(\"" + needed.id() + "\").subnet(\"10.0.N\") placed on a host");
        }
      }
    }
  }

  private static String article(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  private Optional<Application> applicationOf(Map<String, RolePlan> roles) {
    // every node's files name the application: the app servers and workers run it, the broker has its vhost and
    // user, the controller proxies its admin; the renderer cannot do without it, so neither can validation
    boolean needed = !roles.isEmpty();
    if (dsl.applications.isEmpty()) {
      if (needed) {
        missing("application", "is not set, and every node's files name it (what the app servers and workers run,"
            + " the broker's vhost and user, the admin pages)",
            "call cluster.application(\"demo\").wsgi(\"demo.wsgi:application\").celeryApp(\"demo\")"
                + ".source(\"https://git.example.org/demo.git\").version(\"v1.0\")");
      }
      return Optional.empty();
    }
    if (dsl.applications.size() > 1) {
      problem("application", dsl.applications.get(1).name, "is a second application",
          "declare one application per cluster");
    }
    ApplicationDsl a = dsl.applications.get(0);
    String path = "application[" + a.name + "]";
    boolean ok = checkName(path, a.name, "demo");
    if (a.wsgi == null) {
      missing(path + ".wsgi", "is not set", "call .wsgi(\"demo.wsgi:application\")");
      ok = false;
    } else if (!WSGI.matcher(a.wsgi).matches()) {
      problem(path + ".wsgi", a.wsgi, "is not a WSGI entry point module:callable",
          "write it like \"demo.wsgi:application\"");
      ok = false;
    }
    if (a.celeryApp == null) {
      missing(path + ".celeryApp", "is not set", "call .celeryApp(\"demo\")");
      ok = false;
    } else if (!PYTHON_NAME.matcher(a.celeryApp).matches()) {
      problem(path + ".celeryApp", a.celeryApp, "is not a Python module path", "write it like \"demo\"");
      ok = false;
    }
    ok &= checkText(path + ".source", a.source, "https://git.example.org/demo.git");
    ok &= checkText(path + ".version", a.version, "v1.0");
    ok &= checkPath(path + ".home", a.home);
    ok &= checkPath(path + ".staticRoot", a.staticRoot);
    if (!ok) {
      return Optional.empty();
    }
    Application.Builder app = Application.builder().name(a.name).wsgi(a.wsgi).celeryApp(a.celeryApp)
        .source(a.source).version(a.version);
    if (a.home != null) {
      app.home(a.home);
    }
    if (a.staticRoot != null) {
      app.staticRoot(a.staticRoot);
    }
    return Optional.of(app.build());
  }

  private boolean checkPath(String path, String value) {
    if (value == null) {
      return true;
    }
    if (!checkText(path, value, "/srv/demo")) {
      return false;
    }
    // a "." or ".." segment anywhere (also at the end: "/srv/demo/..") makes the path another directory
    boolean climbs = List.of(value.split("/", -1)).stream().anyMatch(s -> s.equals("..") || s.equals("."));
    if (!value.startsWith("/") || value.contains(" ") || climbs) {
      problem(path, value, "is not an absolute path without spaces, '.' or '..' segments",
          "write it like \"/srv/demo\"");
      return false;
    }
    return true;
  }

  private Optional<Quota> quotaOf(List<Host> hosts, Map<String, Flavor> flavors) {
    QuotaDsl q = dsl.quota;
    if (q == null) {
      return Optional.empty();
    }
    long cores = 0;
    long ram = 0;
    long instances = 0;
    StringBuilder breakdown = new StringBuilder();
    for (Host h : hosts) {
      Flavor f = flavors.get(h.flavor());
      cores += (long) h.count() * f.vcpus();
      ram += (long) h.count() * f.ramMb();
      instances += h.count();
      breakdown.append(breakdown.length() == 0 ? "" : ", ").append(h.name()).append(' ').append(h.count())
          .append(" x ").append(f.vcpus()).append(" vCPU/").append(f.ramMb()).append(" MB");
    }
    Quota.Builder quota = Quota.builder();
    if (q.cores != null) {
      quota.cores(q.cores);
      checkQuota("cluster.quota.cores", cores, q.cores, "cores", breakdown);
    }
    if (q.ramMb != null) {
      if (q.ramMb > Integer.MAX_VALUE) {
        problem("cluster.quota.ram", q.ramMb + " MB", "is more than a quota can count (" + Integer.MAX_VALUE
            + " MB)", "give at most " + Integer.MAX_VALUE / 1024 + " GB, or leave it unset for no limit");
      } else {
        quota.ramMb(q.ramMb.intValue());
        checkQuota("cluster.quota.ram", ram, q.ramMb.intValue(), "MB of RAM", breakdown);
      }
    }
    if (q.instances != null) {
      quota.instances(q.instances);
      checkQuota("cluster.quota.instances", instances, q.instances, "instances", breakdown);
    }
    return Optional.of(quota.build());
  }

  private void checkQuota(String path, long needed, int allowed, String unit, CharSequence breakdown) {
    if (allowed < 0) {
      problem(path, allowed, "is negative", "give the project's limit, or leave it unset");
    } else if (needed > allowed) {
      problem(path, allowed, "is exceeded: the cluster needs " + needed + " " + unit + " (" + breakdown + ")",
          "raise the project's quota to at least " + needed + ", or shrink the cluster");
    }
  }
}
