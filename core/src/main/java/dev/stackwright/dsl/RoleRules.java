package dev.stackwright.dsl;

import dev.stackwright.Closest;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each role is: its name, its kind (a role named after a kind is that kind), its address block and its process
 * count; and what the cluster's kinds need: exactly one controller, and the kinds each kind works with.
 */
final class RoleRules {
  /** Gunicorn workers or Celery concurrency per instance: more is no longer a setting but a mistake. */
  static final int MAX_PROCESSES = 1024;

  private final ServiceCatalogue catalogue;
  private final Problems problems;

  private RoleRules(ServiceCatalogue catalogue, Problems problems) {
    this.catalogue = catalogue;
    this.problems = problems;
  }

  /** Every declared role by name, refused ones too (with what is known of them), so hosts may still carry them. */
  static Map<String, RolePlan> of(ClusterDsl dsl, ServiceCatalogue catalogue, Problems problems) {
    RoleRules rules = new RoleRules(catalogue, problems);
    Map<String, RolePlan> roles = new LinkedHashMap<>();
    for (RoleDsl r : dsl.roles) {
      rules.role(r, roles);
    }
    return roles;
  }

  private void role(RoleDsl r, Map<String, RolePlan> roles) {
    String path = "role[" + r.name + "]";
    String example = r.kind != null ? r.kind.name() : poolExampleName();
    boolean nameOk = Texts.machineName(problems, path, r.name, example);
    if (r.name != null && roles.containsKey(r.name)) {
      problems.missing(path, "is declared twice", "declare each role once and keep the RoleDsl that role(\""
          + r.name + "\") returns");
      return;
    }
    RolePlan plan = new RolePlan(r, nameOk);
    if (r.name != null) {
      roles.put(r.name, plan);
    }
    plan.valid = nameOk;
    kind(plan);
    blockOf(plan);
    if (r.processes != null && (r.processes < 1 || r.processes > MAX_PROCESSES)) {
      problems.problem(path + ".processes", r.processes, r.processes < 1 ? "must be at least 1"
          : "is more processes than a VM runs", "call .processes(1) or more, at most " + MAX_PROCESSES
          + ", or leave it unset to derive it from the VM's vCPUs");
    }
  }

  /**
   * The kind: said with .kind(...), else the service the role is named after; a name that is a service's is that
   * service and no other. A kind whose descriptor lost its name to another was reported with the catalogue.
   */
  private void kind(RolePlan plan) {
    RoleDsl r = plan.dsl;
    Optional<Service> named = r.name == null ? Optional.empty() : catalogue.named(r.name);
    Service said = r.kindName == null ? r.kind : catalogue.named(r.kindName).orElse(null);
    if (r.kindName != null && said == null) {
      problems.problem(plan.path() + ".kind", r.kindName, "is no service of the cluster"
          + Closest.hint(r.kindName, catalogue.names()), "name one of " + String.join(", ", catalogue.names())
          + ", or add yours with cluster.service(...)");
    } else if (said != null && !catalogue.holds(said)) {
      plan.kind = null; // another descriptor has its name: reported with the catalogue
    } else if (said != null && named.isPresent() && !named.get().equals(said)) {
      problems.problem(plan.path() + ".kind", said.name(), "contradicts the role's name, which is the kind "
          + named.get().name(), "drop .kind(...) to make it " + article(named.get().title()) + ", or give the "
          + said.title() + " a name of its own, such as \"" + said.name() + "2\"");
    } else {
      plan.kind = said != null ? said : named.orElse(null);
      if (plan.kind == null && plan.nameOk) {
        problems.problem(plan.path() + ".kind", r.name, "is not a role kind" + Closest.hint(r.name,
            catalogue.names()), "name the role one of " + String.join(", ", catalogue.names())
            + ", or say what it is with .kind(" + poolExample() + ")");
      }
    }
    if (plan.kind == null) {
      plan.kindOk = false;
      plan.valid = false;
    }
  }

  /**
   * A built-in a fix shows in {@code .kind(...)}: the last that may have many roles, as a second pool of a service
   * is what a role of a name of its own usually is. Its constant in BuiltInServices is its name in capitals.
   */
  private static String poolExample() {
    return "BuiltInServices." + poolExampleName().toUpperCase(Locale.ROOT);
  }

  private static String poolExampleName() {
    List<Service> pools = BuiltInServices.all().stream().filter(s -> !s.singleInstance()).toList();
    return pools.get(pools.size() - 1).name();
  }

