package dev.stackwright.engine;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServiceAccess;
import dev.stackwright.model.ServicePort;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RuleSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ingress rules of each service's security group, from the accesses its descriptor declares: a port is open only
 * to the services that use it, and only services the cluster has appear as sources. Least privilege by construction:
 * nothing is open to 0.0.0.0/0 but what a service declares open to anyone (the load balancer; DHCP, whose clients have
 * no address yet).
 *
 * <p>Public as data, so that what the cluster allows can be shown ({@code report.TopologyGraph} draws these rules) and
 * checked from the one derivation the security groups are made of.
 */
public final class SecurityRules {
  /** The remote CIDR of a rule open to anyone. */
  public static final String ANYWHERE = "0.0.0.0/0";
  /** Every node runs sshd on this port; the cluster's jump host is the only one it admits. */
  public static final int SSH = 22;

  private SecurityRules() {}

  /** The security group of {@code service} in any cluster. */
  public static ResourceId groupOf(Service service) {
    return ResourceId.of(ResourceKind.SECURITY_GROUP, service.name());
  }

  /**
   * The derived rules of the group of every service of {@code cluster}, in the order of the roles that bring each
   * service in; a rule whose remote end is a group names it by {@link #groupOf}. The rules a user adds on the engine
   * ({@code Engine.Builder.rule}) are not among them.
   */
  public static Map<Service, List<RuleSpec>> of(Cluster cluster) {
    Map<Service, List<RuleSpec>> all = new LinkedHashMap<>();
    cluster.roles().forEach(r -> all.computeIfAbsent(r.kind(), kind -> of(cluster, kind)));
    return Collections.unmodifiableMap(all);
  }

  /** The derived rules of {@code service}'s group in {@code cluster}. */
  static List<RuleSpec> of(Cluster cluster, Service service) {
    Map<String, Service> present = new LinkedHashMap<>();
    cluster.roles().forEach(r -> present.putIfAbsent(r.kind().name(), r.kind()));
    List<RuleSpec> rules = new ArrayList<>();
    Optional<String> admin = cluster.adminCidr().map(Object::toString);
    for (ServiceAccess access : service.access(cluster)) {
      ServicePort port = service.port(access.port()).orElseThrow(() -> new IllegalStateException(service
          + " opens port " + access.port() + ", which it does not have"));
      switch (access.from()) {
        case ANYONE -> rules.add(rule(port, Optional.of(ANYWHERE), Optional.empty(), access.purpose()));
        case ADMIN_NETWORK -> admin.ifPresent(cidr -> rules.add(rule(port, Optional.of(cidr), Optional.empty(),
            access.purpose())));
        case SERVICE -> {
          Service source = present.get(access.service().orElseThrow());
          if (source != null) {
            rules.add(rule(port, Optional.empty(), Optional.of(groupOf(source)), access.purpose()));
          }
        }
      }
    }
    present.values().stream().filter(Service::jumpHost).forEach(jump -> rules.add(RuleSpec.tcpFrom(SSH,
        groupOf(jump), "SSH only through the " + jump.title())));
    return List.copyOf(rules);
  }

  private static RuleSpec rule(ServicePort port, Optional<String> cidr, Optional<ResourceId> group, String purpose) {
    return new RuleSpec(port.protocol(), port.number(), port.number(), cidr, group, purpose);
  }
}
