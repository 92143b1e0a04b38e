package dev.stackwright.services;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServiceAccess;
import dev.stackwright.model.ServiceScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whom the application trusts and answers to, from the descriptors: the services serving it on their application port,
 * and the proxies allowed to that port. gunicorn's {@code forwarded_allow_ips} and Django's allowed hosts.
 */
final class ApplicationHosts {
  private ApplicationHosts() {}

  /** The addresses of the application's proxies, whose X-Forwarded-* headers it trusts. */
  static List<String> proxyAddresses(ServiceScope scope) {
    Set<String> list = new LinkedHashSet<>();
    for (Service s : proxies(scope.cluster())) {
      scope.cluster().instances(s).forEach(r -> list.add(r.address().toString()));
    }
    return List.copyOf(list);
  }

  /**
   * The Host headers Django accepts: the names and addresses clients reach it by, through any proxy or directly.
   */
  static List<String> allowedHosts(ServiceScope scope) {
    Cluster cluster = scope.cluster();
    List<Service> reached = new ArrayList<>(proxies(cluster));
    reached.addAll(servers(cluster));
    // each instance's node, looked up once (Cluster.nodeOf walks every node)
    Map<RoleInstance, Node> nodeOf = new HashMap<>();
    cluster.nodes().forEach(n -> n.roles().forEach(r -> nodeOf.put(r, n)));
    Set<String> hosts = new LinkedHashSet<>();
    for (Service k : reached) {
      for (RoleInstance r : cluster.instances(k)) {
        Node n = nodeOf.get(r);
        hosts.add(r.address().toString());
        hosts.add(r.name());
        if (r.address().equals(n.primaryAddress())) {
          hosts.add(n.hostname());
        }
        scope.publicAddress(n.name()).ifPresent(a -> hosts.add(a.toString()));
      }
    }
    // Django writes a wildcard domain "*.example.org" as ".example.org"
    cluster.tls().ifPresent(tls -> tls.domains().forEach(d -> hosts.add(d.startsWith("*.") ? d.substring(1) : d)));
    return List.copyOf(hosts);
  }

  /**
   * With TLS, the origins a browser posts the application's forms from: {@code https://} and each name or address of
   * a proxy (the load balancer, the controller), and each of the user's domains. Empty without TLS.
   */
  static List<String> httpsOrigins(ServiceScope scope) {
    Cluster cluster = scope.cluster();
    if (cluster.tls().isEmpty()) {
      return List.of();
    }
    Set<String> origins = new LinkedHashSet<>();
    for (Service k : proxies(cluster)) {
      for (RoleInstance r : cluster.instances(k)) {
        Node n = cluster.nodeOf(r);
        origins.add("https://" + r.address());
        if (r.address().equals(n.primaryAddress())) {
          origins.add("https://" + n.hostname());
        }
        scope.publicAddress(n.name()).ifPresent(a -> origins.add("https://" + a));
      }
    }
    cluster.tls().get().domains().forEach(d -> origins.add("https://" + d));
    return List.copyOf(origins);
  }

  /** Stackwright's services, then the cluster's own: the order the renderer breaks ties by. */
  private static List<Service> services(Cluster cluster) {
    List<Service> all = new ArrayList<>(BuiltInServices.all());
    cluster.roles().forEach(r -> {
      if (!all.contains(r.kind())) {
        all.add(r.kind());
      }
    });
    return all;
  }

  /** The services that serve the application on a port of theirs ({@link Service#applicationPort()}). */
  private static List<Service> servers(Cluster cluster) {
    return services(cluster).stream().filter(s -> s.applicationPort().isPresent()).toList();
  }

  /** The services allowed to the port the application listens on. */
  private static List<Service> proxies(Cluster cluster) {
    Set<String> names = new LinkedHashSet<>();
    for (Service s : servers(cluster)) {
      for (ServiceAccess a : s.access(cluster)) {
        if (a.from() == ServiceAccess.From.SERVICE && a.port().equals(s.applicationPort().get())) {
          names.add(a.service().get());
        }
      }
    }
    List<Service> proxies = new ArrayList<>();
    List<Service> all = services(cluster);
    for (String name : names) {
      Optional<Service> found = all.stream().filter(s -> s.name().equals(name)).findFirst();
      found.ifPresent(proxies::add);
    }
    return proxies;
  }
}
