package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.Ipv4Address;
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
}
