package dev.stackwright.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Plan;
import dev.stackwright.engine.Topologies;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reliability tests' common ground: the seed (Topologies.seed: 6 VMs, 3 workers) on a network of the test's own,
 * with floating IPs for the webserver and the controller when asked (the network then has a router to the cloud's
 * external network), engines on any backend with the same key and renderer, and the verdict after a run: converged
 * (an empty plan through a backend without faults), duplicates and orphans from the admin listing, and what is left
 * after destroy.
 */
final class SeedOnOwnNetwork implements AutoCloseable {
  private final OpenStackBackend clean;
  private final Engine cleanEngine;
  private final AdminListing admin;
  private final PrivateNetwork network;
  /** The external network the seed's floating IPs come from, when it has them. */
  private final Optional<String> external;
  private final String publicKey = SshKeys.newPublicKey("reliability@stackwright");

  /** The seed without floating IPs. */
  SeedOnOwnNetwork(String networkPrefix) {
    this(networkPrefix, false);
  }

  /** @param floatingIps whether the webserver and the controller get floating IPs from the cloud's external network */
  SeedOnOwnNetwork(String networkPrefix, boolean floatingIps) {
    clean = OpenStackBackend.builder().credentials(RealCloud.credentials()).build();
    cleanEngine = engine(clean);
    admin = AdminListing.of(clean);
    String name = RealCloud.uniqueClusterName(networkPrefix);
    if (floatingIps) {
      JsonNode ext = RealCloud.externalNetwork(clean).orElseThrow(() -> new AssertionError(
          "the cloud has no external network for floating IPs (the loopback cloud makes 'public')"));
      network = PrivateNetwork.routed(clean, name, ext.path("id").asText());
      external = Optional.of(ext.path("name").asText());
    } else {
      network = PrivateNetwork.create(clean, name);
      external = Optional.empty();
    }
  }

  /** The seed with 3 workers, as {@code Topologies.seed(name)}, on the test's network (floating IPs if asked). */
  Cluster seed(String name) {
    return seed(name, network.name(), 3, external);
  }

  /** The seed with 3 workers, as {@code Topologies.seed(name)}, on the network {@code networkName}. */
  static Cluster seed(String name, String networkName) {
    return seed(name, networkName, Optional.empty());
  }

  /** The same, with floating IPs from {@code external} when it names a network. */
  static Cluster seed(String name, String networkName, Optional<String> external) {
    return seed(name, networkName, 3, external);
  }

  /** The external network of the seed's floating IPs, when it has them. */
  Optional<String> externalNetwork() {
    return external;
  }

  /** The seed with {@code workers} workers on the test's network (floating IPs if asked). */
  Cluster seed(String name, int workers) {
    return seed(name, network.name(), workers, external);
  }

  private static Cluster seed(String name, String networkName, int workers, Optional<String> external) {
    ClusterDsl dsl = Topologies.seedDsl(name).internalNetwork(networkName);
    external.ifPresent(dsl::externalNetwork);
    dsl.role("worker").count(workers).flavor("hpc").subnet("10.0.100");
    return dsl.build();
  }

  /** How many hypervisors the cloud has, as its administrator sees. */
  int hypervisors() {
    return admin.hypervisors();
  }

  Engine engine(Backend backend) {
    return engine(backend, publicKey).build();
  }

  /** The engine every run of these tests uses: the seed's renderer with fixed secrets, this key, 8 calls at once. */
  static Engine.Builder engine(Backend backend, String publicKey) {
    return Engine.builder().backend(backend).renderer(Topologies.renderer()).publicKey(publicKey).parallelism(8);
  }

  String publicKey() {
    return publicKey;
  }

  String networkName() {
    return network.name();
  }

  /** What the cloud holds of a cluster after a run, judged without faults. */
  record Verdict(boolean converged, String plan, int duplicates, Map<ResourceKind, List<String>> orphans,
      String listing) {
    int orphanCount() {
      return orphans.values().stream().mapToInt(List::size).sum();
    }

    boolean ok() {
      return converged && duplicates == 0 && orphans.isEmpty();
    }

    @Override
    public String toString() {
      return (converged ? "converged" : "NOT converged: " + plan) + ", " + duplicates + " duplicates, orphans "
          + orphans + "; admin listing: " + listing;
    }
  }

  /** A plan of the cluster through the clean backend. */
  Plan plan(Cluster cluster) {
    return cleanEngine.plan(cluster);
  }

  /** Plans the cluster through the clean backend and counts duplicates and orphans in the admin listing. */
  Verdict verdict(Cluster cluster) {
    Plan plan = cleanEngine.plan(cluster);
    AdminListing.Seen seen = admin.of(cluster.name(), network.id());
    List<ResourceSpec> wanted = wanted(cluster);
    return new Verdict(plan.isEmpty(), plan.render(), seen.duplicates(), seen.orphans(wanted), seen.toString());
  }

  /** What the model wants: the resources a plan of it creates on an empty cloud, with this key and renderer. */
  private List<ResourceSpec> wanted(Cluster cluster) {
    return engine(InMemoryCloud.forCluster(cluster), publicKey).build().plan(cluster).changes().stream()
        .flatMap(c -> c.desired().stream()).toList();
  }

  /** Destroys the cluster without faults. */
  ApplyResult destroy(String cluster) {
    return cleanEngine.destroy(cluster);
  }

  /** Everything of the cluster the admin still sees. */
  AdminListing.Seen leftOf(String cluster) {
    return admin.of(cluster, network.id());
  }

  @Override
  public void close() {
    network.close();
  }
}
