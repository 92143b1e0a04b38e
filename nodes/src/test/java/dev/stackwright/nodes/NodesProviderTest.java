package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.cli.Cli;
import dev.stackwright.cli.ExitCode;
import dev.stackwright.engine.Topologies;
import dev.stackwright.memory.InMemoryProvider;
import dev.stackwright.model.Cluster;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendProvider;
import dev.stackwright.spi.NodeOperation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --backend nodes}: taken only when named, and on a machine that cannot run it, why and the fix, exit 2. */
class NodesProviderTest {
  private static final Cluster SEED = Topologies.seed("provided");

  @TempDir
  Path dir;

  @Test
  void aMachineWithoutRootOrImageIsToldEachAndItsFix() {
    // given a host check that finds no root, and no base image
    NodesProvider provider = new NodesProvider(() -> List.of("it needs root; run it as root"));
    Map<String, String> env = Map.of(NodesProvider.ROOTFS_VARIABLE, dir.resolve("none").toString());

    // then
    assertThatThrownBy(() -> provider.forCluster(SEED, env)).isInstanceOf(NodesUnavailableException.class)
        .hasMessageContaining("--backend nodes cannot run here: it needs root; run it as root")
        .hasMessageContaining("no base image at " + dir.resolve("none"))
        .hasMessageContaining("nodes/rig/image.sh build");
  }

  @Test
  void theCommandLineExitsTwoSayingWhatIsMissing() {
    // given
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Cli cli = Cli.builder().cluster(() -> SEED).renderer(Topologies.renderer())
        .environment(Map.of("HOME", dir.toString(), NodesProvider.ROOTFS_VARIABLE, dir.resolve("none").toString()))
        .out(new PrintStream(new ByteArrayOutputStream())).err(new PrintStream(err, true, StandardCharsets.UTF_8))
        .build();

    // when
    int code = cli.run("plan", "--backend", "nodes");

    // then
    assertThat(code).isEqualTo(ExitCode.USAGE).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--backend nodes cannot run here",
        "no base image at " + dir.resolve("none"));
  }

  @Test
  void withoutBackendTheCommandLineNeverTakesTheNodes() {
    // given
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Cli cli = Cli.builder().cluster(() -> SEED).renderer(Topologies.renderer())
        .environment(Map.of("HOME", dir.toString(), InMemoryProvider.STATE_DIRECTORY_VARIABLE, dir.toString()))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8))
        .err(new PrintStream(new ByteArrayOutputStream())).build();

    // when
    int code = cli.run("plan");

    // then
    assertThat(code).isEqualTo(ExitCode.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("backend: memory").doesNotContain("backend: nodes");
  }

  @Test
  void thePrivateKeyTheEnvironmentNamesLetsTheBackendReconfigureRunningServers() throws Exception {
    // given a machine that has what the nodes need, and a key pair
    Files.createDirectories(dir.resolve("rootfs/etc"));
    Path key = dir.resolve("id");
    dev.stackwright.nodes.internal.Host.ok("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
    NodesProvider provider = new NodesProvider(List::of);
    Map<String, String> env = Map.of(NodesProvider.ROOTFS_VARIABLE, dir.resolve("rootfs").toString(),
        NodesProvider.STATE_VARIABLE, dir.resolve("state").toString());

    // when
    Backend without = provider.forCluster(SEED, env).orElseThrow();
    Map<String, String> withKey = new HashMap<>(env);
    withKey.put(BackendProvider.SSH_KEY_VARIABLE, key.toString());
    Backend with = provider.forCluster(SEED, withKey).orElseThrow();

    // then
    assertThat(without.capabilities().can(NodeOperation.RECONFIGURE)).isFalse();
    assertThat(with.capabilities().can(NodeOperation.RECONFIGURE)).isTrue();
  }

  @Test
  void aConfiguredProvidersSettingsReachTheBackendItMakes() throws Exception {
    // given
    Files.createDirectories(dir.resolve("rootfs/etc"));
    Map<String, String> env = Map.of(NodesProvider.ROOTFS_VARIABLE, dir.resolve("rootfs").toString(),
        NodesProvider.STATE_VARIABLE, dir.resolve("state").toString());

    // when
    Backend backend = new NodesProvider(List::of, b -> b.parallelism(7)).forCluster(SEED, env).orElseThrow();

    // then
    assertThat(backend.capabilities().parallelism()).isEqualTo(7);
  }

  @Test
  void eachClustersStateLivesInADirectoryOfItsOwn() {
    assertThat(NodesProvider.stateRoot(SEED, Map.of()))
        .isEqualTo(Path.of("/var/lib/stackwright-nodes/provided"));
    assertThat(NodesProvider.stateRoot(SEED, Map.of(NodesProvider.STATE_VARIABLE, "/srv/nodes")))
        .isEqualTo(Path.of("/srv/nodes/provided"));
  }
}
