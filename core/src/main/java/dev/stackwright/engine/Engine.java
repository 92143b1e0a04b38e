package dev.stackwright.engine;

import dev.stackwright.StackwrightException;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.OsRelease;
import dev.stackwright.model.Service;
import dev.stackwright.model.UserDataPolicy;
import dev.stackwright.render.NetworkFacts;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plans, applies and destroys clusters on one backend. There is no state file: every plan starts by observing what
 * carries the cluster's marker. Thread-safe.
 *
 * <pre>{@code
 * Engine engine = Engine.builder().backend(InMemoryCloud.forCluster(cluster)).parallelism(8).build();
 * Plan plan = engine.plan(cluster);
 * System.out.print(plan.render());
 * ApplyResult result = engine.apply(cluster);
 * }</pre>
 */
public final class Engine {
  private final Backend backend;
  private final Renderer renderer;
  private final int parallelism;
  private final ExecutionListener listener;
  private final Optional<String> publicKey;
  private final Map<Service, List<RuleSpec>> extraRules;
  private final String serverGroupPolicy;
  private final int maxUnavailable;
  private final boolean allowDataLoss;
  private final Duration checkTimeout;
  private final Map<RenderKey, RenderedCluster> renders = new ConcurrentHashMap<>();

  private Engine(Builder b) {
    this.backend = Objects.requireNonNull(b.backend, "a backend: Engine.builder().backend(...)");
    this.renderer = b.renderer != null ? b.renderer : Renderer.builder().build();
    this.parallelism = b.parallelism != null ? b.parallelism : backend.capabilities().parallelism();
    this.listener = b.listener;
    this.publicKey = Optional.ofNullable(b.publicKey);
    this.extraRules = Map.copyOf(b.extraRules);
    this.serverGroupPolicy = b.serverGroupPolicy;
    this.maxUnavailable = b.maxUnavailable;
    this.allowDataLoss = b.allowDataLoss;
    this.checkTimeout = b.checkTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Backend backend() {
    return backend;
  }

  /**
   * What applying {@code cluster} would change, and why. Observes the backend; changes nothing.
   *
   * @throws dev.stackwright.InvalidClusterException before any call, for a model the DSL would refuse
   */
  public Plan plan(Cluster cluster) {
    List<String> notes = admit(cluster);
    Observation observed = backend.observe(cluster.name());
    DesiredState desired = noted(desired(cluster, observed), notes);
    // the same render desired() made (kept per model and facts): the files each change writes, for toJson and --diff
    return PlanFiles.detailed(Planner.plan(desired, observed, backend.capabilities()), backend.name(), desired,
        rendered(cluster, ObservedFacts.of(cluster, observed.resources())), checkTimeout);
  }

  /**
   * Plans and applies; the result names every failure and what was left undone. A plan with {@linkplain
   * Plan#conflicts() conflicts} is not applied: {@link PlanConflictException}.
   */
  public ApplyResult apply(Cluster cluster) {
    List<String> notes = admit(cluster);
    Observation observed = backend.observe(cluster.name());
    DesiredState desired = noted(desired(cluster, observed), notes);
    return execute(cluster, Planner.plan(desired, observed, backend.capabilities()), observed, desired);
  }

  /**
   * Applies a plan computed before (and shown to a person), after checking that the cloud has not changed since:
   * a stale plan is refused rather than applied. Servers the plan waits for that have finished building since are
   * not a change.
   */
  public ApplyResult apply(Cluster cluster, Plan approved) {
    admit(cluster);
    Observation observed = backend.observe(cluster.name());
    DesiredState desired = desired(cluster, observed);
    Plan now = Planner.plan(desired, observed, backend.capabilities());
    if (Staleness.stale(approved, now)) {
      throw new StalePlanException(cluster.name(), approved, now);
    }
    return execute(cluster, now, observed, desired);
  }

  /**
   * The engine's door: the model passes the validator, the backend finds each image it boots to be the OS release
   * it declares, and an existing network the cluster uses fits its address plan ({@link NetworkCheck}), before any
   * other call. Returns the backend's notes for the plan.
   */
  private List<String> admit(Cluster cluster) {
    ClusterDsl.validate(cluster);
    Map<String, OsRelease> images = new java.util.LinkedHashMap<>();
    cluster.nodes().forEach(n -> images.putIfAbsent(n.image(), cluster.osRelease(n.image())));
    List<String> notes = backend.checkImages(images);
    NetworkCheck.check(cluster, backend);
    return notes;
  }

  private static DesiredState noted(DesiredState desired, List<String> notes) {
    if (notes.isEmpty()) {
      return desired;
    }
    return desired.noted(notes);
  }

  /**
   * The resources an engine makes for {@code cluster} in a cloud that has none yet, servers with {@code rendered}'s
   * user-data, no keypair (an export names the cloud's): what an export ({@code HeatTemplate}) describes, so that it
   * never says what the engine would not make. Contacts no cloud. {@code serverGroupPolicy} as the builder's.
   *
   * @throws dev.stackwright.InvalidClusterException for a model the DSL would refuse
   */
  public static List<ResourceSpec> resources(Cluster cluster, RenderedCluster rendered, String serverGroupPolicy) {
    ClusterDsl.validate(cluster);
    String policy = builder().serverGroupPolicy(serverGroupPolicy).serverGroupPolicy;
    if (!rendered.cluster().equals(cluster.name())) {
      throw new IllegalArgumentException("the files were rendered for cluster " + rendered.cluster() + ", not "
          + cluster.name() + "; render this cluster's");
    }
    return ClusterResources.derive(cluster, rendered, Optional.empty(), Map.of(), Set.of(), policy).resources();
  }

  /** What destroying {@code cluster} would delete: exactly the resources that carry its marker. */
  public Plan destroyPlan(String cluster) {
    return destroying(backend.observe(cluster)).detailed(backend.name(), List.of(), Map.of());
  }

  /** Deletes every resource that carries the cluster's marker, servers before their ports and groups. */
  public ApplyResult destroy(String cluster) {
    Observation observed = backend.observe(cluster);
    return new Executor(backend, parallelism, listener, (spec, live) -> spec).run(destroying(observed), observed,
        Set.of(), Set.of());
  }

  /** Deletes of everything observed: the plan for a model that wants nothing. */
  private Plan destroying(Observation observed) {
    return Planner.plan(new DesiredState(observed.cluster(), List.of(), Map.of(), Set.of(), List.of(),
        DesiredState.BUILT_INS_WITHOUT_DATA), observed,
        backend.capabilities());
  }

  /**
   * The cluster's entry points as they are now (the load balancer's and the controller's URLs, floating IPs, SSH),
   * from one observation; empty ({@link Outputs#isEmpty()}) before the first apply. Changes nothing.
   */
  public Outputs outputs(Cluster cluster) {
    ClusterDsl.validate(cluster);
    return outputs(cluster, backend.observe(cluster.name()));
  }

  private Outputs outputs(Cluster cluster, Observation observed) {
    return EntryPoints.of(cluster, observed, backend.name(), backend.addressNote());
  }

  /** The cluster's files as its servers get them, with the MACs of the ports that exist now. */
  public RenderedCluster render(Cluster cluster) {
    ClusterDsl.validate(cluster);
    return rendered(cluster, ObservedFacts.of(cluster, backend.observe(cluster.name()).resources()));
  }

  private ApplyResult execute(Cluster cluster, Plan plan, Observation observed, DesiredState desired) {
    if (!plan.conflicts().isEmpty()) {
      throw new PlanConflictException(plan);
    }
    refuseDataLoss(plan, desired);
    Executor executor = new Executor(backend, parallelism, listener, (spec, live) -> finalSpec(cluster, spec, live),
        rolling(cluster, desired));
    Set<ResourceId> strict = new HashSet<>();
    desired.resources().stream().filter(r -> r instanceof ServerGroupSpec g && g.policy().equals("anti-affinity"))
        .forEach(r -> strict.add(r.id()));
    ApplyResult result = executor.run(plan, observed, desired.userDataAfterPorts(), strict);
    return result.withOutputs(outputs(cluster, result.after()));
  }

  /** A replacement the host's policy asked for is consented to; a rebuild or one a change of services needs is not. */
  private void refuseDataLoss(Plan plan, DesiredState desired) {
    List<Change> wiping = plan.changes(c -> c.destroysData() && (c.action() == Action.REBUILD
        || (c.action() == Action.REPLACE && desired.policy(c.id()) != UserDataPolicy.REPLACE)));
    if (!wiping.isEmpty() && !allowDataLoss) {
      throw new StackwrightException("nothing was changed: " + String.join(", ", wiping.stream().map(c -> c.id()
          .key() + " would be " + (c.action() == Action.REBUILD ? "rebuilt" : "replaced")).toList()) + ", and that"
          + " wipes the data its services hold. Fix: back the data up, then apply again allowing it"
          + " (--allow-data-loss; Engine.Builder.allowDataLoss(true)), or keep the services where they are");
    }
  }

  /** How the run changes running servers: node updates made from one view of the cloud, kind by kind. */
  private Rolling rolling(Cluster cluster, DesiredState desired) {
    Map<ResourceId, String> hosts = new HashMap<>();
    Map<ResourceId, ResourceId> vias = new HashMap<>();
    Set<ResourceId> leaders = new HashSet<>();
    desired.nodes().forEach((id, node) -> {
      hosts.put(id, node.host());
      node.via().ifPresent(via -> vias.put(id, via));
      if (node.leadsRedeploy()) {
        leaders.add(id);
      }
    });
    return new Rolling((change, live) -> {
      // one view of the cloud for what is pushed and what is recorded
      Map<ResourceId, Observed> now = Map.copyOf(live);
      return NodeUpdates.of(change, rendered(cluster, ObservedFacts.of(cluster, now.values())),
          (ServerSpec) finalSpec(cluster, change.desired().orElseThrow(), now), desired.nodes().get(change.id()),
          checkTimeout);
    }, (id, live) -> NodeUpdates.booted((ServerSpec) live.get(id).spec(), rendered(cluster,
        ObservedFacts.of(cluster, Map.copyOf(live).values())).node(desired.nodes().get(id).node()), desired.nodes().get(id), checkTimeout),
        hosts, vias, leaders, maxUnavailable);
  }

  /** A server's spec with the user-data rendered from the MACs and addresses that exist now; others as they are. */
  private ResourceSpec finalSpec(Cluster cluster, ResourceSpec spec, Map<ResourceId, Observed> live) {
    if (!(spec instanceof ServerSpec)) {
      return spec;
    }
    RenderedCluster now = rendered(cluster, ObservedFacts.of(cluster, live.values()));
    return ClusterResources.derive(cluster, now, publicKey, extraRules, Set.of(), serverGroupPolicy).resources()
        .stream().filter(r -> r.id().equals(spec.id())).findFirst().orElse(spec);
  }

  /**
   * The desired state with the MACs and public addresses known now. A server whose files read a missing MAC or
   * floating IP (the controller's DHCP leases; Django's allowed hosts) gets its final user-data only once the ports
   * and floating IPs exist: the render tells which, the facts still to come being marked pending.
   */
  DesiredState desired(Cluster cluster, Observation observed) {
    RenderedCluster rendered = rendered(cluster, ObservedFacts.of(cluster, observed.resources()));
    Set<ResourceId> afterPorts = new HashSet<>();
    for (Node n : cluster.nodes()) {
      if (rendered.readsPendingFacts(n.name())) {
        afterPorts.add(ResourceId.of(ResourceKind.SERVER, n.name()));
      }
    }
    return ClusterResources.derive(cluster, rendered, publicKey, extraRules, afterPorts, serverGroupPolicy);
  }

  private RenderedCluster rendered(Cluster cluster, NetworkFacts facts) {
    if (renders.size() > 64) {
      renders.clear();
    }
    return renders.computeIfAbsent(new RenderKey(cluster, facts), k -> renderer.render(cluster, facts));
  }

  /** Renders are kept per model and MACs: a server's final user-data is asked for once per server. */
  private record RenderKey(Cluster cluster, NetworkFacts facts) {}

  /** Configures an engine; only the backend is required. */
  public static final class Builder {
    private Backend backend;
    private Renderer renderer;
    private Integer parallelism;
    private ExecutionListener listener = ExecutionListener.NONE;
    private String publicKey;
    private final Map<Service, List<RuleSpec>> extraRules = new java.util.LinkedHashMap<>();
    private String serverGroupPolicy = "anti-affinity";
    private int maxUnavailable = 1;
    private boolean allowDataLoss;
    private Duration checkTimeout = NodeUpdates.CHECK_TIMEOUT;

    private Builder() {}

    /**
     * Whether a rebuild in place may wipe a server that holds data (a database moved onto with a new service); refused
     * before any change unless set. A replacement is the host's policy's to allow ({@code onUserDataChange}).
     */
    public Builder allowDataLoss(boolean allow) {
      this.allowDataLoss = allow;
      return this;
    }

    /**
     * How long a running node's health checks may take to pass after it is changed (2 minutes unless set): a
     * service that is slow to start needs more; a check that can never pass fails the change only when it is up.
     */
    public Builder checkTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("checkTimeout must be positive, not " + timeout);
      }
      this.checkTimeout = timeout;
      return this;
    }

