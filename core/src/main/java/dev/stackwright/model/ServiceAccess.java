package dev.stackwright.model;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who may reach one port of a service, and why: the security groups open exactly these, and the configs derive from
 * them who the clients are (an upstream's members, the hosts a proxy is trusted from).
 *
 * @param port the name of one of the service's ports
 * @param from who connects
 * @param service the client service's name, when {@code from} is {@link From#SERVICE}
 * @param purpose why, in a few words: it becomes the security rule's description
 * @param when the clusters it applies in: a port served only when the model asks for it (the load balancer's 443
 *     when the cluster has TLS) is open only then, never with nothing behind it
 */
public record ServiceAccess(String port, From from, Optional<String> service, String purpose,
    Predicate<Cluster> when) {
  private static final Predicate<Cluster> ALWAYS = cluster -> true;

  /** Where the connections come from. */
  public enum From {
    /** Anyone, 0.0.0.0/0: the load balancer's HTTP, DHCP whose clients have no address yet. */
    ANYONE,
    /** The cluster's admin network (its admin CIDR), when the cluster has one. */
    ADMIN_NETWORK,
    /** The nodes of another service of the cluster, when the cluster has it. */
    SERVICE
  }

  public ServiceAccess {
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(when, "when");
    if ((from == From.SERVICE) != service.isPresent()) {
      throw new IllegalArgumentException("an access from " + from + " to port " + port
          + (service.isPresent() ? " names no service" : " needs the client service's name"));
    }
  }

  /** An access in every cluster. */
  public ServiceAccess(String port, From from, Optional<String> service, String purpose) {
    this(port, from, service, purpose, ALWAYS);
  }

  /**
   * This access, only in the clusters that also meet {@code condition}: {@code fromAnyone("https", "...")
   * .onlyIf(c -> c.tls().isPresent())}.
   */
  public ServiceAccess onlyIf(Predicate<Cluster> condition) {
    Objects.requireNonNull(condition, "condition");
    return new ServiceAccess(port, from, service, purpose, when == ALWAYS ? condition : when.and(condition));
  }

  /** True when it applies in {@code cluster}. */
  public boolean appliesIn(Cluster cluster) {
    return when.test(cluster);
  }

  @Override
  public String toString() {
    return "ServiceAccess[port=" + port + ", from=" + from + service.map(s -> " " + s).orElse("") + ", purpose="
        + purpose + (when == ALWAYS ? "" : ", conditional") + "]";
  }

  public static ServiceAccess fromService(String service, String port, String purpose) {
    return new ServiceAccess(port, From.SERVICE, Optional.of(service), purpose);
  }

  public static ServiceAccess fromAnyone(String port, String purpose) {
    return new ServiceAccess(port, From.ANYONE, Optional.empty(), purpose);
  }

  public static ServiceAccess fromAdminNetwork(String port, String purpose) {
    return new ServiceAccess(port, From.ADMIN_NETWORK, Optional.empty(), purpose);
  }
}
