package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import dev.stackwright.tls.Certificates;
import dev.stackwright.tls.EndpointCertificate;
import dev.stackwright.tls.TlsEndpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A certificate of the user's that stackwright cannot renew: the plan says what will soon stop working. */
class UserCertificateNotesTest {
  @Test
  void aUsersCertificateExpiringWithin30DaysIsANoteOfThePlan(@TempDir Path dir) {
    // given a chain of the user's whose leaf has 20 days left
    Instant start = Instant.now().minus(Duration.ofDays(Certificates.LEAF_DAYS - 20));
    EndpointCertificate user = Certificates.clusterCa(dir, Clock.fixed(start, ZoneOffset.UTC))
        .certificate("theirs", new TlsEndpoint("n", "leaf", List.of("demo.example.org"), false));
    SecretSource secrets = SecretSource.of(Map.of(SecretName.TLS_CERTIFICATE_CHAIN, user.chainPem() + user.caPem(),
        SecretName.TLS_PRIVATE_KEY, user.privateKey().reveal())).orElse(Topologies.secrets());
    ClusterDsl dsl = Seed.named("mine").dsl().adminCidr(Topologies.ADMIN_CIDR);
    dsl.tls().userCertificates().domain("demo.example.org");
    Cluster cluster = dsl.build();
    Engine engine = Engine.builder().backend(InMemoryCloud.forCluster(cluster))
        .renderer(Renderer.builder().secrets(secrets).build()).build();

    // when
    Plan plan = engine.plan(cluster);

    // then
    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("the TLS certificate given in "
        + "tls_certificate_chain expires on").contains("stackwright cannot renew a certificate of yours"));
  }
}
