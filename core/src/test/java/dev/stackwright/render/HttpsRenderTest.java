package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.testing.RenderedAssert;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What serving HTTPS changes in the rendered files: nginx's sites, their shared settings, the app's environment. */
class HttpsRenderTest {
  private static final String LB = "/etc/nginx/sites-enabled/stackwright-webserver.conf";
  private static final String CONTROLLER = "/etc/nginx/sites-enabled/stackwright-controller.conf";
  private static final String SETTINGS = "/etc/nginx/snippets/stackwright-tls.conf";
  private static final String DHPARAM = "/etc/nginx/ffdhe2048.pem";
  private static final String ENV = "/etc/stackwright/demo.env";

  private final Renderer renderer = Topologies.renderer();

  /** The seed with TLS from the cluster CA, domains of the user's, and HSTS for a year. */
  static Cluster tlsSeed() {
    ClusterDsl dsl = Topologies.seedDsl();
    // tag::tls[]
    dsl.tls().clusterCa().domain("demo.example.org", "*.apps.example.org").hsts(Duration.ofDays(365));
    // end::tls[]
    return dsl.build();
  }

  /** The seed with TLS and nothing more: no HSTS. */
  static Cluster plainTlsSeed() {
    ClusterDsl dsl = Topologies.seedDsl();
    dsl.tls().clusterCa();
    return dsl.build();
  }

  private static String content(RenderedCluster r, String node, String path) {
    return r.file(node, path).orElseThrow(() -> new AssertionError(node + " has no " + path)).content();
  }

  /** The server blocks of an nginx site, each from its "server {" on. */
  private static List<String> servers(String site) {
    return Arrays.stream(site.split("(?m)^server \\{")).skip(1).toList();
  }

  @Test
  void withTlsTheLoadBalancerServesOn443WithItsCertificateAndTheSharedSettings() {
    // when
    RenderedCluster rendered = renderer.render(tlsSeed());

    // then
    String https = servers(content(rendered, "webserver-1", LB)).get(0);
    assertThat(https).contains("listen 10.0.10.3:443 ssl http2;",
        "ssl_certificate /etc/ssl/stackwright/webserver-1.crt;",
        "ssl_certificate_key /etc/ssl/private/stackwright-webserver-1.key;", "include " + SETTINGS + ";",
        "add_header Strict-Transport-Security \"max-age=31536000\" always;",
        "proxy_set_header X-Forwarded-Proto $scheme;", "proxy_pass http://webserver_app_servers;",
        "location /static/ {", "location /tutorials/ {");
    assertThat(rendered.file("webserver-1", "/etc/ssl/stackwright/webserver-1.crt")).isPresent();
  }

  @Test
  void withTlsPlainHttpToTheLoadBalancerAnswersAcmeChallengesAndRedirectsEverythingElse() {
    // when
    String site = content(renderer.render(tlsSeed()), "webserver-1", LB);

    // then
    String http = servers(site).get(1);
    assertThat(http).contains("listen 10.0.10.3:80;", "location /.well-known/acme-challenge/ {",
        "root /var/www/acme-challenge;", "return 301 https://$host$request_uri;")
        .doesNotContain("proxy_pass", "ssl");
  }

  @Test
  void withTlsTheAdminPagesAskForThePasswordOnlyOverHttps() {
    // when
    List<String> servers = servers(content(renderer.render(tlsSeed()), "controller-1", CONTROLLER));

    // then
    assertThat(servers).hasSize(2);
    assertThat(servers.get(0)).contains("listen 10.0.0.1:80;", "return 301 https://$host$request_uri;",
        "server_name _;").doesNotContain("auth_basic", "proxy_pass", "location /admin/");
    assertThat(servers.get(1)).contains("listen 10.0.0.1:443 ssl http2;",
        "ssl_certificate /etc/ssl/stackwright/controller-1.crt;", "auth_basic \"seed admin\";",
        "location /rabbitmq/ {", "proxy_set_header X-Forwarded-Proto $scheme;");
  }

