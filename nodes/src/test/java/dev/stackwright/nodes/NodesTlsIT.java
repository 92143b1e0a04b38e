package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.engine.Action;
import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Change;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Plan;
import dev.stackwright.engine.Topologies;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.model.Cluster;
import dev.stackwright.nodes.internal.Host;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretName;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.tls.Certificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed with TLS from a cluster CA, booted for real on the nodes backend: the load balancer and the controller
 * serve HTTPS on 443 through the security groups, curl trusting only the cluster CA ({@code --cacert}) connects from
 * inside the rig, plain HTTP is redirected (the load balancer's ACME path excepted) and the admin pages never ask for
 * the password over it; certificates within 30 days of their end are renewed and reach the running nodes through the
 * day-two reconfigure (over SSH, as any changed file).
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodesTlsIT {
  private static final String NAME = "nodetls";
  private static final Cluster SEED = seed();
  private static TestRig rig;
  private static Path keys;
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
    keys = TestKeys.make("nodes-tls");
    Path key = keys.resolve("id");
    rig = TestRig.open(null, null, SEED, b -> b.sshKey(key));
    try {
      DemoRepo.publish(rig.gitRoot, "demo", "v1.0");
      // The certificates are issued as if 380 days ago: valid now, and within 30 days of their end.
      engine = engine(Clock.offset(Clock.systemUTC(), Duration.ofDays(-380)));
      long t0 = System.nanoTime();
      applied = engine.apply(SEED);
      NodesHealthWait.untilSettled(rig.nodes, NAME, t0, new StringBuilder());
      ca = rig.stateRoot.resolve("clients-trust.pem");
      Files.copy(rig.stateRoot.resolve("tls").resolve("ca.crt"), ca); // the cluster CA the engine made
    } catch (RuntimeException | IOException | InterruptedException | Error e) {
      close();
      throw e;
    }
  }

  @AfterAll
  static void close() throws IOException {
    try {
      if (rig != null) {
        rig.close();
        rig = null;
      }
    } finally {
      if (keys != null) {
        TestKeys.remove(keys);
        keys = null;
      }
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

  /** Last: it renews the certificates the other tests connect with. */
  @Test
  @Order(Integer.MAX_VALUE)
  void certificatesWithin30DaysOfTheirEndAreRenewedOnTheRunningNodes() throws InterruptedException {
    // given: the same cluster a plan later, on today's clock
    Engine today = engine(Clock.systemUTC());
    String before = servedEnd();
    Plan plan = today.plan(SEED);
    Change web = plan.change(ResourceId.of(ResourceKind.SERVER, "webserver-1"))
        .orElseThrow(() -> new AssertionError(plan.render()));

    // when
    ApplyResult renewed = today.apply(SEED, plan);
    String after = servedEndOnceNot(before);

    // then
    assertThat(web.action()).as(plan.render()).isEqualTo(Action.RECONFIGURE);
    assertThat(web.reason()).contains("certificate of webserver-1").contains("within 30 days");
    assertThat(plan.changes()).extracting(Change::id).contains(ResourceId.of(ResourceKind.SERVER, "controller-1"));
    assertThat(renewed.succeeded()).as(renewed.summary()).isTrue();
    assertThat(after).as("the end date nginx serves, before: %s", before).isNotEqualTo(before);
    assertThat(today.plan(SEED).isEmpty()).isTrue();
  }

  private static Engine engine(Clock caClock) {
    try {
      Renderer renderer = Renderer.builder().secrets(Topologies.secrets())
          .certificates(Certificates.clusterCa(rig.stateRoot.resolve("tls"), caClock)).build();
      return Engine.builder().backend(rig.nodes).renderer(renderer).serverGroupPolicy("soft-anti-affinity")
          .publicKey(Files.readString(keys.resolve("id.pub"))).build();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The served end date once it is not {@code old}, or {@code old} after 10 s: {@code systemctl reload nginx} returns
   * when the signal is sent, and the old workers answer until the new ones have read the renewed certificate.
   */
  private static String servedEndOnceNot(String old) throws InterruptedException {
    String now = servedEnd();
    for (int i = 0; i < 20 && now.equals(old); i++) {
      Thread.sleep(500);
      now = servedEnd();
    }
    return now;
  }

  /** The end date of the certificate the load balancer serves, as curl trusting only the cluster CA reads it. */
  private static String servedEnd() {
    Host.Result r = curl("-v", "-o", "/dev/null", "--cacert", ca.toString(), "https://10.0.10.3/");
    assertThat(r.ok()).as(r.output()).isTrue();
    return r.output().lines().filter(l -> l.contains("expire date:")).findFirst()
        .orElseThrow(() -> new AssertionError(r.output()));
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
