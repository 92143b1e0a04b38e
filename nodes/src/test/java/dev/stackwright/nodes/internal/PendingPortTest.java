package dev.stackwright.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A port whose state says it is being made: kept while its maker runs, never observed until it is whole. */
class PendingPortTest {
  @TempDir
  Path root;

  @Test
  void aPortAnotherLiveProcessIsMakingIsKeptAndNotObserved() throws Exception {
    // given a pending port whose maker is another running process, its namespace not made yet
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      StateStore store = new StateStore(root);
      PortSpec p = new PortSpec(ResourceId.of(ResourceKind.PORT, "a"), "c-a", "internal",
          Set.of(Ipv4Address.parse("10.0.1.2")), Set.of());
      store.put(new Entry("5d48b9aa-1", Optional.of("c"), Optional.of(p.id()), p, Map.of(),
          Map.of("netns", "sw-none-c-a-5d48b9", Rig.PENDING, Maker.of(other.toHandle())), Set.of()));

      // when
      var seen = rig().observe("c");

      // then the making in flight is left to its maker
      assertThat(seen).isEmpty();
      assertThat(store.get("5d48b9aa-1")).isPresent();
    } finally {
      other.destroyForcibly().waitFor();
    }
  }

  private Rig rig() {
    return new Rig(root, new Catalogue(Map.of(), Map.of(), "internal", Ipv4Network.parse("10.0.0.0/16"),
        Duration.ofSeconds(5)), root.resolve("www"), root.resolve("git"));
  }
}