  static String article(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  private void blockOf(RolePlan plan) {
    RoleDsl r = plan.dsl;
    String path = plan.path();
    if (r.subnet != null && r.address != null) {
      problems.problem(path + ".address", r.address, "is given together with .subnet(\"" + r.subnet + "\")",
          "use .subnet(...) for a block, or .address(...) for a single fixed address, not both");
    } else if (r.subnet == null && r.address == null) {
      problems.missing(path + ".subnet", "is not set, so the role has no address block",
          "call .subnet(\"10.0.N\") with a /24 block of its own");
    } else if (r.subnet != null) {
      subnet(plan);
      return;
    } else {
      address(plan);
      return;
    }
    plan.valid = false;
  }

  private void subnet(RolePlan plan) {
    RoleDsl r = plan.dsl;
    Optional<Ipv4Network> block = Ipv4Network.tryParseBlock(r.subnet);
    if (block.isEmpty()) {
      problems.problem(plan.path() + ".subnet", r.subnet, "is not a /24 prefix",
          "write three octets such as \"10.0.100\"");
      plan.valid = false;
      return;
    }
    plan.block = block.get();
    if (r.firstOffset != null) {
      if (r.firstOffset < 1 || r.firstOffset > AddressRules.LAST_OFFSET) {
        problems.problem(plan.path() + ".firstOffset", r.firstOffset, "is not a host offset in a /24 block",
            "use 1 to " + AddressRules.LAST_OFFSET);
        plan.valid = false;
        plan.block = null;
        return;
      }
      plan.firstOffset = r.firstOffset;
    }
  }

  private void address(RolePlan plan) {
    RoleDsl r = plan.dsl;
    String path = plan.path();
    Optional<Ipv4Address> address = Ipv4Address.tryParse(r.address);
    if (address.isEmpty()) {
      problems.problem(path + ".address", r.address, "is not an IPv4 address",
          "write four numbers such as \"10.0.0.1\"");
      plan.valid = false;
      return;
    }
    int offset = address.get().octet(4);
    if (offset < 1 || offset > AddressRules.LAST_OFFSET) {
      problems.problem(path + ".address", r.address, "ends in ." + offset + ", which is not a host offset in a /24 "
          + "block", "end it in .1 to ." + AddressRules.LAST_OFFSET);
      plan.valid = false;
      return;
    }
    if (r.firstOffset != null && r.firstOffset != offset) {
      problems.problem(path + ".firstOffset", r.firstOffset, "contradicts .address(\"" + r.address + "\")",
          "drop .firstOffset(...); a fixed address sets it");
    }
    plan.block = Ipv4Network.blockOf(address.get());
    plan.firstOffset = offset;
  }

  /**
   * Exactly one role of each required service, at most one of each single-instance one, and every service's needs
   * met. Skipped while a role's kind is unknown: the missing service may be that role's, and its own problem says so.
   */
  static void checkKinds(Map<String, RolePlan> roles, ServiceCatalogue catalogue, Optional<Ipv4Network> network,
      Problems problems) {
    if (roles.values().stream().anyMatch(r -> !r.kindOk)) {
      return;
    }
    for (Service service : catalogue.all()) {
      List<RolePlan> of = roles.values().stream().filter(r -> service.equals(r.kind)).toList();
      if (service.required() && of.isEmpty() && !roles.isEmpty()) {
        problems.missing("role[" + service.name() + "]", "is missing: a cluster has "
            + (service.singleInstance() ? "exactly one " : "at least one ") + service.title(), "declare it: "
            + declaration(service, network));
      }
      if (service.singleInstance() && of.size() > 1) {
        problems.problem(of.get(1).path(), of.get(1).name(), "is a second " + service.title() + " after "
            + of.get(0).path(), "keep one " + service.name() + " role");
      }
    }
    dependencies(roles, catalogue, problems);
  }

  private static String declaration(Service service, Optional<Ipv4Network> network) {
    String where = service.singleInstance()
        ? ".address(\"" + network.map(n -> n.host(1).toString()).orElse("10.0.0.1") + "\")" : ".subnet(\"10.0.N\")";
    return "cluster.role(\"" + service.name() + "\")" + where + ".flavor(...)";
  }

  /** The services each present one requires; a name no service has was reported with the service that names it. */
  private static void dependencies(Map<String, RolePlan> roles, ServiceCatalogue catalogue, Problems problems) {
    Set<Service> present = new LinkedHashSet<>();
    roles.values().forEach(r -> present.add(r.kind));
    Set<Service> reported = new LinkedHashSet<>();
    for (RolePlan role : roles.values()) {
      if (!reported.add(role.kind)) {
        continue;
      }
      for (String needed : role.kind.requires()) {
        Optional<Service> service = catalogue.named(needed);
        if (service.isPresent() && present.stream().noneMatch(s -> s.name().equals(needed))) {
          problems.missing(role.path(), "needs " + article(service.get().title()) + " and the cluster has none",
              "add one, such as cluster.role(\"" + needed + "\").subnet(\"10.0.N\") placed on a host");
        }
      }
    }
  }
}
