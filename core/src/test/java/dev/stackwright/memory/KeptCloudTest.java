package dev.stackwright.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.StackwrightException;
import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An in-memory cloud kept in a file: what one process made, the next observes, exactly. */
class KeptCloudTest {
  @TempDir
  Path dir;

  private final Cluster seed = Topologies.exposed("kept");

  private Path file() {
    return dir.resolve("kept").resolve("memory-cloud.json");
  }

  private static Engine engine(InMemoryCloud cloud) {
    return Engine.builder().backend(cloud).renderer(Topologies.renderer()).build();
  }

  private static List<Observed> observed(InMemoryCloud cloud, String cluster) {
    return cloud.observe(cluster).resources().stream().sorted(Comparator.comparing(Observed::id)).toList();
  }

  @Test
  void aConvergedCloudReloadsWithTheSameResourcesAndPlansNothing() {
    // given
    List<Observed> before;
    try (InMemoryCloud cloud = InMemoryCloud.keptIn(file(), seed)) {
      assertThat(engine(cloud).apply(seed).succeeded()).isTrue();
      before = observed(cloud, "kept");
    }

    // when
    try (InMemoryCloud reloaded = InMemoryCloud.keptIn(file(), seed)) {
      // then: cloud ids, addresses, MACs, floating addresses, digests: all as the last process left them
      assertThat(observed(reloaded, "kept")).isEqualTo(before);
      assertThat(engine(reloaded).plan(seed).isEmpty()).isTrue();
    }
  }

  @Test
  void anOwnedNetworkWithItsSubnetRouterAndAForeignPortReloadsAsItWas() {
    // given
    Cluster owned = dev.stackwright.fixtures.Seed.named("kept").withoutWorkers().dsl()
        .externalNetwork("public").ownNetwork().dnsServers("10.0.0.1").build();
    List<Observed> before;
    try (InMemoryCloud cloud = InMemoryCloud.keptIn(file(), owned)) {
      assertThat(engine(cloud).apply(owned).succeeded()).isTrue();
      cloud.addForeignPort("their-probe", "kept-internal", "10.0.200.5");
      before = observed(cloud, "kept");
    }

    // when
    try (InMemoryCloud reloaded = InMemoryCloud.keptIn(file(), owned)) {
      // then: the subnet's range, pool, gateway and DNS, the ports' subnet, the router, the foreign port's fact
      assertThat(observed(reloaded, "kept")).isEqualTo(before);
      assertThat(before).extracting(o -> o.id().kind()).contains(ResourceKind.NETWORK, ResourceKind.SUBNET,
          ResourceKind.ROUTER);
      assertThat(engine(reloaded).destroyPlan("kept").conflicts()).singleElement()
          .satisfies(c -> assertThat(c.reason()).contains("their-probe"));
    }
  }

  @Test
  void whatOneRunAppliesTheNextFinds() {
    // given
    Path file = file();
    Cluster cluster = seed;
    Renderer renderer = Topologies.renderer();

    // when (docs/engine.md quotes this)
    // tag::kept-cloud[]
    try (InMemoryCloud cloud = InMemoryCloud.keptIn(file, cluster)) {
      Engine.builder().backend(cloud).renderer(renderer).build().apply(cluster);
    }
    // end::kept-cloud[]

    // then
    try (InMemoryCloud next = InMemoryCloud.keptIn(file, cluster)) {
      assertThat(engine(next).plan(cluster).isEmpty()).isTrue();
    }
  }

  @Test
  void theSameCloudWritesTheSameFile() throws Exception {
    // given
    try (InMemoryCloud cloud = InMemoryCloud.keptIn(file(), seed)) {
      engine(cloud).apply(seed);
    }
    String written = Files.readString(file());

    // when
    String again = CloudState.parse(written).toJson();

    // then
    assertThat(again).isEqualTo(written);
    assertThat(written).contains("\"format\": \"stackwright-memory-cloud\"", "\"version\": 1");
  }

