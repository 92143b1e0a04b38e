package dev.stackwright.dsl;

import dev.stackwright.model.Host;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServiceFile;
import dev.stackwright.model.ServicePort;
import dev.stackwright.services.BuiltInServices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What services of the user's own may not share with the other roles of their host: a port number and protocol (the
 * second daemon would not start: a service on port 80 beside {@code static} on one host clashes with nginx), or a
 * file's path (one would overwrite the other). A built-in's ports include those its daemons hold undeclared
 * ({@link BuiltInServices#heldPorts}: epmd beside RabbitMQ or CouchDB). Stackwright's own services among themselves
 * are the renderer's business: they share nginx by design.
 */
final class ServicePlacementRules {
  private final ServiceCatalogue catalogue;
  private final Problems problems;

  private ServicePlacementRules(ServiceCatalogue catalogue, Problems problems) {
    this.catalogue = catalogue;
    this.problems = problems;
  }

  /** A port or file of one role on a host, and whose it is. */
  private record Claim(RolePlan role, String what) {}

  static void check(List<Host> hosts, Map<String, RolePlan> roles, ServiceCatalogue catalogue, Problems problems) {
    ServicePlacementRules rules = new ServicePlacementRules(catalogue, problems);
    for (Host h : hosts) {
      List<RolePlan> carried = h.roles().stream().map(roles::get).filter(Objects::nonNull)
          .filter(r -> r.kind != null && r.kindOk).toList();
      if (carried.stream().anyMatch(r -> catalogue.isOwn(r.kind))) {
        rules.ports(h, carried);
        rules.files(h, carried);
      }
    }
  }

  private void ports(Host h, List<RolePlan> carried) {
    Map<String, Claim> taken = new LinkedHashMap<>();
    for (RolePlan role : carried) {
      List<ServicePort> ports = new ArrayList<>(role.kind.ports());
      ports.addAll(BuiltInServices.heldPorts(role.kind));
      for (ServicePort p : ports) {
        String key = p.number() + "/" + p.protocol();
        Claim earlier = taken.putIfAbsent(key, new Claim(role, p.name()));
        if (earlier != null && involvesOwn(role, earlier.role())) {
          RolePlan own = catalogue.isOwn(role.kind) ? role : earlier.role();
          String port = own == role ? p.name() : earlier.what();
          problems.problem("service[" + own.kind.name() + "].port[" + port + "]", key, "is taken twice on host["
              + h.name() + "]: by " + whose(earlier) + " and by " + whose(new Claim(role, p.name())),
              "give service " + own.kind.name() + " another port number, or place " + own.path()
                  + " on a host of its own");
        }
      }
    }
  }

  private void files(Host h, List<RolePlan> carried) {
    Map<String, Claim> taken = new LinkedHashMap<>();
    for (RolePlan role : carried) {
      String suffix = role.name().equals(role.kind.name()) ? "" : "-" + role.name();
      List<ServiceFile> files = role.kind.files();
      for (int i = 0; i < files.size(); i++) {
        String path = files.get(i).pathFor(role.kind.name(), suffix);
        Claim earlier = taken.putIfAbsent(path, new Claim(role, "file[" + i + "]"));
        if (earlier != null && involvesOwn(role, earlier.role())) {
          RolePlan own = catalogue.isOwn(role.kind) ? role : earlier.role();
          String file = own == role ? "file[" + i + "]" : earlier.what();
          problems.problem("service[" + own.kind.name() + "]." + file + ".path", path, "is written twice on host["
              + h.name() + "]: by " + whose(earlier) + " and by " + whose(new Claim(role, "file[" + i + "]")),
              "put {suffix} in the path of service " + own.kind.name() + "'s file, give it a path of its own, or "
                  + "place " + own.path() + " on a host of its own");
        }
      }
    }
  }

  private boolean involvesOwn(RolePlan a, RolePlan b) {
    return catalogue.isOwn(a.kind) || catalogue.isOwn(b.kind);
  }

  private static String whose(Claim c) {
    return c.role().path() + " (" + c.role().kind.name() + " " + c.what() + ")";
  }
}
