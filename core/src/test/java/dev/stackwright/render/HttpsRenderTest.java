package dev.stackwright.render;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.testing.RenderedAssert;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What TLS changes in the rendered files: nginx's sites, their shared settings, the application's environment. */
class HttpsRenderTest {
  private static final String ENV = "/etc/stackwright/demo.env";

  private final Renderer renderer = Topologies.renderer();

  /** The seed with TLS from the cluster CA, a domain of the user's and HSTS for a year. */
  static Cluster tlsSeed() {
    ClusterDsl dsl = Topologies.seedDsl();
    dsl.tls().clusterCa().domain("demo.example.org", "*.apps.example.org").hsts(Duration.ofDays(365));
    return dsl.build();
  }

  @Test
  void withTlsTheApplicationIsToldItIsBehindHttpsAndWhichOriginsItsFormsComeFrom() {
    // given
    NetworkFacts facts = NetworkFacts.builder().publicAddress("webserver-1", Ipv4Address.parse("203.0.113.7"))
        .build();

    // when
    RenderedCluster rendered = renderer.render(tlsSeed(), facts);

    // then
    RenderedAssert.assertThat(rendered).file("server_all-1", ENV).containsLines("DJANGO_HTTPS=\"on\"",
        "DJANGO_CSRF_TRUSTED_ORIGINS=\"https://10.0.10.3 https://webserver-1 https://203.0.113.7 https://10.0.0.1"
            + " https://controller-1 https://demo.example.org https://*.apps.example.org\"")
        .contains(" demo.example.org .apps.example.org\"");
  }

  @Test
  void withoutTlsTheEnvironmentSaysNothingOfHttps() {
    // when
    RenderedCluster rendered = renderer.render(Topologies.seed());

    // then
    RenderedAssert.assertThat(rendered).file("server_all-1", ENV).doesNotContain("DJANGO_HTTPS")
        .doesNotContain("CSRF");
  }
}
