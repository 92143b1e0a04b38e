package dev.stackwright.engine;

import static dev.stackwright.engine.HandMade.group;
import static dev.stackwright.engine.HandMade.have;
import static dev.stackwright.engine.HandMade.id;
import static dev.stackwright.engine.HandMade.server;
import static dev.stackwright.engine.HandMade.serverGroup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What each step waits for, read from the changes' data, never from the words of their reasons. */
class StepGraphTest {
  private static final ResourceId PORT = ResourceId.of(ResourceKind.PORT, "worker-1");

  private static PortSpec port(String address) {
    return new PortSpec(PORT, "seed-worker-1", "internal", Set.of(Ipv4Address.parse(address)), Set.of());
  }

  private static Observed observed(String cloudId, String address) {
    return new Observed(PORT, cloudId, port(address), Map.of());
  }

  private static Plan plan(Change... changes) {
    return new Plan("seed", List.of(changes), List.of(), List.of(), 0, List.of());
  }

  private static Step step(List<Step> steps, Step.Phase phase, Change change) {
    return steps.stream().filter(s -> s.phase() == phase && s.change() == change).findFirst().orElseThrow();
  }

  private static Change create(ResourceSpec spec) {
    return new Change(Action.CREATE, spec.id(), Optional.of(spec), Optional.empty(), "not in the cloud yet", false);
  }

  private static Change delete(ResourceSpec spec) {
    return new Change(Action.DELETE, spec.id(), Optional.empty(), Optional.of(have(spec)), "no longer in the model",
        false);
  }

  private static Change update(ResourceSpec now, ResourceSpec wanted) {
    return new Change(Action.UPDATE, wanted.id(), Optional.of(wanted), Optional.of(have(now)), "changed", false);
  }

  private static Change replace(ResourceSpec now, ResourceSpec wanted) {
    return new Change(Action.REPLACE, wanted.id(), Optional.of(wanted), Optional.of(have(now)), "changed", false);
  }

  /** The one step of {@code change} (a change that is not a replacement). */
  private static Step only(List<Step> steps, Change change) {
    return steps.stream().filter(s -> s.change() == change).findFirst().orElseThrow();
  }

  @Test
  void aReplacementWhoseReasonBeginsWithDuplicateStillCreatesOnlyAfterItsDelete() {
    // given: a port replaced for a reason whose words happen to begin with "duplicate"
    Change replace = new Change(Action.REPLACE, PORT, Optional.of(port("10.0.100.2")),
        Optional.of(observed("p-1", "10.0.100.1")), "duplicate address plan moved it", false);
    List<Step> steps = StepGraph.steps(plan(replace), true);

    // when
    Map<Step, List<Step>> edges = StepGraph.edges(steps, Set.of());

    // then
    assertThat(edges.get(step(steps, Step.Phase.CREATE, replace)))
        .contains(step(steps, Step.Phase.DELETE, replace));
  }

  @Test
  void aDuplicatesDeleteIsKnownByItsDataWhateverItsReasonSays() {
    // given: a port replaced, and a duplicate of it (a second resource with its marker) deleted
    Change replace = new Change(Action.REPLACE, PORT, Optional.of(port("10.0.100.2")),
        Optional.of(observed("p-1", "10.0.100.1")), "addresses changed", false);
    Change duplicate = Change.duplicate(observed("p-2", "10.0.100.1"), "a second copy of port/worker-1");
    List<Step> steps = StepGraph.steps(plan(replace, duplicate), true);

    // when
    Map<Step, List<Step>> edges = StepGraph.edges(steps, Set.of());

    // then: the new port waits for the delete of the one it replaces, not for the duplicate's
    assertThat(duplicate.duplicate()).isTrue();
    assertThat(replace.duplicate()).isFalse();
    assertThat(edges.get(step(steps, Step.Phase.CREATE, replace)))
        .contains(step(steps, Step.Phase.DELETE, replace))
        .doesNotContain(step(steps, Step.Phase.DELETE, duplicate));
  }

  @Test
  void aPortWaitsForTheCreatesOfItsSecurityGroups() {
    // given
    Change g = create(group("worker"));
    Change p = create(HandMade.port("worker-1", "10.0.100.1", "worker"));
    List<Step> steps = StepGraph.steps(plan(g, p), true);

    // when
    Map<Step, List<Step>> edges = StepGraph.edges(steps, Set.of());

    // then
    assertThat(edges.get(only(steps, p))).containsExactly(only(steps, g));
    assertThat(edges.get(only(steps, g))).isEmpty();
  }

