package dev.stackwright.tls;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Names;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.render.NetworkFacts;
import dev.stackwright.services.BuiltInServices;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which role instances serve TLS and which names their certificates carry: the one place that decides it, for the
 * renderer's certificate files, the templates' {@code tls.names}, the local run and tests.
 *
 * <p>On a cluster with {@code tls()}, every load balancer (webserver) and controller instance is an endpoint. Its
 * names: the instance's address, the node's other addresses, the node's floating IP when it has one, then the host
 * names /etc/hosts gives the node's addresses (node, instances, a one-instance role's own name), then the cluster's
 * {@code tls().domains()}.
 */
public final class TlsEndpoints {
  /** What a certificate's DNS name may be: dot-separated labels of letters, digits and hyphens ("*." may lead). */
  private static final Pattern DNS = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
      + "(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  private TlsEndpoints() {}

  /** Whether {@code instance} serves TLS when its cluster has {@code tls()}: a load balancer or a controller. */
  public static boolean serves(RoleInstance instance) {
    return instance.kind().equals(BuiltInServices.WEBSERVER) || instance.kind().equals(BuiltInServices.CONTROLLER);
  }

  /** Every TLS endpoint of the cluster, node by node; none when the cluster has no {@code tls()}. */
  public static List<TlsEndpoint> of(Cluster cluster, NetworkFacts facts) {
    List<TlsEndpoint> endpoints = new ArrayList<>();
    if (cluster.tls().isEmpty()) {
      return endpoints;
    }
    for (Node node : cluster.nodes()) {
      for (RoleInstance r : node.roles()) {
        if (serves(r)) {
          endpoints.add(endpoint(cluster, node, r, facts));
        }
      }
    }
    return endpoints;
  }

  /** The endpoint of one instance, whether or not the cluster has {@code tls()}. */
  public static TlsEndpoint endpoint(Cluster cluster, Node node, RoleInstance instance, NetworkFacts facts) {
    Set<String> names = new LinkedHashSet<>();
    names.add(instance.address().toString());
    node.addresses().forEach(a -> names.add(a.toString()));
    facts.publicAddress(node.name()).map(Ipv4Address::toString).ifPresent(names::add);
    for (RoleInstance r : node.roles()) {
      hostNames(cluster, node, r).forEach(n -> addDns(names, n));
    }
    cluster.tls().ifPresent(tls -> tls.domains().forEach(d -> addDns(names, d)));
    return new TlsEndpoint(node.name(), instance.name(), List.copyOf(names), publicAddressToCome(cluster, node,
        facts));
  }

  /**
   * Whether the node will have a floating IP its facts do not give yet: pending, or not known at all (a render
   * without the cloud, such as the render verb's or the local run's). A certificate without it is not kept, or the
   * next plan would find its names changed.
   */
  private static boolean publicAddressToCome(Cluster cluster, Node node, NetworkFacts facts) {
    // the engine's rule for a floating IP (ClusterResources): an external network, and a way in from outside
    boolean floating = cluster.externalNetwork().isPresent() && node.roles().stream()
        .anyMatch(r -> r.kind().publicEntry());
    return facts.publicAddressPending(node.name()) || floating && facts.publicAddress(node.name()).isEmpty();
  }

  /**
   * The names /etc/hosts gives an instance's address: the node's host name (for its primary address), the
   * instance's name, and the role's own name when the role has one instance.
   */
  public static List<String> hostNames(Cluster cluster, Node node, RoleInstance r) {
    Set<String> names = new LinkedHashSet<>();
    if (r.address().equals(node.primaryAddress())) {
      names.add(node.hostname());
    }
    names.add(r.name());
    cluster.role(r.role()).filter(role -> role.count() == 1).ifPresent(role -> names.add(Names.hostname(
        role.name())));
    return List.copyOf(names);
  }

  /** Adds a DNS name in lower case, when a certificate can carry it. */
  private static void addDns(Set<String> names, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.length() <= 253 && DNS.matcher(lower).matches()) {
      names.add(lower);
    }
  }
}
