package dev.stackwright.dsl;

import dev.stackwright.InvalidClusterException;
import dev.stackwright.Problem;
import dev.stackwright.model.Application;
import dev.stackwright.model.AptSource;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Flavor;
import dev.stackwright.model.Host;
import dev.stackwright.model.PackageSources;
import dev.stackwright.model.Role;
import dev.stackwright.model.Tls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The gate for a model the DSL did not build ({@code Cluster.builder()}, {@code from(...)}): its declarations are
 * written back into a DSL and validated by the same rules, so it gets the same problems, paths and fixes; and what the
 * DSL builds from them must be the model itself, so no part of it can disagree with another (a host's count and its
 * role's, an image catalogue without its default) where the DSL would not let it.
 */
final class ModelGate {
  private ModelGate() {}

  static Cluster check(Cluster model) {
    Cluster rebuilt = new ClusterValidator(declarations(model)).build();
    List<Problem> differences = differences(model, rebuilt);
    if (!differences.isEmpty()) {
      throw new InvalidClusterException(Texts.printable(model.name()), differences);
    }
    return model;
  }

  /** The model as the DSL would have declared it. */
  static ClusterDsl declarations(Cluster m) {
    ClusterDsl c = new ClusterDsl(m.name()).network(m.network().toString()).dhcpPool(m.dhcpPool().toString())
        .internalNetwork(m.internalNetworkName()).defaultImage(m.defaultImage(), m.osReleases().get(m.defaultImage()));
    m.gateway().ifPresent(g -> c.gateway(g.toString()));
    if (m.ownsNetwork()) {
      c.ownNetwork(m.internalNetworkName());
    }
    m.dnsServers().forEach(d -> c.dnsServers(d.toString()));
    m.tls().ifPresent(t -> tls(c.tls(), t));
    m.externalNetwork().ifPresent(c::externalNetwork);
    m.adminCidr().ifPresent(a -> c.adminCidr(a.toString()));
    m.images().stream().filter(i -> !i.equals(m.defaultImage())).forEach(i -> c.image(i, m.osReleases().get(i)));
    for (Flavor f : m.flavors()) {
      if (!f.cpuClass().equals("standard") || f.cpuWeight() != 1.0) {
        c.cpuWeight(f.cpuClass(), f.cpuWeight());
      }
      c.flavor(f.name()).vcpus(f.vcpus()).ramMb(f.ramMb()).cpuClass(f.cpuClass());
    }
    m.services().forEach(c::service);
    m.roles().forEach(r -> role(c, r));
    m.hosts().forEach(h -> host(c, h));
    m.application().ifPresent(a -> application(c, a));
    if (!m.packageSources().equals(PackageSources.defaults())) {
      packageSources(c.packageSources(), m.packageSources());
    }
    m.quota().ifPresent(q -> {
      QuotaDsl quota = c.quota();
      q.cores().ifPresent(quota::cores);
      q.ramMb().ifPresent(quota::ramMb);
      q.instances().ifPresent(quota::instances);
    });
    return c;
  }

  private static void role(ClusterDsl c, Role r) {
    RoleDsl role = c.role(r.name()).kind(r.kind()).subnet(r.block().blockPrefix()).firstOffset(r.firstOffset())
        .count(r.count());
    r.processes().ifPresent(role::processes);
  }

  private static void host(ClusterDsl c, Host h) {
    HostDsl host = c.host(h.name()).flavor(h.flavor()).count(h.count()).carries(h.roles().toArray(String[]::new))
        .onUserDataChange(h.userDataPolicy());
    h.image().ifPresent(host::image);
  }

  private static void packageSources(PackageSourcesDsl dsl, PackageSources s) {
    s.debianMirror().forEach(m -> {
      if (m.unsigned()) {
        dsl.unsignedDebianMirror(m.line());
      } else {
        dsl.debianMirror(m.line());
      }
    });
    AptSource couchdb = s.couchdbRepository();
    if (couchdb.unsigned()) {
      dsl.unsignedCouchdbRepository(couchdb.line());
    } else {
      dsl.couchdbRepository(couchdb.line(), couchdb.keyUrl().orElse(null));
    }
    dsl.pythonIndex(s.pythonIndex());
  }

  private static void tls(TlsDsl dsl, Tls t) {
    if (t.certificates() == Tls.Certificates.USER_PROVIDED) {
      dsl.userCertificates();
    }
    t.domains().forEach(dsl::domain);
    t.hsts().ifPresent(dsl::hsts);
  }

  private static void application(ClusterDsl c, Application a) {
    c.application(a.name()).wsgi(a.wsgi()).celeryApp(a.celeryApp()).source(a.source()).version(a.version())
        .home(a.home()).staticRoot(a.staticRoot());
  }

  /** Each attribute in which the model is not what the DSL builds from its own declarations. */
  private static List<Problem> differences(Cluster model, Cluster rebuilt) {
    Map<String, Function<Cluster, Object>> parts = new LinkedHashMap<>();
    parts.put("cluster.name", Cluster::name);
    parts.put("cluster.network", Cluster::network);
    parts.put("cluster.dhcpPool", Cluster::dhcpPool);
    parts.put("cluster.gateway", Cluster::gateway);
    parts.put("cluster.internalNetwork", Cluster::internalNetworkName);
    parts.put("cluster.ownsNetwork", Cluster::ownsNetwork);
    parts.put("cluster.dnsServers", Cluster::dnsServers);
    parts.put("cluster.tls", Cluster::tls);
    parts.put("cluster.externalNetwork", Cluster::externalNetwork);
    parts.put("cluster.adminCidr", Cluster::adminCidr);
    parts.put("cluster.defaultImage", Cluster::defaultImage);
    parts.put("cluster.images", Cluster::images);
    parts.put("cluster.osReleases", Cluster::osReleases);
    parts.put("cluster.flavors", Cluster::flavors);
    parts.put("cluster.services", Cluster::services);
    parts.put("cluster.roles", Cluster::roles);
    parts.put("cluster.hosts", Cluster::hosts);
    parts.put("cluster.application", Cluster::application);
    parts.put("cluster.quota", Cluster::quota);
    parts.put("cluster.packageSources", Cluster::packageSources);
    List<Problem> problems = new ArrayList<>();
    parts.forEach((path, part) -> {
      if (!Objects.equals(part.apply(model), part.apply(rebuilt))) {
        problems.add(Problem.of(path, part.apply(model), "is not what its own declarations make: "
            + part.apply(rebuilt), "build the cluster with Stackwright.cluster(...)...build(), which keeps its "
            + "parts in agreement"));
      }
    });
    return problems;
  }
}