  @Test
  void aServerWaitsForTheCreatesOfItsPortAndServerGroup() {
    // given
    Change sg = create(serverGroup("worker", "anti-affinity"));
    Change p = create(HandMade.port("worker-1", "10.0.100.1"));
    Change s = create(server("worker-1", "hpc", "u", Optional.of("worker")));
    List<Step> steps = StepGraph.steps(plan(sg, p, s), true);

    // when
    Map<Step, List<Step>> edges = StepGraph.edges(steps, Set.of());

    // then
    assertThat(edges.get(only(steps, s))).containsExactlyInAnyOrder(only(steps, p), only(steps, sg));
  }

  @Test
  void deletesGoInReverseAServerBeforeItsPortAndAPortBeforeItsGroup() {
    // given
    Change g = delete(group("worker"));
    Change p = delete(HandMade.port("worker-1", "10.0.100.1", "worker"));
    Change s = delete(server("worker-1", "hpc", "u"));
    List<Step> steps = StepGraph.steps(plan(s, p, g), true);

    // when
    Map<Step, List<Step>> edges = StepGraph.edges(steps, Set.of());

    // then
    assertThat(edges.get(only(steps, p))).containsExactly(only(steps, s));
    assertThat(edges.get(only(steps, g))).containsExactly(only(steps, p));
    assertThat(edges.get(only(steps, s))).isEmpty();
  }

  @Test
  void aGroupsDeleteDoesNotWaitForTheDeleteOfAGroupWhoseRulesNameIt() {
    // given: the cloud drops the rules naming a group with the group
    SecurityGroupSpec web = group("web");
    Change named = delete(web);
    Change naming = delete(group("app", RuleSpec.tcpFrom(8000, web.id(), "app from web")));
    List<Step> steps = StepGraph.steps(plan(named, naming), true);

    // when
    Map<Step, List<Step>> edges = StepGraph.edges(steps, Set.of());

    // then
    assertThat(edges.get(only(steps, named))).isEmpty();
  }

  @Test
  void aReplacedSecurityGroupIsMadeBeforeTheOldGoesAfterThePortMovesAway() {
    // given: the group is replaced, and its port updated to the new one
    SecurityGroupSpec group = group("worker");
    PortSpec port = HandMade.port("worker-1", "10.0.100.1", "worker");
    Change g = replace(group, new SecurityGroupSpec(group.id(), "hand-worker-v2", "", List.of()));
    Change p = update(port, port);
    List<Step> steps = StepGraph.steps(plan(g, p), true);

    // when
    Map<Step, List<Step>> edges = StepGraph.edges(steps, Set.of());

    // then
    assertThat(edges.get(step(steps, Step.Phase.CREATE, g))).isEmpty();
    assertThat(edges.get(step(steps, Step.Phase.DELETE, g))).containsExactly(only(steps, p));
    assertThat(edges.get(only(steps, p))).containsExactly(step(steps, Step.Phase.CREATE, g));
  }

  @Test
  void newGroupsWhoseRulesNameEachOtherAreLinkedAfterBothAreMade() {
    // given
    ResourceId webId = id(ResourceKind.SECURITY_GROUP, "web");
    ResourceId appId = id(ResourceKind.SECURITY_GROUP, "app");
    Change web = create(group("web", RuleSpec.tcpFrom(80, appId, "web from app")));
    Change app = create(group("app", RuleSpec.tcpFrom(8000, webId, "app from web")));
    List<Step> steps = StepGraph.steps(plan(web, app), true);

    // when
    Map<Step, List<Step>> edges = StepGraph.edges(steps, Set.of());

    // then
    assertThat(edges.get(step(steps, Step.Phase.CREATE, web))).isEmpty();
    assertThat(edges.get(step(steps, Step.Phase.LINK, web)))
        .containsExactlyInAnyOrder(step(steps, Step.Phase.CREATE, web), step(steps, Step.Phase.CREATE, app));
    assertThat(StepGraph.linkedLater(steps)).containsEntry(webId, Set.of(appId)).containsEntry(appId, Set.of(webId));
  }

  @Test
  void withoutLinkStepsAGroupsCreateWaitsForTheGroupsItsRulesName() {
    // given: a backend that cannot add rules to a group once it is made
    ResourceId appId = id(ResourceKind.SECURITY_GROUP, "app");
    Change app = create(group("app"));
    Change web = create(group("web", RuleSpec.tcpFrom(80, appId, "web from app")));
    List<Step> steps = StepGraph.steps(plan(app, web), false);

    // when
    Map<Step, List<Step>> edges = StepGraph.edges(steps, Set.of());

    // then
    assertThat(steps).noneMatch(s -> s.phase() == Step.Phase.LINK);
    assertThat(edges.get(only(steps, web))).containsExactly(only(steps, app));
  }

