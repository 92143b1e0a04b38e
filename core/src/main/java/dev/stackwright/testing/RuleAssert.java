package dev.stackwright.testing;

import dev.stackwright.Closest;
import dev.stackwright.engine.Action;
import dev.stackwright.engine.Change;
import dev.stackwright.engine.Plan;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.model.Service;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Assertions on the rules that let one port in, over the security groups the plan makes or changes, from
 * {@link PlanAssert#opens(int)}: each call narrows (who may connect, to which group) and checks that a rule still
 * matches, so {@code opens(5984).from("appserver").to("database")} fails at the first step that is not true, naming
 * the rules that open the port and the nearest source. {@link #and()} goes back to the plan.
 */
public final class RuleAssert {
  private final PlanAssert plan;
  private final PlanView view;
  private final int port;
  private Optional<String> fromGroup = Optional.empty();
  private Optional<Ipv4Network> fromCidr = Optional.empty();
  private Optional<String> to = Optional.empty();

  RuleAssert(PlanAssert plan, PlanView view, int port) {
    this.plan = plan;
    this.view = view;
    this.port = port;
  }

  /**
   * Who may connect: a service whose group is the rule's source ({@code appserver}), or a CIDR every address of which
   * the rule admits ({@code 203.0.113.0/24} is admitted by a rule from {@code 0.0.0.0/0}).
   */
  public RuleAssert from(String serviceOrCidr) {
    if (serviceOrCidr.contains("/")) {
      fromCidr = Optional.of(Ipv4Network.tryParse(serviceOrCidr).orElseThrow(() -> new AssertionError("from(\""
          + serviceOrCidr + "\"): not an IPv4 CIDR such as 0.0.0.0/0; give a service's name, such as appserver")));
    } else {
      fromGroup = Optional.of(serviceOrCidr);
    }
    return check();
  }

  /** Who may connect: the members of {@code service}'s security group. */
  public RuleAssert from(Service service) {
    return from(service.name());
  }

  /** Into which group: the rule is one of {@code service}'s security group ({@code database}). */
  public RuleAssert to(String service) {
    to = Optional.of(service);
    return check();
  }

  public RuleAssert to(Service service) {
    return to(service.name());
  }

  /** Back to the plan. */
  public PlanAssert and() {
    return plan;
  }

  RuleAssert check() {
    Found found = rules(view.plan, port);
    if (!found.anyGroup()) {
      throw new AssertionError("expected " + expected() + " but the plan makes or changes no security group ("
          + view.plan.changes().size() + " changes); assert on the plan of the cluster on an empty cloud");
    }
    if (found.rules().stream().noneMatch(this::matches)) {
      throw new AssertionError("expected " + expected() + " but " + (found.rules().isEmpty()
          ? "no rule opens " + port + nearestPort(found)
          : "the rules that open " + port + " are:" + found.rules().stream().map(r -> "\n  " + r)
              .collect(Collectors.joining()) + nearestSource(found)));
    }
    return this;
  }

  private boolean matches(GroupRule r) {
    boolean source = fromGroup.map(g -> r.rule().remoteGroup().equals(Optional.of(group(g)))).orElse(true)
        && fromCidr.map(c -> r.rule().remoteCidr().flatMap(Ipv4Network::tryParse).filter(n -> n.contains(c))
            .isPresent()).orElse(true);
    return source && to.map(t -> r.group().equals(group(t))).orElse(true);
  }

  private String expected() {
    return "a rule to open " + port + fromGroup.map(g -> " from " + group(g)).orElse("")
        + fromCidr.map(c -> " from " + c).orElse("") + to.map(t -> " in " + group(t)).orElse("");
  }

  private String nearestSource(Found found) {
    List<String> sources = found.rules().stream().map(r -> r.rule().remoteGroup().map(ResourceId::key)
        .orElse(r.rule().remoteCidr().orElse(""))).distinct().toList();
    List<String> groups = found.rules().stream().map(r -> r.group().key()).distinct().toList();
    String near = fromGroup.flatMap(g -> Closest.nearest(g, sources)).map(n -> "\nnearest source: " + n).orElse("");
    return near + to.flatMap(t -> Closest.nearest(t, groups)).map(n -> "\nnearest group: " + n).orElse("");
  }

  private static String nearestPort(Found found) {
    List<Integer> ports = found.all().stream().map(r -> r.rule().portMin()).distinct().sorted().toList();
    return "; the groups open " + ports;
  }

  private static ResourceId group(String service) {
    return ResourceId.of(ResourceKind.SECURITY_GROUP, service);
  }

  /** A rule with the group it belongs to: {@code security-group/database has tcp 5984 from ...}. */
  record GroupRule(ResourceId group, RuleSpec rule) {
    @Override
    public String toString() {
      return group + " has " + rule;
    }
  }

  /** Whether the plan makes or changes any group; its rules that let {@code port} in; and all its rules. */
  record Found(boolean anyGroup, List<GroupRule> rules, List<GroupRule> all) {}

  static Found rules(Plan plan, int port) {
    List<GroupRule> all = new ArrayList<>();
    boolean anyGroup = false;
    for (Change c : plan.changes()) {
      if (c.action() != Action.DELETE && c.desired().orElse(null) instanceof SecurityGroupSpec g) {
        anyGroup = true;
        g.rules().forEach(r -> all.add(new GroupRule(c.id(), r)));
      }
    }
    List<GroupRule> opening = all.stream().filter(r -> r.rule().portMin() <= port && port <= r.rule().portMax())
        .toList();
    return new Found(anyGroup, opening, all);
  }
}
