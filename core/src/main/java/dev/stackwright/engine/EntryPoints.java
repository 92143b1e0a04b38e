package dev.stackwright.engine;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Derives {@link Outputs} from the model and one observation; names no service: the descriptors say which is a way in
 * ({@code publicEntry}), which the jump host ({@code jumpHost}), and on which port each serves HTTP ({@code http}, or
 * {@code https} when its access applies in the cluster).
 */
final class EntryPoints {
  /** The port name a public entry serves HTTP on, as the local run reads it too. */
  private static final String HTTP = "http";
  /** The port name it serves HTTPS on, when an access to it applies in the cluster. */
  private static final String HTTPS = "https";

  private final Cluster cluster;
  private final Observation observed;

  private EntryPoints(Cluster cluster, Observation observed) {
    this.cluster = cluster;
    this.observed = observed;
  }

  static Outputs of(Cluster cluster, Observation observed, String backend, Optional<String> note) {
    EntryPoints e = new EntryPoints(cluster, observed);
    Optional<Node> jump = e.first(Service::jumpHost);
    return new Outputs(cluster.name(), backend, e.url(s -> s.publicEntry() && !s.jumpHost()),
        e.url(s -> s.publicEntry() && s.jumpHost()), e.floatingIps(), jump.map(e::ssh), note);
  }

  /**
   * The first existing node (in node order) with a service {@code kind} accepts that serves HTTP, and its URL: on its
   * port {@code https} when an access to that port applies in the cluster (the load balancer's with TLS), else on
   * {@code http}.
   */
  private Optional<String> url(Predicate<Service> kind) {
    for (Node node : existing()) {
      for (var role : node.roles()) {
        Optional<ServicePort> http = role.kind().port(HTTP);
        if (kind.test(role.kind()) && http.isPresent()) {
          String host = floatingIp(node).orElse(role.address().toString());
          Optional<ServicePort> https = role.kind().port(HTTPS).filter(p -> role.kind().access(cluster).stream()
              .anyMatch(a -> a.port().equals(HTTPS)));
          String scheme = https.isPresent() ? HTTPS : HTTP;
          int port = https.orElse(http.get()).number();
          boolean implied = port == (https.isPresent() ? 443 : 80);
          return Optional.of(scheme + "://" + host + (implied ? "" : ":" + port) + "/");
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Node> first(Predicate<Service> kind) {
    return existing().stream().filter(n -> n.roles().stream().anyMatch(r -> kind.test(r.kind()))).findFirst();
  }

  /** The nodes whose server the backend has: an entry point on a node not made yet leads nowhere. */
  private List<Node> existing() {
    return cluster.nodes().stream()
        .filter(n -> observed.get(ResourceId.of(ResourceKind.SERVER, n.name())).isPresent()).toList();
  }

  private Optional<String> floatingIp(Node node) {
    return observed.get(ResourceId.of(ResourceKind.FLOATING_IP, node.name()))
        .flatMap(o -> o.fact(Observed.Facts.ADDRESS));
  }

  private List<Outputs.FloatingIp> floatingIps() {
    return cluster.nodes().stream().flatMap(n -> floatingIp(n).map(a -> new Outputs.FloatingIp(n.name(), a))
        .stream()).toList();
  }

  /**
   * SSH to the jump host as the user its image's cloud image has (named for the distribution: {@code debian},
   * {@code ubuntu}), and to the first other node through it, as an example.
   */
  private Outputs.Ssh ssh(Node jump) {
    String user = cluster.osRelease(jump.image()).distro();
    Optional<Node> inner = existing().stream().filter(n -> !n.name().equals(jump.name())).findFirst();
    return new Outputs.Ssh(user, floatingIp(jump).orElse(jump.primaryAddress().toString()), Optional.empty(),
        inner.map(Node::name), inner.map(n -> n.primaryAddress().toString()));
  }
}