    /**
     * How many nodes of one host kind a rollout changes at once (reconfigures, rebuilds), each group checked healthy
     * before the next; 1 unless set.
     */
    public Builder maxUnavailable(int nodes) {
      if (nodes < 1) {
        throw new IllegalArgumentException("maxUnavailable must be at least 1, not " + nodes + ": a rollout that may"
            + " take no node down cannot change any");
      }
      this.maxUnavailable = nodes;
      return this;
    }

    /**
     * How the VMs of a host kind spread: {@code anti-affinity} (the default: never two on one hypervisor) or
     * {@code soft-anti-affinity} (spread when possible), for clouds with fewer hypervisors than a host kind has VMs.
     */
    public Builder serverGroupPolicy(String policy) {
      if (!List.of("anti-affinity", "soft-anti-affinity").contains(policy)) {
        throw new IllegalArgumentException("serverGroupPolicy is anti-affinity or soft-anti-affinity, not \""
            + policy + "\"");
      }
      this.serverGroupPolicy = policy;
      return this;
    }

    public Builder backend(Backend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    /** Renders the files; a default renderer (secrets from the environment) unless set. */
    public Builder renderer(Renderer renderer) {
      this.renderer = Objects.requireNonNull(renderer, "renderer");
      return this;
    }

    /** At most this many backend calls at once; the backend's own figure unless set. */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    public Builder listener(ExecutionListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The OpenSSH public key the servers boot with ({@code ssh-ed25519 AAAA... user@host}). */
    public Builder publicKey(String publicKey) {
      String k = Objects.requireNonNull(publicKey, "publicKey").strip();
      if (!k.matches("(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp\\d+) [A-Za-z0-9+/=]+( .*)?")) {
        throw new IllegalArgumentException("not an OpenSSH public key (\"ssh-ed25519 AAAA... comment\"): \""
            + (k.length() > 40 ? k.substring(0, 40) + "..." : k) + "\"");
      }
      this.publicKey = k;
      return this;
    }

    /**
     * One more ingress rule on the security group of {@code service} (a built-in such as
     * {@code BuiltInServices.DATABASE}, or one of the cluster's own), beside the rules its accesses make.
     */
    public Builder rule(Service service, RuleSpec rule) {
      extraRules.computeIfAbsent(Objects.requireNonNull(service, "service"), k -> new ArrayList<>())
          .add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    public Engine build() {
      return new Engine(this);
    }
  }
}
