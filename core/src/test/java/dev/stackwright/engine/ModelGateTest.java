package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.InvalidClusterException;
import dev.stackwright.local.LocalRun;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Application;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Flavor;
import dev.stackwright.model.Host;
import dev.stackwright.model.OsRelease;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One gate: a model made with the public {@code Cluster.builder()}, which the DSL never saw, meets the validator at
 * every door that leads to a node or a cloud (the engine's plan, apply and render, the renderer, the local run) before
 * a single call is made.
 */
class ModelGateTest {
  private final Cluster seed = Topologies.seed("gate");
  private final CountingBackend cloud = new CountingBackend(InMemoryCloud.forCluster(seed));
  private final Engine engine = Engine.builder().backend(cloud).renderer(Topologies.renderer()).build();

  /** The seed whose application lives in /etc: user-data would chown /etc to the application's user, as root. */
  private Cluster homeInEtc() {
    Application app = Application.builder().from(seed.application().orElseThrow()).home("/etc").build();
    return Cluster.builder().from(seed).application(app).build();
  }

  @Test
  void theEnginesPlanRefusesAnUncheckedModelBeforeAnyCall() {
    assertThatThrownBy(() -> engine.plan(homeInEtc())).isInstanceOfSatisfying(InvalidClusterException.class,
        e -> assertThat(e.problems()).extracting(p -> p.path()).contains("application[demo].home"));
    assertThat(cloud.requests()).as("calls: %s", cloud.calls()).isZero();
  }

  @Test
  void theEnginesApplyRefusesAnUncheckedModelBeforeAnyCall() {
    assertThatThrownBy(() -> engine.apply(homeInEtc())).isInstanceOf(InvalidClusterException.class);
    assertThat(cloud.requests()).as("calls: %s", cloud.calls()).isZero();
  }

  @Test
  void theEnginesRenderRefusesAnUncheckedModelBeforeAnyCall() {
    assertThatThrownBy(() -> engine.render(homeInEtc())).isInstanceOf(InvalidClusterException.class);
    assertThat(cloud.requests()).as("calls: %s", cloud.calls()).isZero();
  }

  @Test
  void theRendererRefusesAnUncheckedModel() {
    assertThatThrownBy(() -> Topologies.renderer().render(homeInEtc()))
        .isInstanceOf(InvalidClusterException.class).hasMessageContaining("[application[demo].home] \"/etc\"");
  }

  @Test
  void theLocalRunRefusesAnUncheckedModelBeforeTouchingItsDirectory(@TempDir Path dir) {
    LocalRun local = LocalRun.builder().runDir(dir.resolve("run")).build();
    assertThatThrownBy(() -> local.mapping(homeInEtc())).isInstanceOf(InvalidClusterException.class);
    assertThatThrownBy(() -> local.status(homeInEtc())).isInstanceOf(InvalidClusterException.class);
    assertThat(dir.resolve("run")).doesNotExist();
  }

  @Test
  void aSizeTheDslWouldRefuseIsRefusedInABuiltModel() {
    // given a flavour of 2^30 vCPUs: gunicorn's 2n + 1 workers would wrap to a negative number
    List<Flavor> flavors = seed.flavors().stream().map(f -> f.name().equals("hpc")
        ? Flavor.builder().from(f).vcpus(1 << 30).build() : f).toList();
    Cluster huge = Cluster.builder().from(seed).flavors(flavors).build();

    // when / then
    assertThatThrownBy(() -> engine.plan(huge)).isInstanceOfSatisfying(InvalidClusterException.class,
        e -> assertThat(e.problems()).extracting(p -> p.path()).contains("flavor[hpc].vcpus"));
    assertThat(cloud.requests()).isZero();
  }

  @Test
  void aModelWhosePartsDisagreeIsRefused() {
    // given workers on 5 VMs while the worker role counts 3 instances: nodes 4 and 5 would have no address
    List<Host> hosts = seed.hosts().stream().map(h -> h.name().equals("worker")
        ? Host.builder().from(h).count(5).build() : h).toList();
    Cluster disagreeing = Cluster.builder().from(seed).hosts(hosts).build();

    // when / then
    assertThatThrownBy(() -> engine.plan(disagreeing)).isInstanceOf(InvalidClusterException.class)
        .hasMessageContaining("role[worker].count");
    assertThat(cloud.requests()).isZero();
  }

  @Test
  void anImageOfAReleaseTheFilesDoNotWorkOnIsRefusedInABuiltModel() {
    // given
    Cluster old = Cluster.builder().from(seed).putOsReleases(seed.defaultImage(), OsRelease.DEBIAN_9).build();

    // when / then
    assertThatThrownBy(() -> engine.plan(old)).isInstanceOf(InvalidClusterException.class)
        .hasMessageContaining("[cluster.defaultImage.os] \"DEBIAN_9\" is Debian 9");
    assertThat(cloud.requests()).isZero();
  }

  @Test
  void aValidModelMadeWithTheBuilderPasses() {
    // given
    Cluster same = Cluster.builder().from(seed).build();

    // when
    Plan plan = engine.plan(same);

    // then
    assertThat(plan.changes()).isNotEmpty();
  }
}
