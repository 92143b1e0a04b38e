package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Node;
import dev.stackwright.model.OnChange;
import dev.stackwright.render.NetworkFacts;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which servers wait for their ports and floating IPs to get their final user-data: the render says it in one pass,
 * and must find the same servers as the probe render it replaced (kept here, {@link #probed}), which rendered again
 * with stand-ins for the missing facts and compared the user-data.
 */
class AfterPortsTest {
  @TempDir
  Path templates;

  @Test
  void theSeedsFirstPlanWaitsForTheSameServersAsTheProbeRender() {
    // given
    Cluster seed = Topologies.seed("seed");

    // when
    Set<ResourceId> afterPorts = afterPorts(Topologies.renderer(), seed, Observation.empty(seed.name()));

    // then
    assertThat(afterPorts).isNotEmpty()
        .isEqualTo(probed(Topologies.renderer(), seed, Observation.empty(seed.name())));
  }

  @Test
  void theSplitSeedsFirstPlanWaitsForTheSameServersAsTheProbeRender() {
    // given
    Cluster split = Topologies.split("seed");

    // when
    Set<ResourceId> afterPorts = afterPorts(Topologies.renderer(), split, Observation.empty(split.name()));

    // then
    assertThat(afterPorts).isNotEmpty()
        .isEqualTo(probed(Topologies.renderer(), split, Observation.empty(split.name())));
  }

  @Test
  void anExposedClusterWaitsForTheSameServersAsTheProbeRender() {
    // given
    Cluster exposed = Topologies.exposed("seed");

    // when
    Set<ResourceId> afterPorts = afterPorts(Topologies.renderer(), exposed, Observation.empty(exposed.name()));

    // then
    assertThat(afterPorts).isNotEmpty()
        .isEqualTo(probed(Topologies.renderer(), exposed, Observation.empty(exposed.name())));
  }

  @Test
  void withThePortsMadeButNoFloatingIpTheSameServersWaitAsWithTheProbeRender() {
    // given the cluster converged, then seen without its floating IPs
    Cluster exposed = Topologies.exposed("seed");
    Observation noFloating = withoutFloatingIps(exposed);

    // when
    Set<ResourceId> afterPorts = afterPorts(Topologies.renderer(), exposed, noFloating);

    // then the servers that list public addresses (Django's allowed hosts) wait, and no other
    assertThat(afterPorts).isNotEmpty().isEqualTo(probed(Topologies.renderer(), exposed, noFloating));
  }

  @Test
  void onceEveryFactExistsNoServerWaits() {
    // given
    Cluster exposed = Topologies.exposed("seed");
    InMemoryCloud cloud = InMemoryCloud.forCluster(exposed);
    assertThat(Engine.builder().backend(cloud).renderer(Topologies.renderer()).build().apply(exposed).succeeded())
        .isTrue();

    // when
    Set<ResourceId> afterPorts = afterPorts(Topologies.renderer(), exposed, cloud.observe(exposed.name()));

    // then
    assertThat(afterPorts).isEmpty();
  }

  @Test
  void aUserTemplateReadingTheNodesMacsMakesItsServersWait() throws IOException {
    // given
    Cluster seed = Topologies.seed("seed");
    Renderer renderer = withWorkerFile("{% for n in nodes %}{{ n.name }} {{ n.mac }}\n{% endfor %}");

    // when
    Set<ResourceId> afterPorts = afterPorts(renderer, seed, Observation.empty(seed.name()));

    // then
    assertThat(afterPorts).contains(ResourceId.of(ResourceKind.SERVER, "worker-1"))
        .isEqualTo(probed(renderer, seed, Observation.empty(seed.name())));
  }

  @Test
  void aUserTemplateReadingOnlyTheNodesNamesLeavesItsServersAlone() throws IOException {
    // given
    Cluster seed = Topologies.seed("seed");
    Renderer renderer = withWorkerFile("{% for n in nodes %}{{ n.name }} {{ n.address }}\n{% endfor %}");

    // when
    Set<ResourceId> afterPorts = afterPorts(renderer, seed, Observation.empty(seed.name()));

    // then
    assertThat(afterPorts).doesNotContain(ResourceId.of(ResourceKind.SERVER, "worker-1"))
        .isEqualTo(probed(renderer, seed, Observation.empty(seed.name())));
  }

  @Test
  void aUserTemplatePrintingANodesWholeMapMakesItsServersWait() throws IOException {
    // given a template that prints the map, MAC and all, without naming the MAC
    Cluster seed = Topologies.seed("seed");
    Renderer renderer = withWorkerFile("{{ nodes[0] }}\n");

    // when
    Set<ResourceId> afterPorts = afterPorts(renderer, seed, Observation.empty(seed.name()));

    // then
    assertThat(afterPorts).contains(ResourceId.of(ResourceKind.SERVER, "worker-1"))
        .isEqualTo(probed(renderer, seed, Observation.empty(seed.name())));
  }

  private static Set<ResourceId> afterPorts(Renderer renderer, Cluster cluster, Observation observed) {
    Engine engine = Engine.builder().backend(InMemoryCloud.forCluster(cluster)).renderer(renderer).build();
    return engine.desired(cluster, observed).userDataAfterPorts();
  }

  /** The algorithm of before issue 17: render again with stand-ins for the missing facts, and compare. */
  private static Set<ResourceId> probed(Renderer renderer, Cluster cluster, Observation observed) {
    NetworkFacts.Builder b = NetworkFacts.builder();
    for (Observed o : observed.resources()) {
      if (o.id().kind() == ResourceKind.PORT && cluster.node(o.id().key()).isPresent()) {
        o.fact(Observed.Facts.MAC).ifPresent(mac -> b.mac(o.id().key(), mac));
      }
      if (o.id().kind() == ResourceKind.FLOATING_IP && cluster.node(o.id().key()).isPresent()) {
        o.fact(Observed.Facts.ADDRESS).flatMap(Ipv4Address::tryParse).ifPresent(a -> b.publicAddress(o.id().key(), a));
      }
    }
    NetworkFacts known = b.build();
    RenderedCluster rendered = renderer.render(cluster, known);
    NetworkFacts.Builder probe = NetworkFacts.builder();
    for (Node n : cluster.nodes()) {
      probe.mac(n.name(), known.mac(n.name()).orElse("02:00:00:00:00:01"));
      known.publicAddress(n.name()).ifPresent(a -> probe.publicAddress(n.name(), a));
      if (cluster.externalNetwork().isPresent() && ClusterResources.publicEntry(n)
          && known.publicAddress(n.name()).isEmpty()) {
        probe.publicAddress(n.name(), Ipv4Address.parse("192.0.2.1"));
      }
    }
    RenderedCluster probed = renderer.render(cluster, probe.build());
    Set<ResourceId> afterPorts = new HashSet<>();
    for (Node n : cluster.nodes()) {
      if (!probed.userDataSha256(n.name()).equals(rendered.userDataSha256(n.name()))) {
        afterPorts.add(ResourceId.of(ResourceKind.SERVER, n.name()));
      }
    }
    return afterPorts;
  }

  private static Observation withoutFloatingIps(Cluster cluster) {
    InMemoryCloud cloud = InMemoryCloud.forCluster(cluster);
    assertThat(Engine.builder().backend(cloud).renderer(Topologies.renderer()).build().apply(cluster).succeeded())
        .isTrue();
    List<Observed> found = cloud.observe(cluster.name()).resources().stream()
        .filter(o -> o.id().kind() != ResourceKind.FLOATING_IP).toList();
    return Observation.of(cluster.name(), found);
  }

  private Renderer withWorkerFile(String template) throws IOException {
    Files.writeString(templates.resolve("mine.conf.jinja"), template);
    return Renderer.builder().secrets(Topologies.secrets()).templateDirectory(templates)
        .addFile("worker", "/etc/mine.conf", "mine.conf.jinja", 0644, "root:root", OnChange.NOTHING).build();
  }
}