  @Test
  void aNewServerWaitsForTheRulesOfTheGroupsOnItsPort() {
    // given: the port's group gets rules in place; the server boots behind them
    SecurityGroupSpec group = group("worker");
    Change g = update(group, group("worker", RuleSpec.tcpFrom(22, "192.0.2.0/24", "ssh")));
    Change p = create(HandMade.port("worker-1", "10.0.100.1", "worker"));
    Change s = create(server("worker-1", "hpc", "u"));
    List<Step> steps = StepGraph.steps(plan(g, p, s), true);

    // when
    Map<Step, List<Step>> edges = StepGraph.edges(steps, Set.of());

    // then
    assertThat(edges.get(only(steps, s))).containsExactlyInAnyOrder(only(steps, p), only(steps, g));
    assertThat(edges.get(only(steps, p))).isEmpty();
  }

  @Test
  void aServerWhoseUserDataNamesEveryPortWaitsForEveryNewPortAndFloatingIp() {
    // given
    Change own = create(HandMade.port("controller-1", "10.0.0.1"));
    Change other = create(HandMade.port("worker-1", "10.0.100.1"));
    Change fip = create(HandMade.floatingIp("worker-1", "worker-1"));
    Change controller = create(server("controller-1", "small", "u"));
    List<Step> steps = StepGraph.steps(plan(own, other, fip, controller), true);

    // when
    Map<Step, List<Step>> edges = StepGraph.edges(steps, Set.of(controller.id()));

    // then
    assertThat(edges.get(only(steps, controller)))
        .containsExactlyInAnyOrder(only(steps, own), only(steps, other), only(steps, fip));
  }

  @Test
  void aNewPortWaitsForThePortThatGivesUpItsAddress() {
    // given: worker-2's address moves to a new port
    Change giving = update(HandMade.port("worker-2", "10.0.100.7"), HandMade.port("worker-2", "10.0.100.2"));
    Change taking = create(HandMade.port("worker-9", "10.0.100.7"));
    List<Step> steps = StepGraph.steps(plan(giving, taking), true);

    // when
    Map<Step, List<Step>> edges = StepGraph.edges(steps, Set.of());

    // then
    assertThat(edges.get(only(steps, taking))).containsExactly(only(steps, giving));
  }

  @Test
  void anAwaitWaitsForNothingAndNothingWaitsForIt() {
    // given
    ServerSpec spec = server("worker-1", "hpc", "u");
    Change await = new Change(Action.AWAIT, spec.id(), Optional.of(spec), Optional.of(have(spec)), "building",
        false);
    Change fip = create(HandMade.floatingIp("worker-1", "worker-1"));
    List<Step> steps = StepGraph.steps(plan(await, fip), true);

    // when
    Map<Step, List<Step>> edges = StepGraph.edges(steps, Set.of());

    // then
    assertThat(edges.get(only(steps, await))).isEmpty();
    assertThat(edges.values()).noneMatch(waits -> waits.contains(only(steps, await)));
  }

  @Test
  void theServersOfAStrictGroupAreMadeOneAfterAnother() {
    // given
    Change one = create(server("worker-1", "hpc", "u", Optional.of("worker")));
    Change two = create(server("worker-2", "hpc", "u", Optional.of("worker")));
    Change three = create(server("worker-3", "hpc", "u", Optional.of("worker")));
    Change other = create(server("web-1", "small", "u", Optional.of("web")));
    List<Step> steps = StepGraph.steps(plan(one, two, three, other), true);

    // when
    Map<Step, List<Step>> order = StepGraph.order(steps, Set.of(id(ResourceKind.SERVER_GROUP, "worker")));

    // then
    assertThat(order).containsOnlyKeys(only(steps, two), only(steps, three));
    assertThat(order.get(only(steps, two))).containsExactly(only(steps, one));
    assertThat(order.get(only(steps, three))).containsExactly(only(steps, two));
  }

  @Test
  void stepsThatWaitForEachOtherInARingAreFoundBeforeAnyStarts() {
    // given: without link steps, two new groups whose rules name each other
    ResourceId webId = id(ResourceKind.SECURITY_GROUP, "web");
    ResourceId appId = id(ResourceKind.SECURITY_GROUP, "app");
    Change web = create(group("web", RuleSpec.tcpFrom(80, appId, "web from app")));
    Change app = create(group("app", RuleSpec.tcpFrom(8000, webId, "app from web")));
    List<Step> steps = StepGraph.steps(plan(web, app), false);

    // when
    Optional<String> ring = StepGraph.cycle(steps, StepGraph.edges(steps, Set.of()), Map.of());

    // then
    assertThat(ring).hasValueSatisfying(r -> assertThat(r).contains("security-group/web")
        .contains("security-group/app").contains(" -> waits for "));
  }

  @Test
  void aGraphWithoutARingHasNone() {
    // given
    Change g = create(group("worker"));
    Change p = create(HandMade.port("worker-1", "10.0.100.1", "worker"));
    List<Step> steps = StepGraph.steps(plan(g, p), true);

    // when
    Optional<String> ring = StepGraph.cycle(steps, StepGraph.edges(steps, Set.of()), Map.of());

    // then
    assertThat(ring).isEmpty();
  }
}
