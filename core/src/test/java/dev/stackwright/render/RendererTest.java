package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.Cluster;
import dev.stackwright.render.internal.Digests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendererTest {
  private static final String LB = "/etc/nginx/sites-enabled/stackwright-webserver.conf";
  private static final String CONTROLLER = "/etc/nginx/sites-enabled/stackwright-controller.conf";
  private static final String DNSMASQ = "/etc/dnsmasq.d/stackwright.conf";

  private final Renderer renderer = Topologies.renderer();

  private static String content(RenderedCluster r, String node, String path) {
    return r.file(node, path).orElseThrow(() -> new AssertionError(node + " has no " + path + "; it has "
        + r.manifest(node).keySet())).content();
  }

  @Test
  void loadBalancerUpstreamsListEveryAppServerAndStaticServerInstance() {
    // given
    Cluster cluster = Topologies.split(3, 2, 1, 2);

    // when
    String lb = content(renderer.render(cluster), "webserver-1", LB);

    // then
    assertThat(lb).contains("server 10.0.11.1:8000 max_fails=3 fail_timeout=10s;",
        "server 10.0.11.2:8000 max_fails=3", "server 10.0.11.3:8000 max_fails=3", "server 10.0.12.1:80",
        "server 10.0.12.2:80", "listen 10.0.10.3:80;", "proxy_set_header X-Forwarded-For "
            + "$proxy_add_x_forwarded_for;", "proxy_set_header X-Forwarded-Proto $scheme;",
        "proxy_set_header Host $http_host;", "proxy_next_upstream error timeout");
    assertThat(lb).doesNotContain("10.0.11.4");
  }

  @Test
  void aFourthAppServerChangesTheLoadBalancerAndTheControllerWithNoOtherEdit() {
    // given
    RenderedCluster three = renderer.render(Topologies.split(3, 1, 1, 1));

    // when
    RenderedCluster four = renderer.render(Topologies.split(4, 1, 1, 1));

    // then
    assertThat(content(three, "webserver-1", LB)).doesNotContain("10.0.11.4");
    assertThat(content(four, "webserver-1", LB)).contains("server 10.0.11.4:8000");
    assertThat(content(four, "webserver-2", LB)).contains("server 10.0.11.4:8000");
    assertThat(content(three, "controller-1", CONTROLLER)).doesNotContain("10.0.11.4");
    assertThat(content(four, "controller-1", CONTROLLER)).contains("server 10.0.11.4:8000");
    assertThat(content(four, "controller-1", DNSMASQ)).contains("appserver-4 (10.0.11.4, appserver-4)");
    assertThat(content(four, "controller-1", "/etc/hosts")).contains("10.0.11.4\tappserver-4");
    assertThat(four.userDataSha256("webserver-1")).isNotEqualTo(three.userDataSha256("webserver-1"));
    assertThat(four.userDataSha256("controller-1")).isNotEqualTo(three.userDataSha256("controller-1"));
    assertThat(content(four, "appserver-4", "/etc/gunicorn/gunicorn.conf.py"))
        .contains("bind = [\"10.0.11.4:8000\"]");
    assertThat(four.manifest("worker-1").get("/etc/conf.d/celery"))
        .isEqualTo(three.manifest("worker-1").get("/etc/conf.d/celery"));
  }

  @Test
  void gunicornWorkersAreTwiceTheVcpusPlusOneAndTrustOnlyTheProxies() {
    // when
    String conf = content(renderer.render(Topologies.seed()), "server_all-1", "/etc/gunicorn/gunicorn.conf.py");

    // then
    assertThat(conf).contains("wsgi_app = \"demo.wsgi:application\"", "bind = [\"10.0.11.1:8000\"]",
        "workers = 9", "forwarded_allow_ips = \"10.0.10.3,10.0.0.1\"", "raw_env = [\"APP_SERVER_ID=appserver-1\"]");
  }

  @Test
  void processesSetOnTheRoleOverrideTheDerivedCounts() {
    // given
    Cluster cluster = Topologies.seedDsl(3, 5).build();

    // when
    RenderedCluster r = renderer.render(cluster);

    // then
    assertThat(content(r, "server_all-1", "/etc/gunicorn/gunicorn.conf.py")).contains("workers = 3\n");
    assertThat(content(r, "worker-2", "/etc/conf.d/celery")).contains("--concurrency=5\"");
  }

  @Test
  void celeryFilesFollowTheDaemonizingGuide() {
    // when
    RenderedCluster r = renderer.render(Topologies.seed());

    // then
    assertThat(content(r, "worker-1", "/etc/conf.d/celery")).contains("CELERYD_NODES=\"worker\"",
        "CELERY_APP=\"demo\"", "--concurrency=2\"", "CELERYD_PID_FILE=\"/run/celery/%n.pid\"",
        "CELERYD_LOG_FILE=\"/var/log/celery/%n%I.log\"");
    assertThat(content(r, "worker-1", "/etc/systemd/system/celery.service")).contains("Type=forking",
        "EnvironmentFile=/etc/conf.d/celery\n", "EnvironmentFile=/etc/stackwright/demo.env",
        "ExecStart=/bin/sh -c '${CELERY_BIN} -A $CELERY_APP multi start $CELERYD_NODES", "User=demo");
    assertThat(content(r, "worker-1", "/etc/tmpfiles.d/celery.conf")).contains("d /run/celery 0755 demo demo -",
        "d /var/log/celery 0755 demo demo -");
  }

  @Test
  void djangoEnvironmentCarriesTheDerivedUrlsAndAllowedHosts() {
    // when
    String env = content(renderer.render(Topologies.split(2, 1, 2, 1)), "worker-1", "/etc/stackwright/demo.env");

    // then
    String rabbit = Topologies.secrets().get(SecretName.RABBITMQ_PASSWORD);
    String couch = Topologies.secrets().get(SecretName.COUCHDB_ADMIN_PASSWORD);
    assertThat(env).contains("CELERY_BROKER_URL=\"amqp://demo:" + rabbit + "@10.0.30.1:5672/demo\"",
        "COUCHDB_URL=\"http://admin:" + couch + "@10.0.20.1:5984 http://admin:" + couch + "@10.0.20.2:5984\"",
        "DJANGO_SECRET_KEY=\"" + Topologies.secrets().get(SecretName.DJANGO_SECRET_KEY) + "\"",
        "DJANGO_ALLOWED_HOSTS=\"10.0.10.3 webserver-1 10.0.10.4 webserver-2 10.0.0.1 controller-1 10.0.11.1 "
            + "appserver-1 10.0.11.2 appserver-2\"", "DJANGO_STATIC_ROOT=\"/srv/demo/static\"");
  }

  @Test
  void floatingAddressesJoinTheAllowedHosts() {
    // given
    NetworkFacts facts = NetworkFacts.builder()
        .publicAddress("webserver-1", dev.stackwright.model.Ipv4Address.parse("192.0.2.10")).build();

    // when
    String env = content(renderer.render(Topologies.seed(), facts), "server_all-1", "/etc/stackwright/demo.env");

    // then
    assertThat(env).contains("webserver-1 192.0.2.10 ");
  }

  @Test
  void dnsmasqHasAFixedLeaseForEveryKnownMacAndNamesThePendingOnes() {
    // given
    NetworkFacts facts = NetworkFacts.builder().mac("webserver-1", "FA:16:3E:00:00:01")
        .mac("worker-2", "fa:16:3e:00:00:02").build();

    // when
    String conf = content(renderer.render(Topologies.seed(), facts), "controller-1", DNSMASQ);

    // then
    assertThat(conf).contains("dhcp-range=10.0.254.1,10.0.254.254,255.255.0.0,12h",
        "dhcp-option=option:router,10.0.0.254", "dhcp-host=fa:16:3e:00:00:01,10.0.10.3,webserver-1,infinite",
        "dhcp-host=fa:16:3e:00:00:02,10.0.100.2,worker-2,infinite",
        "# pending: server_all-1 (10.0.11.1, server-all-1)", "listen-address=10.0.0.1");
    assertThat(conf).doesNotContain("dhcp-host=fa:16:3e:00:00:01,10.0.11");
  }

  @Test
  void hostsFileNamesEveryNodeAndRoleInstance() {
    // when
    String hosts = content(renderer.render(Topologies.seed()), "worker-3", "/etc/hosts");

    // then
    assertThat(hosts).contains("10.0.0.1\tcontroller-1 controller\n", "10.0.11.1\tserver-all-1 appserver-1 "
        + "appserver\n", "10.0.12.1\tstatic-1 static\n", "10.0.30.1\tbroker-1 broker\n",
        "10.0.20.1\tdatabase-1 database\n", "10.0.100.3\tworker-3\n", "127.0.0.1\tlocalhost");
  }

  @Test
  void hostsFileIsOneFileForTheWholeCluster() {
    // when
    RenderedCluster r = renderer.render(Topologies.seed());

    // then
    String controller = content(r, "controller-1", "/etc/hosts");
    assertThat(r.nodes()).allSatisfy(node -> assertThat(content(r, node, "/etc/hosts")).isEqualTo(controller));
    assertThat(controller).startsWith("# /etc/hosts of every node of cluster seed.");
  }

  @Test
  void controllerServesFlowerRabbitmqAndTheAdminBehindBasicAuth() {
    // when
    RenderedCluster r = renderer.render(Topologies.seed());

    // then
    String site = content(r, "controller-1", CONTROLLER);
    assertThat(site).contains("location /flower/ {", "location /rabbitmq/ {", "location /admin/ {",
        "auth_basic_user_file /etc/nginx/stackwright-admin.htpasswd;", "server 10.0.30.1:15672;");
    // proxy_pass with no URI part keeps the request URI, %2F included, as the client sent it
    assertThat(site).containsPattern("proxy_pass http://controller_rabbitmq_management;");
    assertThat(content(r, "controller-1", "/etc/systemd/system/flower.service")).contains("--url_prefix=flower");
    assertThat(content(r, "controller-1", "/etc/nginx/stackwright-admin.htpasswd")).startsWith("admin:{SSHA}");
  }

  @Test
  void brokerFilesCarryTheListenerPathPrefixAndTheAppsVhostAndUser() {
    // when
    RenderedCluster r = renderer.render(Topologies.seed());

    // then
    assertThat(content(r, "server_all-1", "/etc/rabbitmq/rabbitmq.conf")).contains(
        "listeners.tcp.1 = 10.0.30.1:5672", "management.tcp.ip = 10.0.30.1", "management.path_prefix = /rabbitmq",
        "definitions.local.path = /etc/rabbitmq/definitions.json");
    String definitions = content(r, "server_all-1", "/etc/rabbitmq/definitions.json");
    String password = Topologies.secrets().get(SecretName.RABBITMQ_PASSWORD);
    assertThat(definitions).contains("{\"name\": \"demo\"}", "\"password_hash\": \""
        + Digests.rabbitPasswordHash("demo", password) + "\"").doesNotContain(password);
    assertThat(content(r, "server_all-1", "/etc/rabbitmq/enabled_plugins")).isEqualTo("[rabbitmq_management].\n");
  }

  @Test
  void rabbitmqPasswordHashIsSaltThenSha256OfSaltAndPassword() throws Exception {
    // when
    byte[] hash = Base64.getDecoder().decode(Digests.rabbitPasswordHash("demo", "guestguestguest"));

    // then
    byte[] salt = java.util.Arrays.copyOf(hash, 4);
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    sha.update(salt);
    byte[] expected = sha.digest("guestguestguest".getBytes(StandardCharsets.UTF_8));
    assertThat(java.util.Arrays.copyOfRange(hash, 4, hash.length)).isEqualTo(expected);
  }

  @Test
  void couchdbIsASingleNodeAloneAndAClusterOfThreeCopiesOtherwise() {
    // when
    RenderedCluster one = renderer.render(Topologies.seed());
    RenderedCluster three = renderer.render(Topologies.split(1, 1, 3, 1));

    // then
    assertThat(content(one, "server_all-1", "/opt/couchdb/etc/local.ini")).contains("single_node = true",
        "bind_address = 10.0.20.1").doesNotContain("[cluster]");
    String ini = content(three, "database-2", "/opt/couchdb/etc/local.ini");
    assertThat(ini).contains("single_node = false", "[cluster]\nn = 3\nq = 2", "bind_address = 10.0.20.2");
    assertThat(content(three, "database-2", "/opt/couchdb/etc/vm.args")).contains("-name couchdb@10.0.20.2",
        "-setcookie " + Topologies.secrets().get(SecretName.COUCHDB_COOKIE));
    assertThat(uuidOf(ini)).isEqualTo(uuidOf(content(three, "database-1", "/opt/couchdb/etc/local.ini")));
  }

  private static String uuidOf(String ini) {
    Matcher m = Pattern.compile("uuid = (\\w+)").matcher(ini);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void userDataCarriesEveryFileWithItsModeOwnerAndTheManifest() throws IOException {
    // when
    RenderedCluster r = renderer.render(Topologies.seed());

    // then
    String userData = r.userData("server_all-1");
    assertThat(userData).startsWith("#cloud-config\n").contains("hostname: server-all-1\n", "  - rabbitmq-server\n",
        "  - name: demo\n", "sw_step gunicorn 'systemctl enable --now ");
    Map<String, String> written = writeFiles(userData);
    for (RenderedFile f : r.files("server_all-1")) {
      assertThat(written).containsEntry(f.path(), f.content());
      assertThat(userData).contains("  - path: " + f.path() + "\n    owner: \"" + f.owner() + "\"\n    permissions: \""
          + f.modeOctal() + "\"");
    }
    StringBuilder manifest = new StringBuilder();
    r.manifest("server_all-1").forEach((path, sha) -> manifest.append(sha).append("  ").append(path).append('\n'));
    assertThat(written).containsEntry("/etc/stackwright/manifest.sha256", manifest.toString());
    assertThat(r.userDataSha256("server_all-1")).isEqualTo(Digests.sha256Hex(userData));
  }

  /** Path to decoded content of every write_files entry, read the way cloud-init reads gz+b64. */
  static Map<String, String> writeFiles(String userData) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    Matcher m = Pattern.compile("  - path: (\\S+)\n(?:    \\w+: .*\n)*?    content: (\\S+)\n").matcher(userData);
    while (m.find()) {
      byte[] gz = Base64.getDecoder().decode(m.group(2));
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
        files.put(m.group(1), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  @Test
  void aRenderIsRepeatable() {
    // when
    RenderedCluster first = renderer.render(Topologies.seed());
    RenderedCluster second = Topologies.renderer().render(Topologies.seed());

    // then
    for (String node : first.nodes()) {
      assertThat(second.userData(node)).isEqualTo(first.userData(node));
    }
  }

  @Test
  void filesHoldingSecretsAreMarkedAndHaveMode0600() {
    // when
    RenderedCluster r = renderer.render(Topologies.seed());

    // then
    List<String> secretPaths = new ArrayList<>();
    r.files("server_all-1").stream().filter(RenderedFile::secret).forEach(f -> secretPaths.add(f.path()));
    assertThat(secretPaths).containsExactlyInAnyOrder("/etc/stackwright/demo.env", "/etc/rabbitmq/definitions.json",
        "/opt/couchdb/etc/local.ini", "/opt/couchdb/etc/vm.args");
    assertThat(r.allFiles()).filteredOn(RenderedFile::secret).allMatch(f -> f.mode() == 0600);
    assertThat(r.userDataFile("webserver-1").secret()).isTrue();
    assertThat(r.file("controller-1", "/etc/nginx/stackwright-admin.htpasswd").orElseThrow().owner())
        .isEqualTo("www-data:www-data");
  }

  @Test
  void writeToLaysFilesOutUnderTheNodeAndTheirAbsolutePathWithTheirModes(@TempDir Path dir) throws IOException {
    // given
    RenderedCluster r = renderer.render(Topologies.seed());

    // when
    r.writeTo(dir);

    // then
    Path lb = dir.resolve("webserver-1/etc/nginx/sites-enabled/stackwright-webserver.conf");
    assertThat(lb).hasContent(content(r, "webserver-1", LB));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lb))).isEqualTo("rw-r--r--");
    Path env = dir.resolve("worker-1/etc/stackwright/demo.env");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
    Path userData = dir.resolve("worker-1/var/lib/cloud/instance/user-data.txt");
    assertThat(userData).hasContent(r.userData("worker-1"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(userData))).isEqualTo("rw-------");
  }

  @Test
  void aRoleNotNamedAfterItsKindGetsFilesNamedAfterIt() {
    // given
    var dsl = Topologies.seedDsl();
    dsl.role("gpu").kind(dev.stackwright.services.BuiltInServices.WORKER).subnet("10.0.101").count(2).flavor("hpc");

    // when
    RenderedCluster r = renderer.render(dsl.build());

    // then
    assertThat(r.manifest("gpu-1")).containsKeys("/etc/conf.d/celery-gpu", "/etc/systemd/system/celery-gpu.service",
        "/etc/tmpfiles.d/celery-gpu.conf");
    assertThat(content(r, "gpu-1", "/etc/systemd/system/celery-gpu.service"))
        .contains("EnvironmentFile=/etc/conf.d/celery-gpu\n");
    assertThat(content(r, "gpu-1", "/etc/conf.d/celery-gpu")).contains("CELERYD_NODES=\"gpu\"",
        "/run/celery-gpu/%n.pid");
  }

  @Test
  void oneRendererRendersFromManyThreadsAtOnce() throws Exception {
    // given
    Cluster cluster = Topologies.split(4, 2, 3, 6);
    String expected = renderer.render(cluster).userData("controller-1");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);

    // when
    List<java.util.concurrent.Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      results.add(pool.submit(() -> renderer.render(cluster).userData("controller-1")));
    }

    // then
    for (java.util.concurrent.Future<String> f : results) {
      assertThat(f.get()).isEqualTo(expected);
    }
    pool.shutdown();
  }

  @Test
  void userDataTooBigForNovaIsRefusedNamingTheBiggestFile(@TempDir Path dir) throws IOException {
    // given a template that renders 60 KB nothing compresses
    StringBuilder noise = new StringBuilder();
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < 60_000; i++) {
      noise.append((char) ('!' + random.nextInt(90)));
    }
    Files.createDirectories(dir.resolve("mine"));
    Files.writeString(dir.resolve("mine/big.jinja"), "{% raw %}" + noise.toString().replace("{%", "{ %") + "{% endraw %}");
    Renderer big = Renderer.builder().secrets(SecretSource.of(Topologies.secrets())).templateDirectory(dir)
        .addFile("worker", "/etc/big", "mine/big.jinja").build();

    // when / then
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> big.render(Topologies.seed()))
        .isInstanceOf(dev.stackwright.StackwrightException.class)
        .hasMessageContaining("the user-data of node worker-1 is")
        .hasMessageContaining("more than the 65535 Nova accepts; its biggest file is worker-1:/etc/big");
  }

  @Test
  void aClusterTooBigForNovasUserDataLimitIsRefusedNamingItsSizeAndTheWayOut() {
    // given 1,700 nodes: every node's /etc/hosts and the controller's leases list them all
    Cluster huge = dev.stackwright.engine.ModelScaleBenchmark.topology(1_700).build();

    // when / then
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> renderer.render(huge))
        .isInstanceOf(dev.stackwright.StackwrightException.class)
        .hasMessageContaining("more than the 65535 Nova accepts")
        .hasMessageContaining("the cluster has 1700 nodes")
        .hasMessageContaining("split it into several clusters, or override those templates");
  }
}
