package dev.stackwright.dsl;

import dev.stackwright.InvalidClusterException;
import dev.stackwright.dsl.CatalogueRules.Catalogue;
import dev.stackwright.model.Application;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Host;
import dev.stackwright.model.PackageSources;
import dev.stackwright.model.Quota;
import dev.stackwright.model.Tls;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a whole cluster definition and reports every problem at once; builds the model only when there are none.
 * Each part of the definition has its rules in a class of its own ({@link NetworkRules}, {@link CatalogueRules},
 * {@link ServiceRules}, {@link RoleRules}, {@link HostRules}, {@link ServicePlacementRules}, {@link AddressRules},
 * {@link HostNames}, {@link ApplicationRules}, {@link QuotaRules}, {@link PackageSourceRules}); a part that was
 * refused stays known by name, so the checks that depend on it do not report it again. Nothing here throws on bad
 * input except the one {@link InvalidClusterException} at the end.
 */
final class ClusterValidator {
  private final ClusterDsl dsl;

  ClusterValidator(ClusterDsl dsl) {
    this.dsl = dsl;
  }

  Cluster build() {
    Problems problems = new Problems();
    Texts.name(problems, "cluster.name", dsl.name, "seed");
    NetworkRules.Plan net = NetworkRules.of(dsl, problems);
    Catalogue catalogue = CatalogueRules.of(dsl, problems);
    ServiceCatalogue services = ServiceRules.of(dsl, problems);
    Map<String, RolePlan> roles = RoleRules.of(dsl, services, problems);
    List<Host> hosts = HostRules.of(dsl, roles, catalogue, problems);
    RoleRules.checkKinds(roles, services, net.network(), problems);
    ServicePlacementRules.check(hosts, roles, services, problems);
    AddressRules.check(roles, net, dsl.gateway, problems);
    HostNames.check(roles, hosts, problems);
    Optional<Application> application = ApplicationRules.of(dsl, roles, problems);
    Optional<Quota> quota = QuotaRules.of(dsl.quota, hosts, catalogue.flavors(), problems);
    Optional<PackageSources> sources = PackageSourceRules.of(dsl.packageSources, problems);
    List<Ipv4Address> dns = NetworkRules.dnsServers(dsl, problems);
    Optional<Tls> tls = TlsRules.of(dsl.tls, problems);
    if (!problems.isEmpty()) {
      throw new InvalidClusterException(Texts.printable(dsl.name), problems.all());
    }
    Cluster.Builder cluster = Cluster.builder().name(dsl.name).network(net.network().orElseThrow())
        .dhcpPool(net.pool().orElseThrow()).gateway(net.gateway()).internalNetworkName(dsl.internalNetwork)
        .ownsNetwork(dsl.ownsNetwork).addAllDnsServers(dns).tls(tls)
        .defaultImage(dsl.defaultImage).addAllImages(catalogue.images()).putAllOsReleases(catalogue.releases())
        .addAllFlavors(catalogue.flavors().values()).addAllHosts(hosts).application(application)
        .adminCidr(net.adminCidr()).externalNetwork(Optional.ofNullable(dsl.externalNetwork)).quota(quota)
        .packageSources(sources.orElseThrow()).addAllServices(services.own());
    roles.values().forEach(r -> cluster.addRoles(r.toRole()));
    return cluster.build();
  }
}
