package dev.stackwright.engine;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.spi.Capabilities;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.ResourceKind;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a plan of a cluster of {@code n} nodes costs before the first request: the DSL is built (and validated), every
 * node rendered, the desired resources derived and planned against an empty cloud. The topology is the seed (3 VMs)
 * and worker roles of at most {@value #PER_BLOCK} VMs, each in a /24 block of its own from 10.0.100 on. Run by
 * {@link ModelScaleBench}.
 *
 * <p>Layout {@code seed} renders with stackwright's own templates. Three of them list every node (every node's
 * /etc/hosts, the controller's DHCP leases and status page), so the controller's user-data grows with the cluster and
 * passes Nova's 64 KB between 1,500 and 1,600 nodes, where rendering is refused. Layout {@code compact} overrides those
 * three (test resources under bench/compact-templates: the services' instances, the DHCP pool, a row per role kind)
 * through {@link Renderer.Builder#templateDirectory}, so 10,000 nodes can be rendered and the rest measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ModelScaleBenchmark {
  /** Workers per role, within the 254 addresses of a role's /24 block. */
  static final int PER_BLOCK = 250;
  private static final String NAME = "scale";
  private static final int SEED_NODES = 3;
  private static final String PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBenchmarkKeyOnlyForPlanning bench";

  @Param({"100", "1000", "10000"})
  public int n;

  @Param({"seed", "compact"})
  public String layout;

  private Renderer renderer;
  private Capabilities capabilities;
  private dev.stackwright.spi.Backend backend;

  @Setup
  public void setUp() {
    renderer = layout.equals("compact") ? compactRenderer() : Topologies.renderer();
    capabilities = Capabilities.full(8);
    backend = dev.stackwright.memory.InMemoryCloud.forCluster(topology(n).build());
    // A benchmark of the wrong size measures nothing: check the topology and the plan once, outside the timing.
    Plan plan = buildValidatePlanRender();
    int nodes = topology(n).build().nodes().size();
    long servers = plan.changes().stream().filter(c -> c.id().kind() == ResourceKind.SERVER).count();
    if (nodes != n || servers != n) {
      throw new IllegalStateException("the topology of n=" + n + " has " + nodes + " nodes and its plan creates "
          + servers + " servers");
    }
  }

  private static Renderer compactRenderer() {
    try {
      Path dir = Path.of(ModelScaleBenchmark.class.getResource("/bench/compact-templates").toURI());
      return Renderer.builder().secrets(SecretSource.of(secrets())).templateDirectory(dir).build();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same fixed secrets as {@link Topologies#renderer()}. */
  private static Map<SecretName, String> secrets() {
    Map<SecretName, String> secrets = new LinkedHashMap<>();
    for (SecretName name : SecretName.builtIn()) {
      secrets.put(name, "test-secret-" + SecretName.builtIn().indexOf(name) + "-0123456789");
    }
    return secrets;
  }

  /** The seed plus worker roles, {@value #PER_BLOCK} to a /24 block, to {@code n} nodes in all. */
  public static ClusterDsl topology(int n) {
    if (n <= SEED_NODES) {
      throw new IllegalArgumentException("n must be more than the seed's " + SEED_NODES + " nodes, not " + n);
    }
    ClusterDsl dsl = Topologies.seedDsl(NAME);
    int workers = n - SEED_NODES;
    for (int k = 0; workers > 0; k++) {
      int count = Math.min(PER_BLOCK, workers);
      dsl.role(k == 0 ? "worker" : "worker" + k).kind(BuiltInServices.WORKER).count(count).flavor("hpc")
          .subnet("10.0." + (100 + k));
      workers -= count;
    }
    return dsl;
  }

  @Benchmark
  public Plan buildValidatePlanRender() {
    Cluster cluster = topology(n).build();
    RenderedCluster rendered = renderer.render(cluster);
    DesiredState desired = ClusterResources.derive(cluster, rendered, Optional.of(PUBLIC_KEY), Map.of(), Set.of());
    return Planner.plan(desired, Observation.empty(cluster.name()), capabilities);
  }

  /**
   * The same plan as the command line's {@code plan} makes it: through {@code Engine.desired}, which also finds the
   * servers that wait for their ports (before issue 17 by rendering the whole cluster a second time). An engine per
   * op, since an engine keeps its renders.
   */
  @Benchmark
  public Plan buildValidatePlanAsTheEngine() {
    Cluster cluster = topology(n).build();
    Engine engine = Engine.builder().backend(backend).renderer(renderer).publicKey(PUBLIC_KEY).build();
    Observation empty = Observation.empty(cluster.name());
    return Planner.plan(engine.desired(cluster, empty), empty, capabilities);
  }
}
