package dev.stackwright.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * A validated, immutable cluster: its network plan, flavour catalogue, roles and hosts, and the nodes derived from
 * them. Built by {@code Stackwright.cluster(name)...build()}, which checks every rule first; planners, renderers and
 * backends take this type, never the DSL.
 */
@Value.Immutable
@ModelStyle
public abstract class Cluster {
  public abstract String name();

  /** The internal network's range, 10.0.0.0/16 in the seed. */
  public abstract Ipv4Network network();

  /** The range the cloud hands out by DHCP, kept clear of every role block: 10.0.254.0/24 in the seed. */
  public abstract Ipv4Network dhcpPool();

  /** The subnet's gateway, when it has one; no role address may take it. */
  public abstract Optional<Ipv4Address> gateway();

  /** The name of the cloud network the ports go on: an existing one ("internal"), or the one the cluster owns. */
  public abstract String internalNetworkName();

  /**
   * Whether the cluster makes its own network ({@link #internalNetworkName()}, its subnet and, with an
   * {@link #externalNetwork()}, a router) rather than use an existing one.
   */
  @Value.Default
  public boolean ownsNetwork() {
    return false;
  }

  /** The DNS servers an owned subnet hands out, in order; empty leaves them to the cloud. */
  public abstract List<Ipv4Address> dnsServers();

  /** TLS on the load balancer and the controller's admin pages, when the cluster asks for it. */
  public abstract Optional<Tls> tls();

  /** The image a host boots unless it names another. */
  public abstract String defaultImage();

  /** Every image the cluster may use, the default included. */
  public abstract List<String> images();

  /**
   * The OS release of each image whose release the cluster declares. An image not named here is taken to be
   * {@link OsRelease#TEMPLATES}, Debian 12, what the rendered files are written for.
   */
  public abstract Map<String, OsRelease> osReleases();

  /** The OS release {@code image} boots: as declared, else {@link OsRelease#TEMPLATES}. */
  public OsRelease osRelease(String image) {
    return osReleases().getOrDefault(image, OsRelease.TEMPLATES);
  }

  public abstract List<Flavor> flavors();

  /** Roles in the order they were declared. */
  public abstract List<Role> roles();

  /** Hosts in the order they were declared; a role given its own flavour makes a host of the same name. */
  public abstract List<Host> hosts();

  public abstract Optional<Application> application();

  /** Where admins connect from (SSH and the controller's pages); empty means nowhere outside the cluster. */
  public abstract Optional<Ipv4Network> adminCidr();

  /** The external network floating IPs come from, when the webserver and controller should get one. */
  public abstract Optional<String> externalNetwork();

  public abstract Optional<Quota> quota();

  /**
   * The services of the user's own, added with {@code cluster.service(...)} or named by a role's {@code kind(...)},
   * in the order they were declared; stackwright's own are not listed. Each role's {@link Role#kind()} is its
   * descriptor, so these matter where a service is named but not placed: an access or a need of another service.
   */
  public abstract List<Service> services();

  /** Where the nodes get Debian's packages, CouchDB and Flower; the public sources unless the cluster says. */
  @Value.Default
  public PackageSources packageSources() {
    return PackageSources.defaults();
  }

  /** Every VM, host by host in declaration order, then by index. */
  @Value.Lazy
  public List<Node> nodes() {
    List<Node> nodes = new ArrayList<>();
    for (Host host : hosts()) {
      Flavor flavor = flavor(host.flavor()).orElseThrow();
      for (int i = 1; i <= host.count(); i++) {
        Node.Builder node = new Node.Builder().name(host.name() + "-" + i).host(host.name()).index(i)
            .flavor(flavor).image(host.image().orElse(defaultImage()));
        for (String roleName : host.roles()) {
          node.addRoles(RoleInstance.of(role(roleName).orElseThrow(), i));
        }
        nodes.add(node.build());
      }
    }
    return List.copyOf(nodes);
  }

  public Optional<Flavor> flavor(String name) {
    return flavors().stream().filter(f -> f.name().equals(name)).findFirst();
  }

  public Optional<Role> role(String name) {
    return roles().stream().filter(r -> r.name().equals(name)).findFirst();
  }

  public Optional<Host> host(String name) {
    return hosts().stream().filter(h -> h.name().equals(name)).findFirst();
  }

  public Optional<Node> node(String name) {
    return nodes().stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /** The nodes of one host, in index order. */
  public List<Node> nodesOf(Host host) {
    return nodes().stream().filter(n -> n.host().equals(host.name())).collect(Collectors.toUnmodifiableList());
  }

  /** The nodes that carry a role of {@code kind}. */
  public List<Node> nodesWith(Service kind) {
    return nodes().stream().filter(n -> n.has(kind)).collect(Collectors.toUnmodifiableList());
  }

  /** Every instance of every role of {@code kind}, ordered by address: the members of an upstream, say. */
  public List<RoleInstance> instances(Service kind) {
    return nodes().stream().flatMap(n -> n.roles().stream()).filter(r -> r.kind().equals(kind))
        .sorted(Comparator.comparing(RoleInstance::address)).collect(Collectors.toUnmodifiableList());
  }

  /** The node that carries a role instance. */
  public Node nodeOf(RoleInstance instance) {
    return nodes().stream().filter(n -> n.roles().contains(instance)).findFirst().orElseThrow(
        () -> new IllegalArgumentException(instance.name() + " is not part of cluster " + name()));
  }

  @Value.Check
  protected void check() {
    // The DSL reports every problem with its fix before it builds; this only guards the invariants that the
    // derived nodes rely on, for a model assembled by other means.
    for (Host host : hosts()) {
      if (flavor(host.flavor()).isEmpty()) {
        throw new IllegalStateException("host " + host.name() + " names unknown flavour " + host.flavor());
      }
      for (String role : host.roles()) {
        if (role(role).isEmpty()) {
          throw new IllegalStateException("host " + host.name() + " carries unknown role " + role);
        }
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a cluster without the DSL's validation; prefer {@code Stackwright.cluster(name)}. The engine, the renderer
   * and the local run check such a model at their door with the DSL's rules ({@code ClusterDsl.validate}).
   */
  public static final class Builder extends ImmutableCluster.Builder {}
}
