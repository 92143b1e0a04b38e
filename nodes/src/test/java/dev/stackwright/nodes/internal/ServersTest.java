package dev.stackwright.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.model.Ipv4Network;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What observation makes of a server whose container is not what its state says; no container is started. */
class ServersTest {
  @TempDir
  Path root;

  private Servers servers() {
    Catalogue c = new Catalogue(Map.of(), Map.of(), "internal", Ipv4Network.parse("10.0.0.0/16"),
        Duration.ofSeconds(5));
    return new Servers(new Rig(root, c, root.resolve("www"), root.resolve("git")), new StateStore(root), new Containers(new Names(root)), c);
  }

  private static Entry server(String status, String pid) {
    ServerSpec s = new ServerSpec(ResourceId.of(ResourceKind.SERVER, "vm"), "c-vm", "m1", "debian-12",
        ResourceId.of(ResourceKind.PORT, "vm"), Optional.empty(), Optional.empty(), "", "", Map.of(), Map.of());
    return new Entry("8e2d01c4-1", Optional.of("c"), Optional.of(s.id()), s, Map.of(Observed.Facts.STATUS, status),
        Map.of("machine", "c-vm-8e2d01", "pid", pid), Set.of());
  }

  @Test
  void anActiveServerWhoseNspawnIsGoneIsInError() {
    // given a pid no process has (above the kernel's pid_max)
    Entry e = server("ACTIVE", "99999999");

    // when
    Entry real = servers().real(e);

    // then
    assertThat(real.facts()).containsEntry(Observed.Facts.STATUS, "ERROR");
    assertThat(real.facts().get(Observed.Facts.FAULT)).startsWith("its container stopped");
  }

  @Test
  void aBuildThatNoProcessIsBootingIsInErrorSoTheNextApplyReplacesIt() {
    // given what a killed apply leaves: BUILD in the state, and no boot in this instance
    Entry e = server("BUILD", String.valueOf(ProcessHandle.current().pid()));

    // when
    Entry real = servers().real(e);

    // then
    assertThat(real.facts()).containsEntry(Observed.Facts.STATUS, "ERROR");
    assertThat(real.facts().get(Observed.Facts.FAULT)).contains("left unfinished");
  }

  @Test
  void aBuildThatAnotherLiveProcessIsBootingStaysBuildForTheEngineToWaitOn() throws Exception {
    // given a BUILD whose maker is another process still running (an apply in another shell)
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      Entry e = server("BUILD", "0").withHost(Maker.KEY, Maker.of(other.toHandle()));

      // when
      Entry real = servers().real(e);

      // then
      assertThat(real.facts()).containsEntry(Observed.Facts.STATUS, "BUILD");
    } finally {
      other.destroyForcibly().waitFor();
    }
  }

  @Test
  void aProcessThatIsNotThisContainersNspawnIsNotTakenForIt() {
    // the JVM's own pid is alive, but it is no nspawn of this machine: a reused pid
    assertThat(Containers.alive(ProcessHandle.current().pid(), "c-vm-8e2d01")).isFalse();
  }
}
