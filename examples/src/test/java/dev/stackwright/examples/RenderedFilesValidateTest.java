package dev.stackwright.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.stackwright.examples.Validators.Result;
import dev.stackwright.examples.Validators.Tool;
import dev.stackwright.model.AptSource;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.PackageSources;
import dev.stackwright.model.Node;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.render.NetworkFacts;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import dev.stackwright.tls.Certificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves every rendered file of the seed and of a larger split cluster with its daemon's own validator, run for real
 * from here: nginx -t, systemd-analyze verify, gunicorn --check-config and --print-config, dnsmasq --test, cloud-init
 * schema, php-fpm -t, RabbitMQ's schema translation and one real boot. CouchDB has no checker here, so its local.ini is
 * parsed and held against the keys CouchDB 3 documents. The validators run in private mount and network namespaces;
 * nothing is installed and nothing reaches the network.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderedFilesValidateTest {
  private final Validators validators = new Validators();
  private final Map<String, Rendered> renders = new LinkedHashMap<>();
  private Path work;
  private Path demoApp;
  private DaemonChecks checks;

  /** A cluster, what it rendered to, and where the files were written. */
  record Rendered(String name, Cluster cluster, RenderedCluster files, Path dir, SecretSource secrets) {
    Path node(String node) {
      return dir.resolve(node);
    }

    Stream<Path> nodeFiles(String relative) {
      return files.nodes().stream().map(n -> dir.resolve(n).resolve(relative)).filter(Files::exists);
    }
  }

  @BeforeAll
  void render(@TempDir Path dir) {
    work = dir;
    demoApp = Validators.repositoryRoot().resolve("examples/src/main/python/demo");
    checks = new DaemonChecks(validators, work, demoApp);
    add("seed", SeedCluster.build(), true);
    add("seed-no-macs", SeedCluster.build(), false);
    add("split", SplitCluster.build(), true);
    add("private-sources", withPrivateSources(SeedCluster.build()), true);
  }

  /** The seed as a cloud without internet has it: unsigned flat repositories and an index on its own network. */
  private static Cluster withPrivateSources(Cluster seed) {
    AptSource debian = AptSource.builder().uri("http://10.0.255.254/debian").suite("./").unsigned(true).build();
    AptSource couchdb = AptSource.builder().uri("http://10.0.255.254/couchdb").suite("./").unsigned(true).build();
    return Cluster.builder().from(seed).packageSources(PackageSources.builder().addDebianMirror(debian)
        .couchdbRepository(couchdb).pythonIndex("http://10.0.255.254/simple").build()).build();
  }

  private void add(String name, Cluster cluster, boolean macs) {
    Path dir = work.resolve(name);
    SecretSource secrets = SecretSource.generatedIn(work.resolve(name + "-secrets.properties"));
    NetworkFacts.Builder facts = NetworkFacts.builder();
    if (macs) {
      int i = 0;
      for (Node n : cluster.nodes()) {
        facts.mac(n.name(), String.format("fa:16:3e:00:%02x:%02x", ++i / 256, i % 256));
      }
    }
    RenderedCluster files = Renderer.builder().secrets(secrets).certificates(Certificates.clusterCa(work.resolve(name
        + "-ca"))).build().render(cluster, facts.build());
    files.writeTo(dir);
    renders.put(name, new Rendered(name, cluster, files, dir, secrets));
  }

  @AfterAll
  void writeTimings() throws IOException {
    Path file = Path.of("target/validator-timings.txt");
    validators.writeTimings(file);
  }

  private Stream<Rendered> clusters() {
    return Stream.of(renders.get("seed"), renders.get("split"));
  }

  static String subject(Rendered r, Path file) {
    return r.name() + ":" + r.dir().relativize(file);
  }

  // ---- nginx ----

  @TestFactory
  Stream<DynamicTest> nginxAcceptsEveryNodesConfig() {
    return clusters().flatMap(r -> r.nodeFiles("etc/nginx/nginx.conf").map(conf -> {
      Path node = conf.getParent().getParent().getParent();
      return dynamicTest("nginx -t " + r.name() + "/" + node.getFileName(), () -> {
        Validators.require(Tool.NGINX, Tool.UNSHARE, Tool.SYSCTL);
        assertThat(checks.nginxProblems(node, subject(r, conf))).isEmpty();
      });
    }));
  }

  // ---- systemd ----

  @TestFactory
  Stream<DynamicTest> systemdAnalyzeVerifyIsSilentForEveryUnit() {
    return clusters().flatMap(r -> r.files().allFiles().stream()
        .filter(f -> f.path().startsWith("/etc/systemd/system/") && f.path().endsWith(".service"))
        .map(f -> dynamicTest("systemd-analyze verify " + r.name() + "/" + f.node() + f.path(), () -> {
          Validators.require(Tool.SYSTEMD_ANALYZE, Tool.UNSHARE);
          assertThat(checks.systemdProblems(r.node(f.node()).resolve(f.path().substring(1)), subject(r,
              r.node(f.node()).resolve(f.path().substring(1))))).isEmpty();
        })));
  }

  // ---- gunicorn ----

  @TestFactory
  Stream<DynamicTest> gunicornChecksEveryConfigAgainstTheDemoAppWithTheValuesWeMeant() {
    return clusters().flatMap(r -> r.cluster().instances(BuiltInServices.APPSERVER).stream().map(instance -> {
      Node node = r.cluster().nodeOf(instance);
      return dynamicTest("gunicorn " + r.name() + "/" + node.name() + " " + instance.name(), () -> {
        Validators.require(Tool.GUNICORN, Tool.PYTHON3);
        Path conf = r.node(node.name()).resolve("etc/gunicorn/gunicorn.conf.py");
        assertThat(checks.gunicornProblems(r, node, instance, conf, r.node(node.name())
            .resolve("etc/stackwright/demo.env"))).isEmpty();
      });
    }));
  }

  // ---- dnsmasq ----

  @TestFactory
  Stream<DynamicTest> dnsmasqAcceptsTheControllersDhcpConfigWithAndWithoutKnownMacs() {
    return renders.values().stream().flatMap(r -> r.nodeFiles("etc/dnsmasq.d/stackwright.conf")
        .map(conf -> dynamicTest("dnsmasq --test " + subject(r, conf), () -> {
          Validators.require(Tool.DNSMASQ);
          assertThat(checks.dnsmasqProblems(conf, subject(r, conf))).isEmpty();
          long leases = Files.readAllLines(conf).stream().filter(l -> l.startsWith("dhcp-host=")).count();
          assertThat(leases).isEqualTo(r.name().endsWith("no-macs") ? 0 : r.cluster().nodes().size());
        })));
  }

  // ---- cloud-init ----

  @TestFactory
  Stream<DynamicTest> cloudInitSchemaAcceptsEveryUserDataAndItCarriesEveryFile() {
    // the private sources too: their apt module and the steps' sources are only in that user-data
    return Stream.concat(clusters(), Stream.of(renders.get("private-sources"))).flatMap(r -> r.files().nodes().stream().map(node -> {
      Path userData = r.node(node).resolve(RenderedCluster.USER_DATA_PATH.substring(1));
      return dynamicTest("cloud-init schema " + r.name() + "/" + node, () -> {
        Validators.require(Tool.CLOUD_INIT, Tool.PYTHON3);
        assertThat(checks.cloudInitProblems(userData, subject(r, userData))).isEmpty();
        assertThat(checks.carriedFiles(r, node, userData)).isEmpty();
      });
    }));
  }

  // ---- php-fpm ----

  @TestFactory
  Stream<DynamicTest> phpFpmAcceptsEveryPool() {
    return clusters().flatMap(r -> r.files().allFiles().stream().filter(f -> f.path().startsWith("/etc/php/"))
        .map(f -> dynamicTest("php-fpm8.2 -t " + r.name() + "/" + f.node() + f.path(), () -> {
          Validators.require(Tool.PHP_FPM);
          Path pool = r.node(f.node()).resolve(f.path().substring(1));
          assertThat(checks.phpFpmProblems(pool, subject(r, pool))).isEmpty();
        })));
  }

  // ---- RabbitMQ ----

  @TestFactory
  Stream<DynamicTest> rabbitmqConfTranslatesWithTheBrokersOwnSchemas() {
    return clusters().flatMap(r -> r.nodeFiles("etc/rabbitmq/rabbitmq.conf").map(conf -> dynamicTest(
        "rabbitmq-conf-check " + subject(r, conf), () -> {
          Validators.require(Tool.ESCRIPT, Tool.UNSHARE);
          assertThat(checks.rabbitmqConfProblems(conf.getParent(), subject(r, conf))).isEmpty();
        })));
  }

  @Test
  void rabbitmqBootsWithTheRenderedConfigAndTheControllersProxyReachesItWithPercent2fIntact() throws Exception {
    // given
    Validators.require(Tool.RABBITMQ_SERVER, Tool.EPMD, Tool.NGINX, Tool.UNSHARE, Tool.IP, Tool.CURL);
    Rendered seed = renders.get("seed");
    Path script = Path.of(getClass().getResource("/validators/rabbitmq-and-admin-proxy.sh").toURI());
    Path broker = seed.node("server_all-1").resolve("etc/rabbitmq");
    Path nginx = seed.node("controller-1").resolve("etc/nginx");
    Path ssl = seed.node("controller-1").resolve("etc/ssl");
    assertThat(ssl).as("the seed serves its admin pages over HTTPS").isDirectory();

    // when
    Result result = validators.run("rabbitmq boot + proxy", "seed:server_all-1 + controller-1",
        List.of(Validators.path(Tool.UNSHARE), "-m", "-n", "-p", "-f", "--mount-proc", "--kill-child", "bash",
            script.toString(), broker.toString(), nginx.toString(), "demo", secret(seed, SecretName.RABBITMQ_PASSWORD),
            "admin", secret(seed, SecretName.ADMIN_PASSWORD), Files.createTempDirectory(work, "rabbit").toString(),
            ssl.toString()),
        null, Map.of(), Duration.ofSeconds(240));

    // then
    assertThat(result.output()).contains("CHECK rabbitmq-boots ok", "CHECK definitions-app-user-authenticates ok",
        "CHECK definitions-admin-authenticates ok", "CHECK management-under-path-prefix ok",
        "CHECK admin-pages-over-http-redirect-without-asking-the-password ok",
        "CHECK admin-pages-need-the-password ok", "CHECK proxy-keeps-%2F-intact ok",
        "CHECK proxy-serves-the-management-ui ok").doesNotContain("FAILED");
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  private static String secret(Rendered r, SecretName name) {
    return r.secrets().find(name).orElseThrow().reveal();
  }

  // ---- CouchDB ----

  @TestFactory
  Stream<DynamicTest> couchdbLocalIniHasOnlyKeysCouchdb3Documents() {
    return clusters().flatMap(r -> r.nodeFiles("opt/couchdb/etc/local.ini").map(ini -> dynamicTest(
        "local.ini keys " + subject(r, ini), () -> {
          Validators.require(Tool.PYTHON3);
          assertThat(checks.couchdbProblems(ini, subject(r, ini))).isEmpty();
        })));
  }

  // ---- Celery ----

  @TestFactory
  Stream<DynamicTest> celeryMultiShowsTheWorkerCommandTheUnitWouldRun() {
    return clusters().flatMap(r -> r.cluster().nodesWith(BuiltInServices.WORKER).stream().limit(2).map(node ->
        dynamicTest("celery multi show " + r.name() + "/" + node.name(), () -> {
          Validators.require(Tool.PYTHON3);
          Result result = checks.celeryMultiShow(r, node.name());
          assertThat(result.exitCode()).as(result.toString()).isZero();
          assertThat(result.output()).contains("-m celery -A demo worker", "--pidfile=/run/celery/worker.pid",
              "--logfile=/var/log/celery/worker%I.log", "--concurrency=" + node.flavor().vcpus(), "-n worker@");
        })));
  }

  // ---- the harness catches broken files ----

  /** A rendered file of the seed, changed, in a copy of its node's directory. */
  private Path broken(String node, String path, UnaryOperator<String> change) {
    try {
      Path copy = Files.createTempDirectory(work, "broken");
      Path source = renders.get("seed").node(node);
      try (Stream<Path> files = Files.walk(source)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Path target = copy.resolve(source.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(target);
          } else {
            Files.copy(f, target);
          }
        }
      }
      Path file = copy.resolve(path.substring(1));
      String before = Files.readString(file);
      String after = change.apply(before);
      assertThat(after).as("the change to " + path).isNotEqualTo(before);
      Files.writeString(file, after);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyValidatorCatchesABrokenFile() {
    return Stream.of(
        dynamicTest("nginx -t: a misspelt directive", () -> {
          Validators.require(Tool.NGINX, Tool.UNSHARE, Tool.SYSCTL);
          Path node = broken("webserver-1", "/etc/nginx/sites-enabled/stackwright-webserver.conf",
              s -> s.replace("proxy_redirect off;", "proxy_redirectt off;"));
          assertThat(checks.nginxProblems(node, "broken")).contains("unknown directive \"proxy_redirectt\"");
        }),
        dynamicTest("nginx -t: an upstream that does not exist", () -> {
          Validators.require(Tool.NGINX, Tool.UNSHARE, Tool.SYSCTL);
          Path node = broken("webserver-1", "/etc/nginx/sites-enabled/stackwright-webserver.conf",
              s -> s.replace("proxy_pass http://webserver_app_servers;", "proxy_pass http://app_srvers;"));
          assertThat(checks.nginxProblems(node, "broken")).contains("host not found in upstream \"app_srvers\"");
        }),
        dynamicTest("systemd-analyze verify: a misspelt key is only a warning, and still caught", () -> {
          Validators.require(Tool.SYSTEMD_ANALYZE, Tool.UNSHARE);
          Path node = broken("worker-1", "/etc/systemd/system/celery.service",
              s -> s.replace("Restart=always", "Restartt=always"));
          assertThat(checks.systemdProblems(node.resolve("etc/systemd/system/celery.service"), "broken"))
              .startsWith("exit 0").contains("Unknown key 'Restartt' in section [Service]");
        }),
        dynamicTest("gunicorn: a misspelt setting passes --check-config but not the --print-config comparison", () -> {
          Validators.require(Tool.GUNICORN, Tool.PYTHON3);
          Rendered seed = renders.get("seed");
          Node node = seed.cluster().node("server_all-1").orElseThrow();
          Path copy = broken("server_all-1", "/etc/gunicorn/gunicorn.conf.py", s -> s.replace("workers =",
              "workres ="));
          assertThat(checks.gunicornProblems(seed, node, node.role(BuiltInServices.APPSERVER).orElseThrow(),
              copy.resolve("etc/gunicorn/gunicorn.conf.py"), copy.resolve("etc/stackwright/demo.env")))
              .contains("workers: meant 9, gunicorn has 1");
        }),
        dynamicTest("gunicorn --check-config: the app is imported with the rendered environment", () -> {
          Validators.require(Tool.GUNICORN, Tool.PYTHON3);
          Rendered seed = renders.get("seed");
          Node node = seed.cluster().node("server_all-1").orElseThrow();
          Path copy = broken("server_all-1", "/etc/stackwright/demo.env", s -> s.replace("DJANGO_SECRET_KEY=",
              "DJANGO_SECRET_KEYS="));
          assertThat(checks.gunicornProblems(seed, node, node.role(BuiltInServices.APPSERVER).orElseThrow(),
              copy.resolve("etc/gunicorn/gunicorn.conf.py"), copy.resolve("etc/stackwright/demo.env")))
              .contains("DJANGO_SECRET_KEY is not set");
        }),
        dynamicTest("dnsmasq --test: a misspelt option", () -> {
          Validators.require(Tool.DNSMASQ);
          Path node = broken("controller-1", "/etc/dnsmasq.d/stackwright.conf", s -> s.replace("dhcp-authoritative",
              "dhcp-authoritativ"));
          assertThat(checks.dnsmasqProblems(node.resolve("etc/dnsmasq.d/stackwright.conf"), "broken")).contains("bad option");
        }),
        dynamicTest("cloud-init schema: a value of the wrong type", () -> {
          Validators.require(Tool.CLOUD_INIT);
          Path node = broken("worker-1", RenderedCluster.USER_DATA_PATH, s -> s.replace("package_update: true",
              "package_update: yes-please"));
          assertThat(checks.cloudInitProblems(node.resolve(RenderedCluster.USER_DATA_PATH.substring(1)), "broken"))
              .contains("package_update: 'yes-please' is not of type 'boolean'");
        }),
        dynamicTest("php-fpm -t: an unknown process manager", () -> {
          Validators.require(Tool.PHP_FPM);
          Path node = broken("webserver-1", "/etc/php/8.2/fpm/pool.d/tutorials.conf", s -> s.replace("pm = ondemand",
              "pm = sometimes"));
          assertThat(checks.phpFpmProblems(node.resolve("etc/php/8.2/fpm/pool.d/tutorials.conf"), "broken")).isNotEmpty();
        }),
        dynamicTest("rabbitmq-conf-check: a misspelt key", () -> {
          Validators.require(Tool.ESCRIPT, Tool.UNSHARE);
          Path node = broken("server_all-1", "/etc/rabbitmq/rabbitmq.conf", s -> s.replace("management.path_prefix",
              "management.path_prefx"));
          assertThat(checks.rabbitmqConfProblems(node.resolve("etc/rabbitmq"), "broken"))
              .contains("management.path_prefx");
        }),
        dynamicTest("local.ini: a key CouchDB does not know", () -> {
          Validators.require(Tool.PYTHON3);
          Path node = broken("server_all-1", "/opt/couchdb/etc/local.ini", s -> s.replace("bind_address",
              "bind_adress"));
          assertThat(checks.couchdbProblems(node.resolve("opt/couchdb/etc/local.ini"), "broken"))
              .contains("[chttpd] bind_adress is not a key CouchDB 3 documents");
        }));
  }

  @Test
  void theSeedsRenderVerbWritesEveryNodesFilesUnderTheDirectory(@TempDir Path out) {
    // when
    RenderedCluster files = SeedCluster.render(out, SecretSource.generatedIn(work.resolve("verb.properties")));

    // then
    assertThat(out.resolve("webserver-1/etc/nginx/sites-enabled/stackwright-webserver.conf")).isRegularFile();
    assertThat(out.resolve("server_all-1/etc/gunicorn/gunicorn.conf.py")).isRegularFile();
    assertThat(out.resolve("controller-1" + RenderedCluster.USER_DATA_PATH)).isRegularFile();
    assertThat(files.nodes()).containsExactly("controller-1", "webserver-1", "server_all-1", "worker-1", "worker-2",
        "worker-3");
  }
}
