package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cluster's entry points, from the model and what the backend has: {@link Engine#outputs}, ApplyResult's. */
class OutputsTest {
  private static Engine engine(InMemoryCloud cloud) {
    return Engine.builder().backend(cloud).renderer(Topologies.renderer()).build();
  }

  private static String floating(InMemoryCloud cloud, String cluster, String node) {
    return cloud.observe(cluster).get(ResourceId.of(ResourceKind.FLOATING_IP, node))
        .flatMap(o -> o.fact(Observed.Facts.ADDRESS)).orElseThrow();
  }

  @Test
  void withoutAnExternalNetworkTheUrlsAreTheFixedAddressesOfTheLoadBalancerAndTheController() {
    // given
    Cluster seed = Topologies.seed("out");
    Engine engine = engine(InMemoryCloud.forCluster(seed));
    engine.apply(seed);

    // when
    Outputs outputs = engine.outputs(seed);

    // then
    assertThat(outputs.loadBalancerUrl()).contains("http://10.0.10.3/");
    assertThat(outputs.adminUrl()).contains("http://10.0.0.1/");
    assertThat(outputs.floatingIps()).isEmpty();
  }

  @Test
  void withTlsTheUrlsAreHttps() {
    // given
    ClusterDsl dsl = Topologies.seedDsl("outtls");
    dsl.tls().clusterCa();
    Cluster seed = dsl.build();
    Engine engine = engine(InMemoryCloud.forCluster(seed));
    engine.apply(seed);

    // when
    Outputs outputs = engine.outputs(seed);

    // then
    assertThat(outputs.loadBalancerUrl()).contains("https://10.0.10.3/");
    assertThat(outputs.adminUrl()).contains("https://10.0.0.1/");
  }

  @Test
  void withAnExternalNetworkTheUrlsAreTheFloatingIpsEachNamedWithItsNode() {
    // given
    Cluster exposed = Topologies.exposed("pub");
    InMemoryCloud cloud = InMemoryCloud.forCluster(exposed);
    Engine engine = engine(cloud);
    engine.apply(exposed);
    String web = floating(cloud, "pub", "webserver-1");
    String controller = floating(cloud, "pub", "controller-1");

    // when
    // tag::outputs[]
    Outputs outputs = engine.outputs(exposed);      // one look at the cloud; changes nothing
    String text = outputs.render();                 // or outputs.toJson(); after an apply: result.outputs()
    // end::outputs[]

    // then
    assertThat(outputs.loadBalancerUrl()).contains("http://" + web + "/");
    assertThat(text).contains("floating IP:    " + web + " (webserver-1)");
    assertThat(outputs.adminUrl()).contains("http://" + controller + "/");
    assertThat(outputs.floatingIps()).containsExactly(new Outputs.FloatingIp("controller-1", controller),
        new Outputs.FloatingIp("webserver-1", web));
    assertThat(outputs.ssh().orElseThrow().command()).isEqualTo("ssh debian@" + controller);
  }

  @Test
  void applyEndsWithTheOutputsOfWhatItMade() {
    // given
    Cluster seed = Topologies.seed("after");
    Engine engine = engine(InMemoryCloud.forCluster(seed));

    // when
    ApplyResult result = engine.apply(seed);

    // then
    assertThat(result.outputs()).contains(engine.outputs(seed));
  }

  @Test
  void beforeTheFirstApplyThereAreNoneAndTheTextSaysApplyMakesThem() {
    // given
    Cluster seed = Topologies.seed("fresh");

    // when
    Outputs outputs = engine(InMemoryCloud.forCluster(seed)).outputs(seed);

    // then
    assertThat(outputs.isEmpty()).isTrue();
    assertThat(outputs.render()).contains("none yet").contains("apply makes");
  }

  @Test
  void theInMemoryCloudSaysItsAddressesAreNotReachable() {
    // given
    Cluster seed = Topologies.seed("mem");
    Engine engine = engine(InMemoryCloud.forCluster(seed));
    engine.apply(seed);

    // when
    Outputs outputs = engine.outputs(seed);

    // then
    assertThat(outputs.note()).contains("in-memory cloud: addresses are not reachable");
    assertThat(outputs.render()).contains("(in-memory cloud: addresses are not reachable)");
  }

  @Test
  void theSshCommandsGoToTheControllerAsTheImagesUserAndThroughItToAnInnerNode() {
    // given
    Cluster seed = Topologies.seed("ssh");
    Engine engine = engine(InMemoryCloud.forCluster(seed));
    engine.apply(seed);

    // when
    Outputs.Ssh ssh = engine.outputs(seed).ssh().orElseThrow();

    // then
    assertThat(ssh.command()).isEqualTo("ssh debian@10.0.0.1");
    assertThat(ssh.innerNode()).contains("webserver-1");
    assertThat(ssh.innerCommand()).contains("ssh -J debian@10.0.0.1 debian@10.0.10.3");
  }

  @Test
  void aDefaultKeyGoesWithDashIAndDashJ() {
    // given
    Outputs.Ssh ssh = new Outputs.Ssh("debian", "203.0.113.10", Optional.of(Path.of("/home/u/.ssh/id_ed25519")),
        Optional.of("worker-1"), Optional.of("10.0.100.1"));

    // when
    String inner = ssh.innerCommand().orElseThrow();

    // then
    assertThat(ssh.command()).isEqualTo("ssh -i /home/u/.ssh/id_ed25519 debian@203.0.113.10");
    assertThat(inner).isEqualTo("ssh -i /home/u/.ssh/id_ed25519 -J debian@203.0.113.10 debian@10.0.100.1");
  }

  @Test
  void aKeySshWouldNotTryByItselfReachesTheJumpHostThroughAProxyCommand() {
    // given
    Outputs.Ssh ssh = new Outputs.Ssh("debian", "203.0.113.10", Optional.of(Path.of("/keys/cluster key")),
        Optional.of("worker-1"), Optional.of("10.0.100.1"));

    // when
    String inner = ssh.innerCommand().orElseThrow();

    // then
    assertThat(inner).isEqualTo("ssh -i '/keys/cluster key' -o ProxyCommand=\"ssh -i '/keys/cluster key' -W %h:%p"
        + " debian@203.0.113.10\" debian@10.0.100.1");
  }

  @Test
  void onlyNodesWhoseServerExistsAreNamed() {
    // given
    Cluster seed = dev.stackwright.fixtures.Seed.named("two").role("webserver", w -> w.count(2)).build();
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    Engine engine = engine(cloud);
    engine.apply(seed);
    cloud.delete("two", cloud.observe("two").get(ResourceId.of(ResourceKind.SERVER, "webserver-1")).orElseThrow());

    // when
    Outputs outputs = engine.outputs(seed);

    // then
    assertThat(outputs.loadBalancerUrl()).contains("http://10.0.10.4/");
  }

  @Test
  void destroyHasNoOutputsAndLeavesNone() {
    // given
    Cluster seed = Topologies.seed("gone");
    Engine engine = engine(InMemoryCloud.forCluster(seed));
    engine.apply(seed);

    // when
    ApplyResult destroyed = engine.destroy("gone");

    // then
    assertThat(destroyed.outputs()).isEmpty();
    assertThat(engine.outputs(seed).isEmpty()).isTrue();
  }
}