  @Test
  void newPortsAfterAReloadGetMacsAndAddressesNotHandedOutBefore() {
    // given
    try (InMemoryCloud cloud = InMemoryCloud.keptIn(file(), seed)) {
      engine(cloud).apply(seed);
    }
    Cluster bigger = Topologies.seed("kept", 5, w -> { });

    // when
    List<Observed> ports;
    try (InMemoryCloud reloaded = InMemoryCloud.keptIn(file(), bigger)) {
      assertThat(engine(reloaded).apply(bigger).succeeded()).isTrue();
      ports = observed(reloaded, "kept").stream().filter(o -> o.id().kind() == ResourceKind.PORT).toList();
    }

    // then
    assertThat(ports.stream().map(p -> p.facts().get(Observed.Facts.MAC))).doesNotHaveDuplicates();
  }

  @Test
  void aSecondOpeningOfAFileInUseIsRefusedNamingTheFileAndTheHolder() {
    // given
    try (InMemoryCloud holder = InMemoryCloud.keptIn(file(), seed)) {
      // when, then
      assertThatThrownBy(() -> InMemoryCloud.keptIn(file(), seed)).isInstanceOf(StackwrightException.class)
          .hasMessageContaining(file().toString()).hasMessageContaining("is in use by another stackwright run")
          .hasMessageContaining("pid " + ProcessHandle.current().pid());
    }
  }

