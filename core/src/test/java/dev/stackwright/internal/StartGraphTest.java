package dev.stackwright.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartGraphTest {
  private static final Service CACHE = Service.builder("cache").port(ServicePort.tcp("cache", 6379))
      .openTo("app", "cache", "the app caches").build();
  private static final Service APP = Service.builder("app").build();
  private static final Service AUDIT = Service.builder("audit").addAfter("app").build();

  @Test
  void aServiceStartsAfterTheServicesItConnectsToAndThoseItNamesInAfter() {
    // when
    List<Service> order = StartGraph.of(List.of(AUDIT, APP, CACHE)).order();

    // then
    assertThat(order).containsExactly(CACHE, APP, AUDIT);
  }

  @Test
  void membersFreeToGoKeepTheOrderTheyWereAddedIn() {
    // when
    List<String> order = new StartGraph<String>().add("b").add("a").add("c").order();

    // then
    assertThat(order).containsExactly("b", "a", "c");
  }

  @Test
  void aCycleIsCutAtTheFirstMemberAddedWhateverTheirHashes() {
    // given: "Aa" and "BB" have the same hash code, so a hash set could hold them in either order
    StartGraph<String> graph = new StartGraph<String>().add("BB").add("Aa").edge("Aa", "BB").edge("BB", "Aa")
        .edge("BB", "z");

    // when / then
    assertThat(graph.order()).containsExactly("BB", "Aa", "z");
    assertThat(graph.phases()).containsEntry("BB", 0).containsEntry("Aa", 1).containsEntry("z", 1);
  }
}
