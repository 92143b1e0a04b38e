package dev.stackwright.render;

import static dev.stackwright.testing.RenderedAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.tls.Certificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.stackwright.tls.EndpointCertificate;
import dev.stackwright.tls.TlsEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsRenderTest {
  private final Renderer renderer = Renderer.builder().secrets(SecretSource.of(Topologies.secrets()))
      .certificates(Certificates.forTests()).build();

  static Cluster seedWithTls() {
    ClusterDsl dsl = Seed.named("seed").dsl();
    // tag::cluster-ca[]
    dsl.tls().clusterCa().domain("demo.example.org").hsts(Duration.ofDays(365));
    // end::cluster-ca[]
    return dsl.build();
  }

  /** A renderer whose extra file on the webserver and the controller prints the {@code tls} value. */
  private static Renderer printingTls(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("mine"));
    Files.writeString(dir.resolve("mine/tls.jinja"), "{{ tls.enabled }} {{ tls.certificate }} {{ tls.key }}"
        + " {{ tls.ca }} {{ tls.hsts_seconds }} {{ tls.names | join(',') }}\n");
    return Renderer.builder().secrets(SecretSource.of(Topologies.secrets())).certificates(Certificates.forTests())
        .templateDirectory(dir).addFile("webserver", "/etc/tls-value", "mine/tls.jinja")
        .addFile("controller", "/etc/tls-value", "mine/tls.jinja").build();
  }

  @Test
  void aLoadBalancerGetsItsCertificateKeyAndTheCa() {
    // when
    RenderedCluster rendered = renderer.render(seedWithTls());

    // then
    assertThat(rendered).node("webserver-1")
        .file("/etc/ssl/stackwright/webserver-1.crt").hasMode(0644).hasOwner("root:root")
        .contains("-----BEGIN CERTIFICATE-----")
        .and().file("/etc/ssl/private/stackwright-webserver-1.key").isSecret().hasMode(0600).hasOwner("root:root")
        .and().file("/etc/ssl/stackwright/ca.crt").hasMode(0644).contains("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void theControllerGetsACertificateAndNodesWithoutAnEndpointNone() {
    // when
    RenderedCluster rendered = renderer.render(seedWithTls());

    // then
    assertThat(rendered.file("controller-1", "/etc/ssl/stackwright/controller-1.crt")).isPresent();
    assertThat(rendered.files("worker-1")).noneMatch(f -> f.path().startsWith("/etc/ssl/"));
  }

  @Test
  void templatesReadTheEndpointsPathsHstsAndNames(@TempDir Path dir) throws IOException {
    // when
    RenderedCluster rendered = printingTls(dir).render(seedWithTls());

    // then
    assertThat(rendered).file("webserver-1", "/etc/tls-value").containsLine("true"
        + " /etc/ssl/stackwright/webserver-1.crt /etc/ssl/private/stackwright-webserver-1.key"
        + " /etc/ssl/stackwright/ca.crt 31536000 10.0.10.3,webserver-1,webserver,demo.example.org");
  }

  @Test
  void withoutTlsTemplatesReadItDisabledAndNoCertificateIsRendered(@TempDir Path dir) throws IOException {
    // given
    Files.createDirectories(dir.resolve("mine"));
    Files.writeString(dir.resolve("mine/tls.jinja"), "{{ tls.enabled }}\n");
    Renderer r = Renderer.builder().secrets(SecretSource.of(Topologies.secrets())).templateDirectory(dir)
        .addFile("webserver", "/etc/tls-value", "mine/tls.jinja").build();

    // when
    RenderedCluster rendered = r.render(Topologies.seed());

    // then
    assertThat(rendered).file("webserver-1", "/etc/tls-value").containsLine("false");
    assertThat(rendered.allFiles()).noneMatch(f -> f.path().startsWith("/etc/ssl/"));
  }

  @Test
  void theFloatingIpIsANameOnceKnown(@TempDir Path dir) throws IOException {
    // given
    NetworkFacts facts = NetworkFacts.builder().publicAddress("webserver-1", Ipv4Address.parse("203.0.113.7"))
        .build();

    // when
    RenderedCluster rendered = printingTls(dir).render(seedWithTls(), facts);

    // then
    assertThat(rendered).file("webserver-1", "/etc/tls-value").contains("10.0.10.3,203.0.113.7,webserver-1");
  }

  @Test
  void aFloatingIpStillToComeMarksTheEndpointsNodeAsReadingAPendingFact() {
    // given
    NetworkFacts facts = NetworkFacts.builder().publicAddressPending("webserver-1").build();

    // when
    RenderedCluster rendered = renderer.render(seedWithTls(), facts);

    // then
    assertThat(rendered.readsPendingFacts("webserver-1")).isTrue();
  }

  @Test
  void testCertificatesRenderTheSameBytesEveryTime() {
    // when
    RenderedCluster a = renderer.render(seedWithTls());
    RenderedCluster b = renderer.render(seedWithTls());

    // then
    assertThat(a.nodes()).allSatisfy(n -> assertThat(b.userDataSha256(n)).isEqualTo(a.userDataSha256(n)));
  }

  @Test
  void testSecretsBringTestCertificatesWhenNoneAreSet() {
    // given
    Renderer withTestSecrets = Renderer.builder().secrets(SecretSource.forTests()).build();
    Renderer withTestCertificates = Renderer.builder().secrets(SecretSource.forTests())
        .certificates(Certificates.forTests()).build();

    // when
    RenderedCluster rendered = withTestSecrets.render(seedWithTls());

    // then
    assertThat(rendered.userDataSha256("webserver-1"))
        .isEqualTo(withTestCertificates.render(seedWithTls()).userDataSha256("webserver-1"));
  }

  @Test
  void theCertificateFilesHaveTheReasonAPlanTells() {
    // when
    RenderedCluster rendered = renderer.render(seedWithTls());

    // then
    assertThat(rendered.file("webserver-1", "/etc/ssl/stackwright/webserver-1.crt").orElseThrow().reason())
        .contains("certificate of webserver-1 (first certificate) issued");
  }

  @Test
  void aUsersCertificateExpiringSoonIsAWarningOfTheRenderOnce(@TempDir Path dir) {
    // given
    Instant now = Instant.now();
    EndpointCertificate user = Certificates.clusterCa(dir, Clock.fixed(now.minus(Duration.ofDays(380)),
        ZoneOffset.UTC)).certificate("user", new TlsEndpoint("n", "leaf", List.of("demo.example.org"), false));
    Map<SecretName, String> secrets = new LinkedHashMap<>(Topologies.secrets());
    secrets.put(SecretName.TLS_CERTIFICATE_CHAIN, user.chainPem() + user.caPem());
    secrets.put(SecretName.TLS_PRIVATE_KEY, user.privateKey().reveal());
    ClusterDsl dsl = Seed.named("seed").dsl();
    dsl.tls().userCertificates().domain("demo.example.org");

    // when
    RenderedCluster rendered = Renderer.builder().secrets(SecretSource.of(secrets)).build().render(dsl.build());

    // then
    assertThat(rendered.warnings()).singleElement().asString().contains("expires on", "within 30 days");
    assertThat(rendered).file("webserver-1", "/etc/ssl/stackwright/webserver-1.crt").contains(user.chainPem().strip())
        .and().file("/etc/ssl/stackwright/ca.crt").contains(user.caPem().strip());
  }

  @Test
  void aRenderWithoutTheCloudKeepsNoCertificateMissingTheFloatingIp(@TempDir Path dir) {
    // given: the load balancer will have a floating IP, which only the cloud knows
    ClusterDsl dsl = Seed.named("seed").dsl().externalNetwork("public");
    dsl.tls().clusterCa();
    Renderer r = Renderer.builder().secrets(SecretSource.of(Topologies.secrets()))
        .certificates(Certificates.clusterCa(dir)).build();

    // when
    r.render(dsl.build(), NetworkFacts.none());

    // then
    assertThat(dir.resolve("webserver-1.crt")).doesNotExist();
    assertThat(dir.resolve("ca.crt")).exists();
  }
}
