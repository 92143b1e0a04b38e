package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.tls.Certificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certificate the cluster CA reissues is a changed file like any other: the node is reconfigured, and the plan says
 * which certificate and why; a certificate still good changes nothing.
 */
class CertificateRenewalPlanTest {
  private static final Instant APPLIED = Instant.parse("2026-12-07T08:00:00Z");
  private static final ResourceId WEB = ResourceId.of(ResourceKind.SERVER, "webserver-1");

  @TempDir
  Path ca;
  private InMemoryCloud cloud;

  private static Cluster cluster(String... domains) {
    return cluster(Seed.named("tls"), domains);
  }

  private static Cluster cluster(Seed seed, String... domains) {
    ClusterDsl dsl = seed.dsl().adminCidr(Topologies.ADMIN_CIDR).externalNetwork("public");
    dsl.tls().clusterCa().domain(domains);
    return dsl.build();
  }

  /** The engine whose cluster CA runs {@code days} after the first apply. */
  private Engine engine(long days) {
    Clock clock = Clock.fixed(APPLIED.plus(Duration.ofDays(days)), ZoneOffset.UTC);
    Renderer renderer = Renderer.builder().secrets(Topologies.secrets())
        .certificates(Certificates.clusterCa(ca, clock)).build();
    return Engine.builder().backend(cloud).renderer(renderer).build();
  }

  @BeforeEach
  void applied() {
    cloud = InMemoryCloud.forCluster(cluster("demo.example.org"));
    ApplyResult first = engine(0).apply(cluster("demo.example.org"));
    assertThat(first.succeeded()).as(first.summary()).isTrue();
  }

  @Test
  void aCertificateExpiringWithin30DaysReconfiguresItsNodeAndSaysWhy() {
    // when
    Plan plan = engine(370).plan(cluster("demo.example.org"));

    // then
    Change web = plan.change(WEB).orElseThrow();
    assertThat(web.action()).as(plan.render()).isEqualTo(Action.RECONFIGURE);
    assertThat(web.reason()).contains("/etc/ssl/stackwright/webserver-1.crt").contains("reload nginx")
        .contains("certificate of webserver-1 (expires on 2028-01-08, within 30 days) renewed");
    assertThat(plan.render()).contains("certificate of webserver-1 (expires on 2028-01-08, within 30 days) renewed");
    assertThat(plan.toJson()).contains("\"reason\": \"certificate of webserver-1 (expires on 2028-01-08, within 30"
        + " days) renewed\"");
  }

  @Test
  void otherNamesReissueTheCertificateAndThePlanSaysWhich() {
    // when
    Plan plan = engine(1).plan(cluster("demo.example.org", "www.example.org"));

    // then
    Change web = plan.change(WEB).orElseThrow();
    assertThat(web.action()).as(plan.render()).isEqualTo(Action.RECONFIGURE);
    assertThat(web.reason()).contains("certificate of webserver-1 (names changed: + www.example.org) renewed");
  }

  @Test
  void aSecondLoadBalancerTakesTheRolesOwnNameFromTheFirstsCertificate() {
    // given: a role of one instance answers to the role's name too; of two, no longer
    Cluster two = cluster(Seed.named("tls").role("webserver", w -> w.count(2)), "demo.example.org");

    // when
    Plan plan = engine(1).plan(two);

    // then
    Change web = plan.change(WEB).orElseThrow();
    assertThat(web.action()).as(plan.render()).isEqualTo(Action.RECONFIGURE);
    assertThat(web.reason()).contains("certificate of webserver-1 (names changed: - webserver) renewed");
  }

  @Test
  void thePlanOfARenewalFollowsThePlanSchema() {
    // when
    Plan plan = engine(370).plan(cluster("demo.example.org"));

    // then
    assertThat(PlanSchema.errors(plan.toJson())).isEmpty();
  }

  @Test
  void aCertificateStillGoodChangesNothing() throws Exception {
    // given
    String kept = Files.readString(ca.resolve("webserver-1.crt"));

    // when
    Plan plan = engine(100).plan(cluster("demo.example.org"));

    // then
    assertThat(plan.isEmpty()).as(plan.render()).isTrue();
    assertThat(Files.readString(ca.resolve("webserver-1.crt"))).isEqualTo(kept);
  }

  @Test
  void theAppliedCertificateCarriesTheFloatingIpTheCloudGave() throws Exception {
    // when
    String kept = Files.readString(ca.resolve("webserver-1.crt"));

    // then
    java.security.cert.X509Certificate leaf = (java.security.cert.X509Certificate) java.security.cert
        .CertificateFactory.getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(
            kept.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    assertThat(leaf.getSubjectAlternativeNames()).extracting(n -> String.valueOf(n.get(1)))
        .anyMatch(n -> n.startsWith("203.0.113."));
  }

  @Test
  void neitherThePlanNorItsJsonShowsAKey() throws Exception {
    // given
    Plan plan = engine(370).plan(cluster("demo.example.org"));
    String key = Files.readString(ca.resolve("webserver-1.key"));
    String caKey = Files.readString(ca.resolve("ca.key"));

    // when
    String text = plan.render() + plan.toJson();

    // then
    assertThat(plan.fileChanges()).filteredOn(f -> f.path().endsWith(".key")).isNotEmpty()
        .allSatisfy(f -> assertThat(f.secret()).isTrue());
    // the first two lines of a key's PEM body hold its private part; the rest is the public key
    for (String line : Stream.of(key, caKey).flatMap(k -> k.lines().filter(l -> !l.startsWith("-----")).limit(2))
        .toList()) {
      assertThat(text).doesNotContain(line);
    }
  }
}
