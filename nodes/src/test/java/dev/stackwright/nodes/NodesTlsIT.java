package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Plan;
import dev.stackwright.engine.Topologies;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.model.Cluster;
import dev.stackwright.nodes.internal.Host;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretName;
import dev.stackwright.tls.Certificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The seed with TLS from a cluster CA, booted for real on the nodes backend: the load balancer and the controller
 * serve HTTPS on 443 through the security groups, curl trusting only the cluster CA ({@code --cacert}) connects from
 * inside the rig, plain HTTP is redirected (the load balancer's ACME path excepted) and the admin pages never ask for
 * the password over it.
 */
@Tag("integration")
class NodesTlsIT {
  private static final String NAME = "nodetls";
  private static final Cluster SEED = seed();
  private static TestRig rig;
  private static Engine engine;
  private static ApplyResult applied;
  private static Path ca;

  /** The seed with its sources pointed at the rig ({@link SeedOnNodesIT#seed()}), and TLS with HSTS for a day. */
  static Cluster seed() {
    ClusterDsl c = Seed.named(NAME).source("git://10.0.255.254/demo.git").dsl().adminCidr("10.0.255.254/32");
    c.packageSources().unsignedDebianMirror("http://10.0.255.254/debian ./")
        .couchdbRepository("http://10.0.255.254/couchdb ./", "http://10.0.255.254/couchdb/keys.asc")
        .pythonIndex("http://10.0.255.253/simple");
    c.tls().clusterCa().hsts(Duration.ofDays(1));
    return c.build();
  }

  @BeforeAll
  static void boot() throws IOException, InterruptedException {
    rig = TestRig.open(null, null, SEED);
    try {
      DemoRepo.publish(rig.gitRoot, "demo", "v1.0");
      Renderer renderer = Renderer.builder().secrets(Topologies.secrets())
          .certificates(Certificates.clusterCa(rig.stateRoot.resolve("tls"))).build();
      engine = Engine.builder().backend(rig.nodes).renderer(renderer).serverGroupPolicy("soft-anti-affinity").build();
      long t0 = System.nanoTime();
      applied = engine.apply(SEED);
      NodesHealthWait.untilSettled(rig.nodes, NAME, t0, new StringBuilder());
      ca = rig.stateRoot.resolve("clients-trust.pem");
      Files.writeString(ca, renderer.render(SEED).file("webserver-1", "/etc/ssl/stackwright/ca.crt").orElseThrow()
          .content());
    } catch (RuntimeException | IOException | InterruptedException | Error e) {
      close();
      throw e;
    }
  }

  @AfterAll
  static void close() throws IOException {
    if (rig != null) {
      rig.close();
      rig = null;
    }
  }

  @Test
  void everyNodeFinishedCloudInitWithoutAFailedStep() {
    assertThat(applied.succeeded()).as(applied.summary()).isTrue();
    assertThat(rig.nodes.health(NAME)).hasSize(6).allSatisfy(h -> {
      assertThat(h.failedSteps()).as(h.summary()).isEmpty();
      assertThat(h.healthy()).as(h.summary()).isTrue();
    });
  }

  @Test
  void curlTrustingTheClusterCaGetsTheDemoPageFromTheLoadBalancerOverTls12OrLater() {
    // when
    Host.Result page = curl("-v", "--cacert", ca.toString(), "https://10.0.10.3/");

    // then
    assertThat(page.ok()).as(page.output()).isTrue();
    assertThat(page.output()).contains("<h1>The cluster is working</h1>")
        .containsPattern("SSL connection using TLSv1\\.[23] ").contains("strict-transport-security: max-age=86400");
  }

  @Test
  void djangoTakesARequestThroughTheLoadBalancersHttpsAsSecure() {
    // when: gunicorn trusts X-Forwarded-Proto from the load balancer, Django through SECURE_PROXY_SSL_HEADER
    Host.Result whoami = curl("--cacert", ca.toString(), "https://10.0.10.3/whoami/");

    // then
    assertThat(whoami.output()).contains("\"secure\": true");
  }

  @Test
  void theAdminPagesAnswerOverHttpsWithThePasswordOnly() {
    // given
    String admin = "admin:test-secret-" + SecretName.builtIn().indexOf(SecretName.ADMIN_PASSWORD) + "-0123456789";

    // when
    Host.Result with = curl("-o", "/dev/null", "-w", "%{http_code}", "--cacert", ca.toString(), "-u", admin,
        "https://10.0.0.1/rabbitmq/api/queues/%2F");
    Host.Result without = curl("-o", "/dev/null", "-w", "%{http_code}", "--cacert", ca.toString(),
        "https://10.0.0.1/rabbitmq/api/queues/%2F");

    // then
    assertThat(with.output()).as(with.output()).isEqualTo("200");
    assertThat(without.output()).as(without.output()).isEqualTo("401");
  }

  @Test
  void plainHttpIsRedirectedToHttpsWithNoPasswordPromptAndTheAcmePathIsServed() throws IOException {
    // given: a challenge where certbot --webroot would leave it, in the directory the node made at its first boot
    RigHttp.inNode(rig, "webserver", "sh", "-c",
        "printf token-1.thumbprint > /var/www/acme-challenge/.well-known/acme-challenge/token-1");

    // when
    Host.Result page = curl("-D", "-", "-o", "/dev/null", "http://10.0.10.3/whoami/");
    Host.Result admin = curl("-D", "-", "-o", "/dev/null", "http://10.0.0.1/rabbitmq/");
    Host.Result acme = curl("http://10.0.10.3/.well-known/acme-challenge/token-1");

    // then
    assertThat(page.output()).startsWith("HTTP/1.1 301").contains("Location: https://10.0.10.3/whoami/");
    assertThat(admin.output()).startsWith("HTTP/1.1 301").contains("Location: https://10.0.0.1/rabbitmq/")
        .doesNotContainIgnoringCase("WWW-Authenticate");
    assertThat(acme.output()).isEqualTo("token-1.thumbprint");
  }

  @Test
  void aSecondPlanIsEmpty() {
    Plan again = engine.plan(SEED);
    assertThat(again.isEmpty()).as(again.toString()).isTrue();
  }

  /** curl in the rig's bridge namespace, the rig's side of the nodes' network. */
  private static Host.Result curl(String... args) {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", rig.nodes.bridgeNamespace(), "curl", "-sS",
        "--max-time", "20"));
    cmd.addAll(List.of(args));
    return Host.run(cmd, null, Duration.ofSeconds(30));
  }
}
