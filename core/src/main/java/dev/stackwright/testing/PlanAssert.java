package dev.stackwright.testing;

import dev.stackwright.engine.Action;
import dev.stackwright.engine.Change;
import dev.stackwright.engine.Plan;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.model.Ipv4Network;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Assertions on a plan for a user's topology tests, in the style of CDK's {@code Template} assertions; they throw
 * {@link AssertionError} and need no assertion library at run time. A failure shows the nearest mismatch.
 *
 * <pre>{@code
 * PlanAssert.assertThat(engine.plan(cluster))
 *     .creates(3, ResourceKind.SERVER, PlanAssert.flavor("hpc"))
 *     .noRuleOpens(5984, "0.0.0.0/0")
 *     .destroysNoData();
 * }</pre>
 */
public final class PlanAssert {
  private final Plan plan;

  private PlanAssert(Plan plan) {
    this.plan = plan;
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
    List<Change> ofKind = plan.changes(c -> c.action() == Action.CREATE && c.id().kind() == kind);
    List<Change> matching = ofKind.stream().filter(c -> which.test(c.desired().orElseThrow())).toList();
    if (matching.size() != count) {
      String nearest = ofKind.stream().filter(c -> !which.test(c.desired().orElseThrow())).findFirst()
          .map(c -> "; nearest mismatch: " + c.id() + " " + describeSpec(c.desired().orElseThrow())).orElse("");
      String what = which.toString().isEmpty() ? "" : " " + which;
      throw new AssertionError("expected the plan to create " + count + " " + kind.id() + "(s)" + what
          + " but it creates " + matching.size() + " " + ids(matching) + nearest);
    }
    return this;
  }

  public PlanAssert creates(int count, ResourceKind kind) {
    return creates(count, kind, any());
  }

  /** The plan changes nothing. */
  public PlanAssert isEmpty() {
    if (!plan.isEmpty()) {
      throw new AssertionError("expected an empty plan but it has " + plan.summary() + ":\n" + plan.render());
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
    boolean anyGroup = false;
    for (Change c : plan.changes()) {
      if (c.desired().orElse(null) instanceof SecurityGroupSpec group) {
        anyGroup = true;
        for (RuleSpec r : group.rules()) {
          boolean reaches = r.remoteCidr().flatMap(Ipv4Network::tryParse).filter(from::overlaps).isPresent();
          if (r.portMin() <= port && port <= r.portMax() && reaches) {
            throw new AssertionError("expected no rule to open " + port + " to " + cidr + " but " + c.id()
                + " has " + r);
          }
        }
      }
    }
    if (!anyGroup) {
      throw new AssertionError("noRuleOpens(" + port + ", \"" + cidr + "\") proves nothing: the plan makes or changes"
          + " no security group (" + plan.changes().size() + " changes); assert on the plan of the cluster on an"
          + " empty cloud");
    }
    return this;
  }

  /** No change deletes or replaces a server that holds data. */
  public PlanAssert destroysNoData() {
    List<Change> bad = plan.changes(Change::destroysData);
    if (!bad.isEmpty()) {
      throw new AssertionError("expected no change to destroy data but: " + bad);
    }
    return this;
  }

  /** {@code id}'s change has {@code action} and its reason contains {@code reasonPart}. */
  public PlanAssert changes(String id, Action action, String reasonPart) {
    Change c = plan.changes().stream().filter(x -> x.id().toString().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("expected a change of " + id + " but the plan changes "
            + ids(plan.changes())));
    if (c.action() != action || !c.reason().contains(reasonPart)) {
      throw new AssertionError("expected " + action.verb() + " " + id + " because of \"" + reasonPart
          + "\" but the plan says: " + c);
    }
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
    return new Predicate<>() {
      @Override
      public boolean test(T t) {
        return p.test(t);
      }

      @Override
      public String toString() {
        return text;
      }
    };
  }
}