  @Test
  void theSharedSettingsAreMozillasIntermediateProfile() {
    // when
    RenderedCluster rendered = renderer.render(tlsSeed());

    // then
    RenderedAssert.assertThat(rendered).file("webserver-1", SETTINGS).containsLines("ssl_protocols TLSv1.2 TLSv1.3;",
        "ssl_prefer_server_ciphers off;", "ssl_dhparam " + DHPARAM + ";", "ssl_session_timeout 1d;",
        "ssl_session_tickets off;", "ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
            + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
            + "ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:"
            + "DHE-RSA-CHACHA20-POLY1305;")
        .doesNotContain("TLSv1.1").hasMode(0644);
    assertThat(content(rendered, "controller-1", SETTINGS)).isEqualTo(content(rendered, "webserver-1", SETTINGS));
  }

  @Test
  void theDhParametersAreRfc7919sFfdhe2048Group() {
    // given: p = 2^2048 - 2^1984 + (floor(2^1918 * e) + 560316) * 2^64 - 1, g = 2 (RFC 7919, appendix A.1)
    BigDecimal e = BigDecimal.ONE;
    BigDecimal term = BigDecimal.ONE;
    MathContext digits = new MathContext(700);
    for (int k = 1; k < 400; k++) {
      term = term.divide(BigDecimal.valueOf(k), digits);
      e = e.add(term, digits);
    }
    BigInteger floor = new BigDecimal(BigInteger.TWO.pow(1918)).multiply(e, digits)
        .setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
    BigInteger p = BigInteger.TWO.pow(2048).subtract(BigInteger.TWO.pow(1984))
        .add(floor.add(BigInteger.valueOf(560316)).shiftLeft(64)).subtract(BigInteger.ONE);

    // when
    String pem = content(renderer.render(tlsSeed()), "webserver-1", DHPARAM);
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));

    // then: SEQUENCE (30 82 01 08) { INTEGER (02 82 01 01) p, INTEGER (02 01) g }
    assertThat(pem).startsWith("-----BEGIN DH PARAMETERS-----\n");
    assertThat(Arrays.copyOfRange(der, 0, 8)).containsExactly(0x30, 0x82, 0x01, 0x08, 0x02, 0x82, 0x01, 0x01);
    assertThat(new BigInteger(Arrays.copyOfRange(der, 8, 8 + 257))).isEqualTo(p);
    assertThat(Arrays.copyOfRange(der, 265, der.length)).containsExactly(0x02, 0x01, 0x02);
  }

  @Test
  void hstsIsSentOnlyWhenTheClusterAsksForIt() {
    // when
    RenderedCluster rendered = renderer.render(plainTlsSeed());

    // then
    assertThat(content(rendered, "webserver-1", LB)).contains("listen 10.0.10.3:443 ssl http2;")
        .doesNotContain("Strict-Transport-Security");
    assertThat(content(rendered, "controller-1", CONTROLLER)).doesNotContain("Strict-Transport-Security");
  }

  @Test
  void withoutTlsTheSitesListenOnPort80AloneAndNoTlsFileIsRendered() {
    // when
    RenderedCluster rendered = renderer.render(Topologies.seed());

    // then
    assertThat(servers(content(rendered, "webserver-1", LB))).singleElement().asString()
        .contains("listen 10.0.10.3:80;", "proxy_pass http://webserver_app_servers;").doesNotContain("ssl", "301");
    assertThat(servers(content(rendered, "controller-1", CONTROLLER))).singleElement().asString()
        .contains("listen 10.0.0.1:80;", "auth_basic").doesNotContain("ssl", "301");
    assertThat(rendered.file("webserver-1", SETTINGS)).isEmpty();
    assertThat(rendered.file("webserver-1", DHPARAM)).isEmpty();
    assertThat(rendered.userData("webserver-1")).doesNotContain("acme-challenge");
  }

  @Test
  void withTlsTheLoadBalancersNodeMakesTheAcmeDirectoryAndTheControllersDoesNot() {
    // when
    RenderedCluster rendered = renderer.render(tlsSeed());

    // then
    assertThat(rendered.userData("webserver-1")).contains("mkdir -p /var/www/acme-challenge/.well-known/acme-challenge");
    assertThat(rendered.userData("controller-1")).doesNotContain("acme-challenge");
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