  @Test
  void aRefusedSecondOpeningInTheSameProcessLeavesTheFirstOnesLockHeld() throws Exception {
    // given: Linux drops a process's file locks when it closes any handle to the file, so the refusal must not
    try (InMemoryCloud holder = InMemoryCloud.keptIn(file(), seed)) {
      assertThatThrownBy(() -> InMemoryCloud.keptIn(file(), seed)).isInstanceOf(StackwrightException.class);

      // when: another process asks for the same lock (fcntl, as the JDK's FileLock takes it)
      Path lockFile = file().toAbsolutePath().resolveSibling(file().getFileName() + ".lock");
      Process other = new ProcessBuilder("python3", "-c", "import fcntl,sys\n"
          + "f=open(sys.argv[1],'a')\n"
          + "try:\n fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept OSError:\n sys.exit(3)\n",
          lockFile.toString()).redirectErrorStream(true).start();

      // then: it is still held by the first cloud
      assertThat(other.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(other.exitValue()).as("another process's lockf on " + lockFile).isEqualTo(3);
    }
  }

  @Test
  void aClosedCloudReleasesItsFileForTheNextOne() {
    // given
    InMemoryCloud first = InMemoryCloud.keptIn(file(), seed);
    first.close();

    // when
    try (InMemoryCloud next = InMemoryCloud.keptIn(file(), seed)) {
      // then
      assertThat(next.stateFile()).contains(file().toAbsolutePath());
    }
  }

  @Test
  void aCorruptFileIsRefusedWithTheFixAndLeftAsItIs() throws Exception {
    // given
    Files.createDirectories(file().getParent());
    Files.writeString(file(), "{\"format\": \"stackwright-memory-cloud\", \"version\": 1, \"resources\": [");

    // when, then
    assertThatThrownBy(() -> InMemoryCloud.keptIn(file(), seed)).isInstanceOf(StackwrightException.class)
        .hasMessageContaining(file().toAbsolutePath().toString()).hasMessageContaining("line 1")
        .hasMessageContaining("delete " + file().toAbsolutePath().getParent());
    assertThat(Files.readString(file())).endsWith("\"resources\": [");
  }

  @Test
  void aResourceWithAMissingFieldIsRefusedNamingTheField() throws Exception {
    // given
    try (InMemoryCloud cloud = InMemoryCloud.keptIn(file(), seed)) {
      engine(cloud).apply(seed);
    }
    Files.writeString(file(), Files.readString(file()).replaceFirst("\"network\": \"[^\"]*\",", ""));

    // when, then
    assertThatThrownBy(() -> InMemoryCloud.keptIn(file(), seed)).isInstanceOf(StackwrightException.class)
        .hasMessageContaining(".spec.network is missing");
  }

  @Test
  void aFileOfANewerFormatIsRefusedAndLeftAsItIs() throws Exception {
    // given
    try (InMemoryCloud cloud = InMemoryCloud.keptIn(file(), seed)) {
      engine(cloud).apply(seed);
    }
    String newer = Files.readString(file()).replace("\"version\": 1", "\"version\": 2");
    Files.writeString(file(), newer);

    // when, then
    assertThatThrownBy(() -> InMemoryCloud.keptIn(file(), seed)).isInstanceOf(StackwrightException.class)
        .hasMessageContaining("written by a newer stackwright (format version 2; this one reads up to 1)")
        .hasMessageContaining(file().toAbsolutePath().toString());
    assertThat(Files.readString(file(), StandardCharsets.UTF_8)).isEqualTo(newer);
  }

  @Test
  void destroyLeavesTheFileRecordingAnEmptyCloud() throws Exception {
    // given
    try (InMemoryCloud cloud = InMemoryCloud.keptIn(file(), seed)) {
      engine(cloud).apply(seed);
      // when
      ApplyResult destroyed = engine(cloud).destroy("kept");
      assertThat(destroyed.succeeded()).isTrue();
    }

    // then
    assertThat(CloudState.parse(Files.readString(file())).entries()).isEmpty();
    try (InMemoryCloud reloaded = InMemoryCloud.keptIn(file(), seed)) {
      assertThat(reloaded.observe("kept").size()).isZero();
    }
  }

  @Test
  void resourcesThatAreNotOursAreKeptAndStillHoldTheirAddresses() {
    // given
    String foreign;
    try (InMemoryCloud cloud = InMemoryCloud.keptIn(file(), seed)) {
      foreign = cloud.addForeignPort("by-hand", seed.internalNetworkName(), "10.0.10.3");
    }

    // when
    try (InMemoryCloud reloaded = InMemoryCloud.keptIn(file(), seed)) {
      // then
      assertThat(reloaded.exists(foreign)).isTrue();
      assertThatThrownBy(() -> reloaded.addForeignPort("again", seed.internalNetworkName(), "10.0.10.3"))
          .isInstanceOf(BackendException.class).hasMessageContaining("is already used by port by-hand");
    }
  }

  @Test
  void aServerTheFileHasInBuildHasBootedWhenTheCloudIsOpenedAgain() throws Exception {
    // given: a server whose boot the file caught in BUILD
    Path copy = dir.resolve("copy").resolve("memory-cloud.json");
    InMemoryCloudBuilder b = InMemoryCloud.builder().network(seed.internalNetworkName(), seed.network().toString())
        .externalNetwork("public").image(seed.defaultImage()).buildTime(Duration.ofSeconds(5)).keptIn(file());
    seed.flavors().forEach(f -> b.flavor(f.name(), f.vcpus(), f.ramMb()));
    InMemoryCloud slow = b.build();
    Thread booting = new Thread(() -> {
      try {
        engine(slow).apply(seed);
      } catch (RuntimeException stopped) {
        // the test interrupts it once it has seen what it needs
      }
    }, "booting");
    booting.setDaemon(true);
    booting.start();
    dev.stackwright.engine.Crashes.waitUntil(() -> slow.serverStatuses().containsValue("BUILD"), "a server in BUILD");
    Files.createDirectories(copy.getParent());
    Files.copy(file(), copy);

    // when
    try (InMemoryCloud reopened = InMemoryCloud.keptIn(copy, seed)) {
      // then
      assertThat(reopened.serverStatuses()).isNotEmpty().doesNotContainValue("BUILD");
    }
    booting.interrupt();
    slow.close();
  }
}
