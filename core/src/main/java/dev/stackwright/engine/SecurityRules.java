package dev.stackwright.engine;

import static dev.stackwright.model.ServicePorts.AMQP;
import static dev.stackwright.model.ServicePorts.APP;
import static dev.stackwright.model.ServicePorts.COUCHDB;
import static dev.stackwright.model.ServicePorts.DHCP_SERVER;
import static dev.stackwright.model.ServicePorts.HTTP;
import static dev.stackwright.model.ServicePorts.HTTPS;
import static dev.stackwright.model.ServicePorts.RABBITMQ_MANAGEMENT;
import static dev.stackwright.model.ServicePorts.SSH;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.RoleKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ingress rules of each role kind's security group, derived from who talks to whom in the cluster: a service is
 * open only to the roles that use it, and only kinds the cluster has appear as sources. Least privilege by
 * construction: nothing but the load balancer (and DHCP, whose clients have no address yet) is open to 0.0.0.0/0.
 */
public final class SecurityRules {
  static final String ANYWHERE = "0.0.0.0/0";

  private SecurityRules() {}

  /** The security group of role kind {@code kind} in any cluster. */
  public static ResourceId groupOf(RoleKind kind) {
    return ResourceId.of(ResourceKind.SECURITY_GROUP, kind.id());
  }

  /** The derived rules of {@code kind}'s group in {@code cluster}. */
  public static List<RuleSpec> of(Cluster cluster, RoleKind kind) {
    Set<RoleKind> present = EnumSet.noneOf(RoleKind.class);
    cluster.roles().forEach(r -> present.add(r.kind()));
    List<RuleSpec> rules = new ArrayList<>();
    Optional<String> admin = cluster.adminCidr().map(Object::toString);
    switch (kind) {
      case WEBSERVER -> {
        rules.add(RuleSpec.tcpFrom(HTTP, ANYWHERE, "the load balancer serves everyone"));
        rules.add(RuleSpec.tcpFrom(HTTPS, ANYWHERE, "the load balancer serves everyone"));
      }
      case CONTROLLER -> {
        admin.ifPresent(cidr -> {
          rules.add(RuleSpec.tcpFrom(HTTP, cidr, "admin pages for the admin network"));
          rules.add(RuleSpec.tcpFrom(HTTPS, cidr, "admin pages for the admin network"));
          rules.add(RuleSpec.tcpFrom(SSH, cidr, "SSH for the admin network"));
        });
        rules.add(new RuleSpec("udp", DHCP_SERVER, DHCP_SERVER, Optional.of(ANYWHERE), Optional.empty(),
            "DHCP: a client asks before it has an address"));
      }
      case APPSERVER -> {
        from(rules, present, RoleKind.WEBSERVER, APP, "the load balancer proxies to gunicorn");
        from(rules, present, RoleKind.CONTROLLER, APP, "the controller proxies /admin/ to gunicorn");
      }
      case STATIC -> from(rules, present, RoleKind.WEBSERVER, HTTP, "the load balancer proxies /static/");
      case BROKER -> {
        from(rules, present, RoleKind.APPSERVER, AMQP, "the app enqueues tasks");
        from(rules, present, RoleKind.WORKER, AMQP, "workers consume tasks");
        from(rules, present, RoleKind.CONTROLLER, AMQP, "Flower watches the broker");
        from(rules, present, RoleKind.CONTROLLER, RABBITMQ_MANAGEMENT, "the controller proxies /rabbitmq/");
      }
      case DATABASE -> {
        from(rules, present, RoleKind.APPSERVER, COUCHDB, "the app reads and writes CouchDB");
        from(rules, present, RoleKind.WORKER, COUCHDB, "workers store task results");
      }
      case WORKER -> {
        // workers only call out: nothing comes in but SSH from the controller
      }
    }
    from(rules, present, RoleKind.CONTROLLER, SSH, "SSH only through the controller");
    return List.copyOf(rules);
  }

  private static void from(List<RuleSpec> rules, Set<RoleKind> present, RoleKind source, int port, String purpose) {
    if (present.contains(source)) {
      rules.add(RuleSpec.tcpFrom(port, groupOf(source), purpose));
    }
  }
}
