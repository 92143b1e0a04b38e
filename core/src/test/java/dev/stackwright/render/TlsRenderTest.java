package dev.stackwright.render;

import static dev.stackwright.testing.RenderedAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.model.Cluster;
import dev.stackwright.tls.Certificates;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TlsRenderTest {
  private final Renderer renderer = Renderer.builder().secrets(SecretSource.of(Topologies.secrets()))
      .certificates(Certificates.forTests()).build();

  static Cluster seedWithTls() {
    ClusterDsl dsl = Seed.named("seed").dsl();
    dsl.tls().clusterCa().domain("demo.example.org").hsts(Duration.ofDays(365));
    return dsl.build();
  }

  @Test
  void aLoadBalancerGetsItsCertificateKeyAndTheCa() {
    // given
    Cluster cluster = seedWithTls();

    // when
    RenderedCluster rendered = renderer.render(cluster);

    // then
    assertThat(rendered).node("webserver-1")
        .file("/etc/ssl/stackwright/webserver-1.crt").hasMode(0644).hasOwner("root:root")
        .contains("-----BEGIN CERTIFICATE-----")
        .and().file("/etc/ssl/private/stackwright-webserver-1.key").isSecret().hasMode(0600)
        .and().file("/etc/ssl/stackwright/ca.crt").hasMode(0644);
  }

  @Test
  void aClusterWithoutTlsGetsNoCertificateFiles() {
    // given
    Cluster cluster = Topologies.seed();

    // when
    RenderedCluster rendered = renderer.render(cluster);

    // then
    assertThat(rendered.allFiles()).noneMatch(f -> f.path().startsWith("/etc/ssl/"));
  }
}
