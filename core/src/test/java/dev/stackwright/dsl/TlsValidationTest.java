package dev.stackwright.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Problem;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Tls;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TLS settings and an owned network's DNS servers as the DSL takes them. */
class TlsValidationTest {

  @Test
  void aClusterThatSaysNothingHasNoTlsAndUsesItsNetwork() {
    // when
    Cluster c = ValidationTest.valid(x -> {}).build();

    // then
    assertThat(c.tls()).isEmpty();
    assertThat(c.ownsNetwork()).isFalse();
    assertThat(c.dnsServers()).isEmpty();
  }

  @Test
  void tlsWithDomainsAndHstsAndAnOwnedNetworkBecomeTheModelAndPassTheGate() {
    // when
    Cluster c = ValidationTest.valid(x -> {
      x.ownNetwork().dnsServers("10.0.0.1", "10.0.0.2");
      x.tls().domain("demo.example.org", "*.apps.example.org").hsts(Duration.ofDays(365));
    }).build();

    // then
    assertThat(c.ownsNetwork()).isTrue();
    assertThat(c.internalNetworkName()).isEqualTo(c.name() + "-internal");
    assertThat(c.dnsServers()).extracting(Object::toString).containsExactly("10.0.0.1", "10.0.0.2");
    Tls tls = c.tls().orElseThrow();
    assertThat(tls.certificates()).isEqualTo(Tls.Certificates.CLUSTER_CA);
    assertThat(tls.domains()).containsExactly("demo.example.org", "*.apps.example.org");
    assertThat(tls.hsts()).contains(Duration.ofDays(365));
    assertThat(ClusterDsl.validate(c)).isSameAs(c);
  }

  @Test
  void everyBadTlsOrDnsValueIsReportedAtOnceWithItsPath() {
    // when
    List<Problem> problems = ValidationTest.problems(x -> {
      x.ownNetwork().dnsServers("10.0.0.300", "10.0.0.1", "10.0.0.1");
      x.tls().userCertificates().domain("Demo.Example.org", "localhost", "ok.example.org", "ok.example.org")
          .hsts(Duration.ofDays(3 * 365));
    });

    // then
    assertThat(problems).extracting(Problem::path).containsExactly("cluster.dnsServers[0]", "cluster.dnsServers[2]",
        "cluster.tls.domains[0]", "cluster.tls.domains[1]", "cluster.tls.domains[3]", "cluster.tls.hsts");
  }
}
