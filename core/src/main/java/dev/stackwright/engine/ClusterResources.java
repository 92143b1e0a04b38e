package dev.stackwright.engine;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.Host;
import dev.stackwright.model.Node;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Service;
import dev.stackwright.model.UserDataPolicy;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.RenderedFile;
import dev.stackwright.render.RenderedNode;
import dev.stackwright.spi.FloatingIpSpec;
import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.NetworkSpec;
import dev.stackwright.spi.OwnedNames;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RouterSpec;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.spi.SubnetSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Derives the resources a cluster needs from its model and its rendered files: a security group per service of the
 * cluster ({@code <cluster>-<service>}) with the rules its descriptor's accesses make (plus the user's), a keypair when
 * a public key is given, an anti-affinity server group per host kind that can grow (from its first VM), one port per
 * node carrying the addresses of all its roles, a server per node booted with its rendered user-data, and a floating
 * IP for each node with a public-entry service (the load balancer, the controller) when the cluster names an external
 * network. A cluster that owns its network first gets the network, its subnet and, with an external network, a router
 * (see {@link #network}); its ports name the subnet and its floating IPs the router.
 */
final class ClusterResources {
  private ClusterResources() {}

  /**
   * @param userDataAfterPorts the servers whose user-data names MACs of ports that do not exist yet
   */
  public static DesiredState derive(Cluster cluster, RenderedCluster rendered, Optional<String> publicKey,
      Map<Service, List<RuleSpec>> extraRules, Set<ResourceId> userDataAfterPorts) {
    return derive(cluster, rendered, publicKey, extraRules, userDataAfterPorts, "anti-affinity");
  }

  /**
   * @param serverGroupPolicy {@code anti-affinity} (never two VMs of a host kind on one hypervisor), or
   *     {@code soft-anti-affinity} for clouds with fewer hypervisors than a host kind has VMs
   */
  public static DesiredState derive(Cluster cluster, RenderedCluster rendered, Optional<String> publicKey,
      Map<Service, List<RuleSpec>> extraRules, Set<ResourceId> userDataAfterPorts, String serverGroupPolicy) {
    List<ResourceSpec> specs = new ArrayList<>();
    Map<ResourceId, UserDataPolicy> policies = new LinkedHashMap<>();
    Map<ResourceId, NodeIntent> nodes = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    String name = cluster.name();

    Optional<ResourceId> keypair = publicKey.map(k -> ResourceId.of(ResourceKind.KEYPAIR, OwnedNames.KEYPAIR_KEY));
    publicKey.ifPresentOrElse(
        k -> specs.add(new KeypairSpec(keypair.get(), OwnedNames.of(name, OwnedNames.KEYPAIR_KEY), k)),
        () -> notes.add("no keypair: no public key was given (Engine.Builder.publicKey, or ~/.ssh/id_ed25519.pub);"
            + " the servers boot without SSH keys"));
    notes.addAll(rendered.warnings());

    for (Map.Entry<Service, List<RuleSpec>> derived : SecurityRules.of(cluster).entrySet()) {
      Service kind = derived.getKey();
      List<RuleSpec> rules = new ArrayList<>(derived.getValue());
      rules.addAll(extraRules.getOrDefault(kind, List.of()));
      specs.add(new SecurityGroupSpec(SecurityRules.groupOf(kind), name + "-" + kind.name(),
          "stackwright: " + kind.title() + "s of cluster " + name, rules));
    }

    OwnedNetwork owned = network(cluster, specs);

    Map<String, ResourceId> serverGroups = new LinkedHashMap<>();
    for (Host host : cluster.hosts()) {
      if (canGrow(cluster, host)) {
        ResourceId id = ResourceId.of(ResourceKind.SERVER_GROUP, host.name());
        serverGroups.put(host.name(), id);
        specs.add(new ServerGroupSpec(id, OwnedNames.of(name, host.name()), serverGroupPolicy));
      }
    }

    for (Node node : cluster.nodes()) {
      ResourceId port = ResourceId.of(ResourceKind.PORT, node.name());
      Set<ResourceId> groups = node.roles().stream().map(r -> SecurityRules.groupOf(r.kind()))
          .collect(Collectors.toCollection(LinkedHashSet::new));
      specs.add(new PortSpec(port, node.portName(), cluster.internalNetworkName(), Set.copyOf(node.addresses()),
          groups, owned.subnet()));
      ResourceId server = ResourceId.of(ResourceKind.SERVER, node.name());
      Map<String, String> digests = new LinkedHashMap<>();
      for (RenderedFile f : rendered.files(node.name())) {
        // from the SHA-256 the renderer took already (once for a file every node shares), not hashed again
        digests.put(f.path(), ServerSpec.fileDigestOf(f.sha256()));
      }
      Map<String, String> metadata = new LinkedHashMap<>();
      metadata.put(DesiredState.META_NODE, node.name());
      metadata.put(DesiredState.META_ROLES, node.roles().stream().map(r -> r.kind().name()).distinct()
          .collect(Collectors.joining(",")));
      RenderedNode delivered = rendered.node(node.name());
      metadata.put(DesiredState.META_BASE, delivered.baseDigest());
      metadata.put(DesiredState.META_PACKAGES, delivered.packagesDigest());
      delivered.application().ifPresent(app -> metadata.put(DesiredState.META_APP, app));
      nodes.put(server, intent(cluster, node, rendered));
      specs.add(new ServerSpec(server, node.name(), node.flavor().name(), node.image(), port, keypair,
          Optional.ofNullable(serverGroups.get(node.host())), rendered.userData(node.name()),
          rendered.userDataSha256(node.name()), digests, metadata));
      cluster.host(node.host()).ifPresent(h -> policies.put(server, h.userDataPolicy()));
      if (cluster.externalNetwork().isPresent() && publicEntry(node)) {
        specs.add(new FloatingIpSpec(ResourceId.of(ResourceKind.FLOATING_IP, node.name()),
            "fip-" + node.name(), cluster.externalNetwork().get(), port, owned.router()));
      }
    }
    return new DesiredState(name, specs, policies, userDataAfterPorts, notes, withoutData(cluster), nodes);
  }

  /** The owned subnet the ports take their addresses from, and the router floating IPs go through; empty if used. */
  private record OwnedNetwork(Optional<ResourceId> subnet, Optional<ResourceId> router) {}

  /** The key of the owned network and its subnet, and of the router to the external network. */
  static final String NETWORK_KEY = "internal";
  static final String ROUTER_KEY = "external";

  /**
   * The network a cluster owns, named {@link Cluster#internalNetworkName()}, its subnet ({@code <network>-subnet}:
   * the cluster's range and gateway, the DHCP pool as the allocation pool, the DNS servers) and, with an external
   * network, the router {@code <cluster>-router} between them; nothing for a network the cluster uses.
   */
  private static OwnedNetwork network(Cluster cluster, List<ResourceSpec> specs) {
    if (!cluster.ownsNetwork()) {
      return new OwnedNetwork(Optional.empty(), Optional.empty());
    }
    ResourceId network = ResourceId.of(ResourceKind.NETWORK, NETWORK_KEY);
    ResourceId subnet = ResourceId.of(ResourceKind.SUBNET, NETWORK_KEY);
    specs.add(new NetworkSpec(network, cluster.internalNetworkName()));
    specs.add(new SubnetSpec(subnet, cluster.internalNetworkName() + "-subnet", network, cluster.network(),
        cluster.gateway(), cluster.dhcpPool(), cluster.dnsServers()));
    Optional<ResourceId> router = cluster.externalNetwork().map(external -> {
      ResourceId id = ResourceId.of(ResourceKind.ROUTER, ROUTER_KEY);
      specs.add(new RouterSpec(id, cluster.name() + "-router", external, subnet));
      return id;
    });
    return new OwnedNetwork(Optional.of(subnet), router);
  }

  /** The node's host kind, what a change of each file needs, and the jump host to reach it through. */
  private static NodeIntent intent(Cluster cluster, Node node, RenderedCluster rendered) {
    Map<String, OnChange> onChange = new LinkedHashMap<>();
    Map<String, String> reasons = new LinkedHashMap<>();
    rendered.files(node.name()).forEach(f -> {
      onChange.put(f.path(), f.onChange());
      f.reason().ifPresent(r -> reasons.put(f.path(), r));
    });
    Optional<ResourceId> via = cluster.nodes().stream()
        .filter(n -> n.roles().stream().anyMatch(r -> r.kind().jumpHost())).findFirst()
        .filter(jump -> !jump.name().equals(node.name()))
        .map(jump -> ResourceId.of(ResourceKind.SERVER, jump.name()));
    return new NodeIntent(node.name(), node.host(), onChange, via, rendered.node(node.name()).leadsRedeploy(),
        reasons);
  }

  /** True when a service of the node is a way in from outside (a load balancer, an admin host). */
  static boolean publicEntry(Node node) {
    return node.roles().stream().anyMatch(r -> r.kind().publicEntry());
  }

  /** The services, stackwright's and the cluster's own, whose nodes hold no data. */
  static Set<String> withoutData(Cluster cluster) {
    Set<String> names = new LinkedHashSet<>(DesiredState.BUILT_INS_WITHOUT_DATA);
    cluster.services().stream().filter(s -> !s.holdsData()).forEach(s -> names.add(s.name()));
    cluster.roles().stream().map(r -> r.kind()).filter(s -> !s.holdsData()).forEach(s -> names.add(s.name()));
    return names;
  }

  /**
   * Whether a host kind may ever have more than one VM: every kind but one that carries a single-instance role (the
   * controller). Such a kind gets its server group with its first VM, because a server joins a group only when it
   * boots: a group made when the kind grows would force its running VM to be replaced.
   */
  static boolean canGrow(Cluster cluster, Host host) {
    return host.roles().stream().map(cluster::role)
        .noneMatch(r -> r.map(role -> role.kind().singleInstance()).orElse(false));
  }

}
