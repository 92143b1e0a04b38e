package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FactReadsTest {
  private final FactReads reads = new FactReads();

  @Test
  void aPartEqualInBothIsNotARead() {
    // given
    Map<?, ?> view = (Map<?, ?>) reads.view(node("web-1", ""), node("web-1", ""), node("web-1", "02:00:00:00:00:01"));

    // when
    Object name = view.get("name");

    // then
    assertThat(name).isEqualTo("web-1");
    assertThat(reads.any()).isFalse();
  }

  @Test
  void aDifferingPartIsARead() {
    // given
    Map<?, ?> view = (Map<?, ?>) reads.view(node("web-1", ""), node("web-1", ""), node("web-1", "02:00:00:00:00:01"));

    // when
    Object mac = view.get("mac");

    // then
    assertThat(mac).isEqualTo("");
    assertThat(reads.any()).isTrue();
  }

  @Test
  void aDifferingPartDeepInAListIsReadOnlyWhenReached() {
    // given
    List<?> view = (List<?>) reads.view(List.of(node("a", ""), node("b", "")), List.of(node("a", ""), node("b", "")),
        List.of(node("a", "02:00:00:00:00:01"), node("b", "02:00:00:00:00:02")));

    // when
    view.forEach(n -> ((Map<?, ?>) n).get("name"));

    // then
    assertThat(reads.any()).isFalse();
  }

  @Test
  void aListWhoseLengthDiffersIsReadByALoop() {
    // given pending DHCP leases: none known, one with the stand-in
    List<?> view = (List<?>) reads.view(List.of(), List.of(), List.of(node("a", "02:00:00:00:00:01")));

    // when
    view.forEach(n -> {});

    // then
    assertThat(reads.any()).isTrue();
  }

  @Test
  void aWalkOverADifferingMapIsARead() {
    // given
    Map<?, ?> view = (Map<?, ?>) reads.view(node("a", ""), node("a", ""), node("a", "02:00:00:00:00:01"));

    // when
    String printed = view.toString();

    // then
    assertThat(printed).contains("a");
    assertThat(reads.any()).isTrue();
  }

  @Test
  void aDifferingTextCannotBeWatchedAndCountsAsRead() {
    // when
    Object value = reads.view("", "", "02:00:00:00:00:01");

    // then
    assertThat(value).isEqualTo("");
    assertThat(reads.any()).isTrue();
  }

  @Test
  void aNodeHookAskingForAPendingMacIsNoted() {
    // given
    Cluster seed = Topologies.seed();
    Node node = seed.nodes().get(0);
    NetworkFacts facts = NetworkFacts.builder().macPending(node.name()).build();
    Scope scope = new Scope(seed, seed.application().orElseThrow(), Optional.of(node), Optional.empty(), "", Map.of(),
        null, facts, reads);

    // when
    Optional<String> mac = scope.mac(node.name());

    // then
    assertThat(mac).isEmpty();
    assertThat(reads.any()).isTrue();
  }

  @Test
  void aNodeHookAskingForAKnownMacIsNotNoted() {
    // given
    Cluster seed = Topologies.seed();
    Node node = seed.nodes().get(0);
    NetworkFacts facts = NetworkFacts.builder().macPending(node.name()).mac(node.name(), "fa:16:3e:00:00:01").build();
    Scope scope = new Scope(seed, seed.application().orElseThrow(), Optional.of(node), Optional.empty(), "", Map.of(),
        null, facts, reads);

    // when
    Optional<String> mac = scope.mac(node.name());

    // then
    assertThat(mac).contains("fa:16:3e:00:00:01");
    assertThat(reads.any()).isFalse();
  }

  private static Map<String, Object> node(String name, String mac) {
    return Map.of("name", name, "mac", mac);
  }
}
