package dev.stackwright.testing;

import dev.stackwright.engine.Action;
import dev.stackwright.engine.Change;
import dev.stackwright.engine.Drift;
import dev.stackwright.engine.Plan;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Assertions on a plan for a user's topology tests, read the AssertJ way: each call states one fact and returns
 * something to chain on; what narrows on one resource ({@link #createsServer}, {@link #change}, {@link #opens},
 * {@link #hasDrift}) goes back to the plan with {@code and()}. They throw {@link AssertionError} and need no
 * assertion library at run time. A failure names the nearest mismatch (the closest id, the field that differs with
 * both values) and lists the plan's changes; it never prints a secret (a server's user-data is withheld).
 *
 * <pre>{@code
 * PlanAssert.assertThat(plan)
 *     .creates(3, ResourceKind.SERVER, PlanAssert.flavor("hpc"))
 *     .createsServer("worker-1").withFlavor("hpc").withImage("debian-12").inServerGroup("worker").and()
 *     .createsPort("server_all-1").withAddress("10.0.20.1").inSecurityGroups("database", "broker").and()
 *     .opens(5984).from("appserver").to("database").and()
 *     .noRuleOpens(5984, "0.0.0.0/0")
 *     .destroysNoData()
 *     .hasNoDrift();
 * }</pre>
 *
 * Day two, after a change of the model or of the engine's settings ({@code hasNoOtherChanges} fails on any change no
 * assertion before it matched):
 *
 * <pre>{@code
 * // dayTwo: the seed applied, then planned with one more file on the workers (Renderer.Builder.addFile)
 * // and one more rule on their group (Engine.Builder.rule)
 * PlanAssert.assertThat(dayTwo)
 *     .change("server/worker-1").hasAction(Action.RECONFIGURE).changesFiles("/etc/motd").because("files only").and()
 *     .reconfigures("worker-2", "worker-3")
 *     .updates("security-group/worker")
 *     .hasNoDrift()
 *     .hasNoOtherChanges();
 * }</pre>
 */
public final class PlanAssert {
  private final PlanView view;

  private PlanAssert(Plan plan) {
    this.view = new PlanView(plan);
  }

  public static PlanAssert assertThat(Plan plan) {
    if (plan == null) {
      throw new AssertionError("expected a plan, got null");
    }
    return new PlanAssert(plan);
  }

  /** Matches servers of one flavour. */
  public static Predicate<ResourceSpec> flavor(String name) {
    return describe(s -> s instanceof ServerSpec server && server.flavor().equals(name), "with flavour " + name);
  }

  /** Matches everything. */
  public static Predicate<ResourceSpec> any() {
    return describe(s -> true, "");
  }

  /** Exactly {@code count} creates of {@code kind} whose desired spec matches. */
  public PlanAssert creates(int count, ResourceKind kind, Predicate<ResourceSpec> which) {
    List<Change> ofKind = view.plan.changes(c -> c.action() == Action.CREATE && c.id().kind() == kind);
    List<Change> matching = ofKind.stream().filter(c -> which.test(c.desired().orElseThrow())).toList();
    if (matching.size() != count) {
      String nearest = ofKind.stream().filter(c -> !which.test(c.desired().orElseThrow())).findFirst()
          .map(c -> "; nearest mismatch: " + c.id() + " " + describeSpec(c.desired().orElseThrow())).orElse("");
      String what = which.toString().isEmpty() ? "" : " " + which;
      throw new AssertionError("expected the plan to create " + count + " " + kind.id() + "(s)" + what
          + " but it creates " + matching.size() + " " + ids(matching) + nearest);
    }
    matching.forEach(view::matched);
    return this;
  }

  public PlanAssert creates(int count, ResourceKind kind) {
    return creates(count, kind, any());
  }

  /** The plan creates each of {@code ids} ({@code kind/key}, such as {@code port/worker-3}). */
  public PlanAssert creates(String... ids) {
    return each(Action.CREATE, ids, false);
  }

  /** The plan creates {@code kind/key} and its spec matches {@code which}; a failure shows the spec. */
  public PlanAssert creates(ResourceKind kind, String key, Predicate<? super ResourceSpec> which) {
    Change c = view.require(ResourceId.of(kind, key), Action.CREATE);
    ResourceSpec spec = c.desired().orElseThrow();
    if (!which.test(spec)) {
      throw new AssertionError("expected " + c.id() + " to match " + (which instanceof Described<?> ? which
          : "the predicate")
          + " but its spec is " + spec);
    }
    return this;
  }

  /** The create of {@code node}'s server, for assertions on its flavour, image, group, files... */
  public ServerAssert createsServer(String node) {
    Change c = view.require(PlanView.serverId(node), Action.CREATE);
    return new ServerAssert(this, c.id(), (ServerSpec) c.desired().orElseThrow());
  }

  /** The create of {@code node}'s port, for assertions on its addresses and security groups. */
  public PortAssert createsPort(String node) {
    Change c = view.require(ResourceId.of(ResourceKind.PORT, node), Action.CREATE);
    return new PortAssert(this, c.id(), (PortSpec) c.desired().orElseThrow());
  }

  /** The change of {@code id} ({@code kind/key}), whatever it is, for assertions on its action, reason and files. */
  public ChangeAssert change(String id) {
    ResourceId rid = PlanView.id(id);
    Change c = view.require(rid, "expected a change of " + rid);
    view.matched(c);
    return new ChangeAssert(this, c);
  }

  /** The plan deletes each of {@code ids} ({@code kind/key}). */
  public PlanAssert deletes(String... ids) {
    return each(Action.DELETE, ids, false);
  }

  /** The plan replaces (deletes and makes again) each of {@code ids} ({@code kind/key}). */
  public PlanAssert replaces(String... ids) {
    return each(Action.REPLACE, ids, false);
  }

  /** The plan changes each of {@code ids} ({@code kind/key}) in place: a group's rules, a port's addresses... */
  public PlanAssert updates(String... ids) {
    return each(Action.UPDATE, ids, false);
  }

  /** The plan gives each running node (its name, or {@code server/NAME}) what changed, keeping the server. */
  public PlanAssert reconfigures(String... nodes) {
    return each(Action.RECONFIGURE, nodes, true);
  }

  /** The plan boots each node again with new user-data in place (its services or users changed). */
  public PlanAssert rebuilds(String... nodes) {
    return each(Action.REBUILD, nodes, true);
  }

  private PlanAssert each(Action action, String[] ids, boolean servers) {
    if (ids.length == 0) {
      throw new AssertionError("name at least one resource to " + action.verb());
    }
    for (String id : ids) {
      view.require(servers ? PlanView.serverId(id) : PlanView.id(id), action);
    }
    return this;
  }

  /**
   * Every change of the plan was matched by an assertion before this one (a count of creates, a create, delete,
   * replace, update, reconfigure, rebuild, or {@link #change}); fails listing the others.
   */
  public PlanAssert hasNoOtherChanges() {
    List<Change> others = view.unmatched();
    if (!others.isEmpty()) {
      throw new AssertionError("expected no other changes but the plan has " + others.size() + " more:"
          + others.stream().map(c -> "\n  " + c).collect(Collectors.joining()));
    }
    return this;
  }

  /** The plan changes nothing. */
  public PlanAssert isEmpty() {
    if (!view.plan.isEmpty()) {
      throw new AssertionError("expected an empty plan but it has " + view.plan.summary() + ":\n"
          + view.plan.render());
    }
    return this;
  }

  /** The drift the plan keeps for {@code node} (its name, or {@code server/NAME}): files its server does not have. */
  public DriftAssert hasDrift(String node) {
    ResourceId id = PlanView.serverId(node);
    Drift d = view.plan.drift().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow(() -> view.fail(
        "expected drift of " + id + " but the plan has " + (view.plan.drift().isEmpty() ? "none"
            : "drift of " + view.plan.drift().stream().map(x -> x.id().toString()).toList())));
    return new DriftAssert(this, d);
  }

  /** The plan keeps no drift: every running server has the files the model gives it, or is changed to. */
  public PlanAssert hasNoDrift() {
    if (!view.plan.drift().isEmpty()) {
      throw view.fail("expected no drift but the plan keeps " + view.plan.drift().size());
    }
    return this;
  }

  /** Some rule of a security group the plan makes or changes lets {@code port} in; narrow with from/to. */
  public RuleAssert opens(int port) {
    return new RuleAssert(this, view, port).check();
  }

  /**
   * No security group the plan makes or changes lets {@code port} in from anywhere: no CIDR, no other group. Fails
   * when the plan makes no security group at all, since it would then prove nothing.
   */
  public PlanAssert noRuleOpens(int port) {
    RuleAssert.Found found = RuleAssert.rules(view.plan, port);
    if (!found.anyGroup()) {
      throw provesNothing("noRuleOpens(" + port + ")");
    }
    if (!found.rules().isEmpty()) {
      throw new AssertionError("expected no rule to open " + port + " but " + found.rules().get(0));
    }
    return this;
  }

  /**
   * No security group the plan makes or changes lets {@code port} in from any address of {@code cidr}: a rule from a
   * wider range that contains or overlaps it counts ({@code 0.0.0.0/0} opens the port to everyone). Fails when the
   * plan makes no security group at all, since it would then prove nothing: assert on a plan from nothing.
   */
  public PlanAssert noRuleOpens(int port, String cidr) {
    Ipv4Network from = Ipv4Network.tryParse(cidr).orElseThrow(() -> new AssertionError("noRuleOpens(" + port + ", \""
        + cidr + "\"): not an IPv4 CIDR such as 0.0.0.0/0 or 192.0.2.0/24"));
    RuleAssert.Found found = RuleAssert.rules(view.plan, port);
    if (!found.anyGroup()) {
      throw provesNothing("noRuleOpens(" + port + ", \"" + cidr + "\")");
    }
    found.rules().stream().filter(r -> r.rule().remoteCidr().flatMap(Ipv4Network::tryParse).filter(from::overlaps)
        .isPresent()).findFirst().ifPresent(r -> {
          throw new AssertionError("expected no rule to open " + port + " to " + cidr + " but " + r);
        });
    return this;
  }

  private AssertionError provesNothing(String call) {
    return new AssertionError(call + " proves nothing: the plan makes or changes no security group ("
        + view.plan.changes().size() + " changes); assert on the plan of the cluster on an empty cloud");
  }

  /** No change deletes, replaces or rebuilds a server that holds data. */
  public PlanAssert destroysNoData() {
    List<Change> bad = view.plan.changes(Change::destroysData);
    if (!bad.isEmpty()) {
      throw new AssertionError("expected no change to destroy data but: " + bad);
    }
    return this;
  }

  /** {@code id}'s change has {@code action} and its reason contains {@code reasonPart}. */
  public PlanAssert changes(String id, Action action, String reasonPart) {
    Change c = view.plan.changes().stream().filter(x -> x.id().toString().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("expected a change of " + id + " but the plan changes "
            + ids(view.plan.changes())));
    if (c.action() != action || !c.reason().contains(reasonPart)) {
      throw new AssertionError("expected " + action.verb() + " " + id + " because of \"" + reasonPart
          + "\" but the plan says: " + c);
    }
    view.matched(c);
    return this;
  }

  private static String ids(List<Change> changes) {
    return changes.stream().map(c -> c.id().toString()).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String describeSpec(ResourceSpec s) {
    return s instanceof ServerSpec server ? "has flavour " + server.flavor() + ", image " + server.image()
        : s.toString();
  }

  private static <T> Predicate<T> describe(Predicate<T> p, String text) {
    return new Described<>(p, text);
  }

  /** A predicate of ours, which says what it matches. */
  private record Described<T>(Predicate<T> predicate, String text) implements Predicate<T> {
    @Override
    public boolean test(T t) {
      return predicate.test(t);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
