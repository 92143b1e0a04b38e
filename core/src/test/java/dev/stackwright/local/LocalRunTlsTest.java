package dev.stackwright.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.fixtures.TrustingClients;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import dev.stackwright.tls.Certificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local run serves HTTPS for real: the load balancer and the controller answer on 443 with certificates of the
 * cluster CA that name the loopback addresses clients here connect to; plain HTTP is redirected (the ACME path
 * excepted), and the admin pages never ask for the password over it. curl ({@code --cacert}) and Java's HTTP client,
 * each trusting the cluster CA alone, connect. Skipped like {@link LocalRunEndToEndTest} without the programs (failed
 * under CI=true); everything stops in {@link #stop()}. Only 127.0.0.0/8 is contacted.
 */
class LocalRunTlsTest {
  private static final Path CURL = Path.of("/usr/bin/curl");

  private static Cluster cluster;
  private static LocalRun run;
  private static Path runDir;
  private static Path ca;
  private static LocalResult applied;
  private static HttpClient trusting;

  @BeforeAll
  static void apply() throws Exception {
    LocalTopology.requirePrograms();
    if (!Files.isExecutable(CURL)) {
      String message = "LocalRunTlsTest needs curl (apt-get install -y curl)";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      org.junit.jupiter.api.Assumptions.assumeTrue(false, message);
    }
    cluster = LocalTopology.tls("tlsproof");
    runDir = Path.of("target/local-run/tlsproof").toAbsolutePath();
    run = LocalRun.builder().runDir(runDir).application(LocalTopology.DEMO).readyTimeout(Duration.ofSeconds(90))
        .build();
    run.destroy(cluster); // a run an earlier, killed test left behind
    deleteTree(runDir);
    Path caDir = Path.of("target/tlsproof-ca").toAbsolutePath();
    deleteTree(caDir);
    RenderedCluster rendered = Renderer.builder().secrets(SecretSource.of(LocalTopology.SECRETS))
        .certificates(Certificates.clusterCa(caDir)).build().render(cluster, run.networkFacts(cluster));
    ca = caDir.resolve("clients-trust.pem");
    Files.writeString(ca, rendered.file("webserver-1", "/etc/ssl/stackwright/ca.crt").orElseThrow().content());
    applied = run.apply(cluster, rendered);
    trusting = TrustingClients.client(Files.readString(ca));
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      System.out.println(run.destroy(cluster));
      assertThat(run.status(cluster).services()).isEmpty();
    }
  }

  @Test
  void theUrlsTheRunPrintsAreHttps() {
    assertThat(applied.loadBalancerUrl()).contains("https://127.0.10.3:" + port(443) + "/");
    assertThat(applied.controllerUrl()).contains("https://127.0.0.12:" + port(443) + "/");
  }

  @Test
  void curlTrustingTheClusterCaGetsTheDemoPageOverTls12OrLater() throws Exception {
    // when
    Curl result = curl("-v", "--cacert", ca.toString(), lb());

    // then
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).contains("<h1>The cluster is working</h1>");
    assertThat(result.err()).containsPattern("SSL connection using TLSv1\\.[23] ");
  }

  @Test
  void curlAskingForTls11IsRefusedByTheLoadBalancerAndTheSameClientAtTls12IsNot() throws Exception {
    // given: a client willing to speak TLS 1.1 (OpenSSL's security level 0 allows it), so the refusal is nginx's
    List<String> willing = List.of("-sS", "-o", "/dev/null", "--cacert", ca.toString(), "--ciphers",
        "DEFAULT:@SECLEVEL=0", "--tlsv1.1");

    // when
    Curl old = curl(concat(willing, "--tls-max", "1.1", lb()));
    Curl current = curl(concat(willing, "--tls-max", "1.2", lb()));

    // then
    assertThat(old.exit()).as(old.err()).isNotZero();
    assertThat(old.err()).contains("alert protocol version");
    assertThat(current.exit()).as(current.err()).isZero();
  }

  @Test
  void javasHttpClientTrustingOnlyTheClusterCaGetsThePageAndTheAdminPagesWithThePassword() throws Exception {
    // when
    HttpResponse<String> page = send(trusting, lb(), false);
    HttpResponse<String> admin = send(trusting, controller(), true);
    HttpResponse<String> noPassword = send(trusting, controller(), false);

    // then
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<h1>The cluster is working</h1>");
    assertThat(page.headers().firstValue("Strict-Transport-Security")).contains("max-age=86400");
    assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
    assertThat(noPassword.statusCode()).isEqualTo(401);
    assertThat(noPassword.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void aClientTrustingOnlyTheSystemsCasIsRefused() {
    // given
    HttpClient system = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    // then
    assertThatThrownBy(() -> send(system, lb(), false)).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void plainHttpToTheLoadBalancerIsRedirectedToHttpsButTheAcmeChallengeIsAnswered() throws Exception {
    // given: a challenge as certbot --webroot would leave it
    Path challenge = runDir.resolve("webserver-1/var/www/acme-challenge/.well-known/acme-challenge/token-1");
    Files.createDirectories(challenge.getParent());
    Files.writeString(challenge, "token-1.thumbprint");
    String http = "http://127.0.10.3:" + port(80);

    // when
    HttpResponse<String> page = send(trusting, http + "/whoami/?x=1", false);
    HttpResponse<String> acme = send(trusting, http + "/.well-known/acme-challenge/token-1", false);

    // then
    assertThat(page.statusCode()).isEqualTo(301);
    assertThat(page.headers().firstValue("Location")).contains(https("127.0.10.3") + "/whoami/?x=1");
    assertThat(acme.statusCode()).isEqualTo(200);
    assertThat(acme.body()).isEqualTo("token-1.thumbprint");
  }

  @Test
  void plainHttpToTheAdminPagesIsRedirectedWithoutAskingForThePassword() throws Exception {
    // when
    HttpResponse<String> root = send(trusting, "http://127.0.0.12:" + port(80) + "/", false);
    HttpResponse<String> rabbit = send(trusting, "http://127.0.0.12:" + port(80) + "/rabbitmq/", true);

    // then
    for (HttpResponse<String> r : List.of(root, rabbit)) {
      assertThat(r.statusCode()).isEqualTo(301);
      assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
      assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith(https("127.0.0.12") + "/");
    }
  }

  @Test
  void djangoTakesTheRequestAsHttpsAndSetsItsCookiesSecure() throws Exception {
    // when
    HttpResponse<String> whoami = send(trusting, lb() + "whoami/", false);
    HttpResponse<String> login = send(trusting, lb() + "admin/login/", false);

    // then: X-Forwarded-Proto https from the load balancer, trusted through SECURE_PROXY_SSL_HEADER
    assertThat(whoami.body()).contains("\"secure\": true");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("csrftoken=")
        .containsIgnoringCase("; Secure"));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static String lb() {
    return applied.loadBalancerUrl().orElseThrow();
  }

  private static String controller() {
    return applied.controllerUrl().orElseThrow();
  }

  /** The redirect's target: the host the client asked for, with the port 443 maps to when it is not 443. */
  private static String https(String host) {
    return "https://" + host + (port(443) == 443 ? "" : ":" + port(443));
  }

  /** Where a port of the cluster answers here: kept as root, moved otherwise. */
  private static int port(int port) {
    return run.mapping(cluster).port(dev.stackwright.model.Ipv4Address.parse("10.0.10.3"), port);
  }

  private static HttpResponse<String> send(HttpClient client, String url, boolean password) throws Exception {
    URI uri = URI.create(url);
    assertThat(uri.getHost()).as("only loopback is contacted").startsWith("127.");
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
    if (password) {
      String admin = "admin:" + LocalTopology.SECRETS.get(SecretName.ADMIN_PASSWORD);
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(admin.getBytes(StandardCharsets.UTF_8)));
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private record Curl(int exit, String out, String err) {}

  private static Curl curl(String... args) throws IOException, InterruptedException {
    return curl(List.of(args));
  }

  private static Curl curl(List<String> args) throws IOException, InterruptedException {
    List<String> cmd = concat(List.of(CURL.toString(), "--max-time", "10"), args.toArray(String[]::new));
    Process p = new ProcessBuilder(cmd).start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("curl did not end within 20 s: " + cmd);
    }
    return new Curl(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new java.util.ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }
}
