package dev.stackwright.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.stackwright.examples.Validators.Result;
import dev.stackwright.examples.Validators.Tool;
import dev.stackwright.model.AptSource;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.PackageSources;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.render.NetworkFacts;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.RenderedFile;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
    RenderedCluster files = Renderer.builder().secrets(secrets).build().render(cluster, facts.build());
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

  private static String subject(Rendered r, Path file) {
    return r.name() + ":" + r.dir().relativize(file);
  }

  // ---- nginx ----

  @TestFactory
  Stream<DynamicTest> nginxAcceptsEveryNodesConfig() {
    return clusters().flatMap(r -> r.nodeFiles("etc/nginx/nginx.conf").map(conf -> {
      Path node = conf.getParent().getParent().getParent();
      return dynamicTest("nginx -t " + r.name() + "/" + node.getFileName(), () -> {
        Validators.require(Tool.NGINX, Tool.UNSHARE, Tool.SYSCTL);
        assertThat(nginxProblems(node, subject(r, conf))).isEmpty();
      });
    }));
  }

  /**
   * nginx -t on the node's /etc/nginx: the host's /etc/nginx (mime.types, snippets, modules) with the rendered files on
   * top, bind-mounted in place in a private mount namespace, in a network namespace that allows binding the node's
   * addresses (validators.md section 2.1); /run and /var/log/nginx are private tmpfs, so the host is untouched.
   */
  private String nginxProblems(Path node, String subject) throws IOException {
    Path tmp = Files.createTempDirectory(work, "nginx");
    Result result = validators.run("nginx -t", subject, List.of(Validators.path(Tool.UNSHARE), "-m", "-n", "sh",
        "-ec", "sysctl -qw net.ipv4.ip_nonlocal_bind=1\n"
            + "cp -rL /etc/nginx \"$T/etc-nginx\"\n"
            + "cp -a \"$NODE/etc/nginx/.\" \"$T/etc-nginx/\"\n"
            + "mount -t tmpfs tmpfs /run\n"
            + "mount -t tmpfs tmpfs /var/log/nginx\n"
            + "mount --bind \"$T/etc-nginx\" /etc/nginx\n"
            + "exec nginx -t"), null, Map.of("T", tmp.toString(), "NODE", node.toString()), Validators.TIMEOUT);
    return result.ok() && result.output().contains("test is successful") ? "" : result.toString();
  }

  // ---- systemd ----

  @TestFactory
  Stream<DynamicTest> systemdAnalyzeVerifyIsSilentForEveryUnit() {
    return clusters().flatMap(r -> r.files().allFiles().stream()
        .filter(f -> f.path().startsWith("/etc/systemd/system/") && f.path().endsWith(".service"))
        .map(f -> dynamicTest("systemd-analyze verify " + r.name() + "/" + f.node() + f.path(), () -> {
          Validators.require(Tool.SYSTEMD_ANALYZE, Tool.UNSHARE);
          assertThat(systemdProblems(r.node(f.node()).resolve(f.path().substring(1)), subject(r,
              r.node(f.node()).resolve(f.path().substring(1))))).isEmpty();
        })));
  }

  /**
   * systemd-analyze verify must exit 0 and print nothing: unknown keys and bad values are only warnings
   * (validators.md section 2.3). Programs that only the node has (under /opt) get stub executables in a private
   * mount namespace.
   */
  private String systemdProblems(Path unit, String subject) throws IOException {
    // The unit is verified on its own: verify loads multi-user.target, and with it every service this machine has
    // enabled, whose own warnings (Debian's keystone.service, pulled in by the loopback OpenStack, has
    // After=keystone.service) are not the rendered unit's. An empty wants directory in the private namespace.
    StringBuilder stubs = new StringBuilder("mount -t tmpfs tmpfs /etc/systemd/system/multi-user.target.wants\n");
    Matcher exec = Pattern.compile("(?m)^Exec\\w+=[-@:+!]*(/opt/\\S+)").matcher(Files.readString(unit));
    Set<String> programs = new TreeSet<>();
    while (exec.find()) {
      programs.add(exec.group(1));
    }
    if (!programs.isEmpty()) {
      stubs.append("mount -t tmpfs tmpfs /opt\n");
      for (String p : programs) {
        stubs.append("mkdir -p '").append(p, 0, p.lastIndexOf('/')).append("'\nprintf '#!/bin/sh\\n' > '")
            .append(p).append("'\nchmod +x '").append(p).append("'\n");
      }
    }
    Result result = validators.run("systemd-analyze verify", subject, List.of(Validators.path(Tool.UNSHARE), "-m",
        "sh", "-ec", stubs + "exec systemd-analyze verify --man=no --generators=no \"$UNIT\""), null,
        Map.of("UNIT", unit.toString()), Validators.TIMEOUT);
    return result.ok() && result.output().isBlank() ? "" : result.toString();
  }

  // ---- gunicorn ----

  @TestFactory
  Stream<DynamicTest> gunicornChecksEveryConfigAgainstTheDemoAppWithTheValuesWeMeant() {
    return clusters().flatMap(r -> r.cluster().instances(BuiltInServices.APPSERVER).stream().map(instance -> {
      Node node = r.cluster().nodeOf(instance);
      return dynamicTest("gunicorn " + r.name() + "/" + node.name() + " " + instance.name(), () -> {
        Validators.require(Tool.GUNICORN, Tool.PYTHON3);
        Path conf = r.node(node.name()).resolve("etc/gunicorn/gunicorn.conf.py");
        assertThat(gunicornProblems(r, node, instance, conf, r.node(node.name())
            .resolve("etc/stackwright/demo.env"))).isEmpty();
      });
    }));
  }

  /**
   * gunicorn --check-config imports the demo app with the rendered environment; --print-config then shows what
   * gunicorn took from the file, compared with what the model means (a misspelt setting is silently ignored,
   * validators.md section 2.2).
   */
  private String gunicornProblems(Rendered r, Node node, RoleInstance instance, Path conf, Path envFile)
      throws IOException {
    Map<String, String> env = Validators.envFile(envFile);
    String subject = subject(r, conf);
    Result check = validators.run("gunicorn --check-config", subject, List.of(Validators.path(Tool.GUNICORN),
        "--check-config", "-c", conf.toString()), demoApp, env, Validators.TIMEOUT);
    if (!check.ok()) {
      return check.toString();
    }
    Result print = validators.run("gunicorn --print-config", subject, List.of(Validators.path(Tool.GUNICORN),
        "--print-config", "-c", conf.toString()), demoApp, env, Validators.TIMEOUT);
    if (!print.ok()) {
      return print.toString();
    }
    Map<String, String> printed = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^(\\w+)\\s+= (.*)$").matcher(print.output());
    while (m.find()) {
      printed.put(m.group(1), m.group(2).strip());
    }
    List<String> proxies = new ArrayList<>();
    for (Service k : List.of(BuiltInServices.WEBSERVER, BuiltInServices.CONTROLLER)) {
      r.cluster().instances(k).forEach(i -> proxies.add("'" + i.address() + "'"));
    }
    Map<String, String> meant = new LinkedHashMap<>();
    meant.put("wsgi_app", "demo.wsgi:application");
    meant.put("bind", "['" + instance.address() + ":8000']");
    meant.put("workers", String.valueOf(2 * node.flavor().vcpus() + 1));
    meant.put("forwarded_allow_ips", "[" + String.join(", ", proxies) + "]");
    meant.put("raw_env", "['APP_SERVER_ID=" + instance.name() + "']");
    List<String> wrong = new ArrayList<>();
    meant.forEach((k, v) -> {
      if (!v.equals(printed.get(k))) {
        wrong.add(k + ": meant " + v + ", gunicorn has " + printed.get(k));
      }
    });
    return wrong.isEmpty() ? "" : String.join("\n", wrong);
  }

  // ---- dnsmasq ----

  @TestFactory
  Stream<DynamicTest> dnsmasqAcceptsTheControllersDhcpConfigWithAndWithoutKnownMacs() {
    return renders.values().stream().flatMap(r -> r.nodeFiles("etc/dnsmasq.d/stackwright.conf")
        .map(conf -> dynamicTest("dnsmasq --test " + subject(r, conf), () -> {
          Validators.require(Tool.DNSMASQ);
          assertThat(dnsmasqProblems(conf, subject(r, conf))).isEmpty();
          long leases = Files.readAllLines(conf).stream().filter(l -> l.startsWith("dhcp-host=")).count();
          assertThat(leases).isEqualTo(r.name().endsWith("no-macs") ? 0 : r.cluster().nodes().size());
        })));
  }

  private String dnsmasqProblems(Path conf, String subject) {
    Result result = validators.run("dnsmasq --test", subject, List.of(Validators.path(Tool.DNSMASQ), "--test", "-C",
        conf.toString()));
    return result.ok() && result.output().contains("syntax check OK") ? "" : result.toString();
  }

  // ---- cloud-init ----

  @TestFactory
  Stream<DynamicTest> cloudInitSchemaAcceptsEveryUserDataAndItCarriesEveryFile() {
    // the private sources too: their apt module and the steps' sources are only in that user-data
    return Stream.concat(clusters(), Stream.of(renders.get("private-sources"))).flatMap(r -> r.files().nodes().stream().map(node -> {
      Path userData = r.node(node).resolve(RenderedCluster.USER_DATA_PATH.substring(1));
      return dynamicTest("cloud-init schema " + r.name() + "/" + node, () -> {
        Validators.require(Tool.CLOUD_INIT, Tool.PYTHON3);
        assertThat(cloudInitProblems(userData, subject(r, userData))).isEmpty();
        assertThat(carriedFiles(r, node, userData)).isEmpty();
      });
    }));
  }

  private String cloudInitProblems(Path userData, String subject) {
    Result result = validators.run("cloud-init schema", subject, List.of(Validators.path(Tool.CLOUD_INIT), "schema",
        "-c", userData.toString()));
    return result.ok() && result.output().contains("Valid cloud-config") ? "" : result.toString();
  }

  /** Reads the user-data with the YAML parser cloud-init uses and decodes every file the way it does. */
  private String carriedFiles(Rendered r, String node, Path userData) {
    String script = "import base64, gzip, hashlib, sys, yaml\n"
        + "d = yaml.safe_load(open(sys.argv[1]))\n"
        + "for f in d['write_files']:\n"
        + "    data = gzip.decompress(base64.b64decode(f['content']))\n"
        + "    print('FILE', f['path'], hashlib.sha256(data).hexdigest(), f['permissions'], f['owner'], f['defer'])\n"
        + "for c in d['runcmd']:\n"
        + "    assert isinstance(c, str), c\n"
        + "print('HOST', d['hostname'], len(d['runcmd']))\n";
    Result result = validators.run("cloud-init yaml decode", subject(r, userData), List.of("/usr/bin/python3", "-c",
        script, userData.toString()));
    if (!result.ok()) {
      return result.toString();
    }
    List<String> expected = new ArrayList<>();
    for (RenderedFile f : r.files().files(node)) {
      expected.add("FILE " + f.path() + " " + f.sha256() + " " + f.modeOctal() + " " + f.owner() + " True");
    }
    List<String> lines = result.output().lines().filter(l -> l.startsWith("FILE ") && !l.contains(
        "/etc/stackwright/manifest.sha256")).collect(Collectors.toList());
    if (!lines.equals(expected)) {
      return "write_files differ:\n" + String.join("\n", lines) + "\nexpected:\n" + String.join("\n", expected);
    }
    String host = r.cluster().node(node).orElseThrow().hostname();
    return result.output().contains("HOST " + host + " ") ? "" : "hostname is not " + host + ":\n" + result;
  }

  // ---- php-fpm ----

  @TestFactory
  Stream<DynamicTest> phpFpmAcceptsEveryPool() {
    return clusters().flatMap(r -> r.files().allFiles().stream().filter(f -> f.path().startsWith("/etc/php/"))
        .map(f -> dynamicTest("php-fpm8.2 -t " + r.name() + "/" + f.node() + f.path(), () -> {
          Validators.require(Tool.PHP_FPM);
          Path pool = r.node(f.node()).resolve(f.path().substring(1));
          assertThat(phpFpmProblems(pool, subject(r, pool))).isEmpty();
        })));
  }

  /** The pool under a main config of our own, as Debian's php-fpm.conf includes pool.d, with the log kept here. */
  private String phpFpmProblems(Path pool, String subject) throws IOException {
    Path main = Files.createTempFile(work, "php-fpm", ".conf");
    Files.writeString(main, "[global]\nerror_log = " + main + ".log\ninclude = " + pool + "\n");
    Result result = validators.run("php-fpm8.2 -t", subject, List.of(Validators.path(Tool.PHP_FPM), "-t", "-y",
        main.toString()));
    return result.ok() && result.output().contains("test is successful") ? "" : result.toString();
  }

  // ---- RabbitMQ ----

  @TestFactory
  Stream<DynamicTest> rabbitmqConfTranslatesWithTheBrokersOwnSchemas() {
    return clusters().flatMap(r -> r.nodeFiles("etc/rabbitmq/rabbitmq.conf").map(conf -> dynamicTest(
        "rabbitmq-conf-check " + subject(r, conf), () -> {
          Validators.require(Tool.ESCRIPT, Tool.UNSHARE);
          assertThat(rabbitmqConfProblems(conf.getParent(), subject(r, conf))).isEmpty();
        })));
  }

  /**
   * cuttlefish with the schemas shipped in Debian's rabbitmq-server: the translation the broker does at boot. The
   * rendered /etc/rabbitmq is bind-mounted in place, since the check also reads definitions.local.path.
   */
  private String rabbitmqConfProblems(Path etcRabbitmq, String subject) {
    Path checker = Validators.rabbitmqConfChecker();
    Path plugins = Validators.rabbitmqPlugins();
    Result result = validators.run("rabbitmq-conf-check", subject, List.of(Validators.path(Tool.UNSHARE), "-m", "sh",
        "-ec", "mount --bind \"$ETC\" /etc/rabbitmq\nexec escript \"$CHECKER\" /etc/rabbitmq/rabbitmq.conf "
            + "\"$PLUGINS\""), null, Map.of("ETC", etcRabbitmq.toString(), "CHECKER", checker.toString(),
        "PLUGINS", plugins.toString()), Validators.TIMEOUT);
    return result.ok() && result.output().contains("OK: ") ? "" : result.toString();
  }

  @Test
  void rabbitmqBootsWithTheRenderedConfigAndTheControllersProxyReachesItWithPercent2fIntact() throws Exception {
    // given
    Validators.require(Tool.RABBITMQ_SERVER, Tool.EPMD, Tool.NGINX, Tool.UNSHARE, Tool.IP, Tool.CURL);
    Rendered seed = renders.get("seed");
    Path script = Path.of(getClass().getResource("/validators/rabbitmq-and-admin-proxy.sh").toURI());
    Path broker = seed.node("server_all-1").resolve("etc/rabbitmq");
    Path nginx = seed.node("controller-1").resolve("etc/nginx");

    // when
    Result result = validators.run("rabbitmq boot + proxy", "seed:server_all-1 + controller-1",
        List.of(Validators.path(Tool.UNSHARE), "-m", "-n", "-p", "-f", "--mount-proc", "--kill-child", "bash",
            script.toString(), broker.toString(), nginx.toString(), "demo", secret(seed, SecretName.RABBITMQ_PASSWORD),
            "admin", secret(seed, SecretName.ADMIN_PASSWORD), Files.createTempDirectory(work, "rabbit").toString()),
        null, Map.of(), Duration.ofSeconds(240));

    // then
    assertThat(result.output()).contains("CHECK rabbitmq-boots ok", "CHECK definitions-app-user-authenticates ok",
        "CHECK definitions-admin-authenticates ok", "CHECK management-under-path-prefix ok",
        "CHECK admin-pages-need-the-password ok", "CHECK proxy-keeps-%2F-intact ok",
        "CHECK proxy-serves-the-management-ui ok").doesNotContain("FAILED");
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  private static String secret(Rendered r, SecretName name) {
    return r.secrets().find(name).orElseThrow().reveal();
  }

  // ---- CouchDB ----

  /** The sections and keys CouchDB 3's configuration reference documents, for what we render. */
  private static final Map<String, Set<String>> COUCHDB_KEYS = Map.of(
      "couchdb", Set.of("single_node", "uuid", "database_dir", "view_index_dir", "max_document_size",
          "max_dbs_open", "os_process_timeout", "file_compression", "default_security", "maintenance_mode",
          "users_db_suffix", "attachment_stream_buffer_size", "default_engine", "js_engine"),
      "chttpd", Set.of("bind_address", "port", "backlog", "socket_options", "server_options",
          "require_valid_user", "prefer_minimal", "max_db_number_for_dbs_info_req", "authentication_handlers",
          "enable_cors", "x_forwarded_host", "x_forwarded_proto", "x_forwarded_ssl"),
      "chttpd_auth", Set.of("secret", "allow_persistent_cookies", "auth_cache_size", "timeout", "cookie_domain",
          "same_site", "hash_algorithms", "iterations", "require_valid_user", "min_iterations", "max_iterations"),
      "cluster", Set.of("n", "q", "placement", "seedlist"),
      "admins", Set.of("*"));

  @TestFactory
  Stream<DynamicTest> couchdbLocalIniHasOnlyKeysCouchdb3Documents() {
    return clusters().flatMap(r -> r.nodeFiles("opt/couchdb/etc/local.ini").map(ini -> dynamicTest(
        "local.ini keys " + subject(r, ini), () -> {
          Validators.require(Tool.PYTHON3);
          assertThat(couchdbProblems(ini, subject(r, ini))).isEmpty();
        })));
  }

  /**
   * No CouchDB checker is reachable here (validators.md section 2.7): Python's configparser reads the file strictly
   * (no duplicate sections or keys), then every key must be one CouchDB 3 documents. vm.args must name the node and
   * set the cookie.
   */
  private String couchdbProblems(Path ini, String subject) throws IOException {
    String script = "import configparser, sys\n"
        + "p = configparser.ConfigParser(interpolation=None, strict=True, delimiters=('=',), "
        + "comment_prefixes=(';',), empty_lines_in_values=False)\n"
        + "p.optionxform = str\n"
        + "p.read_string(open(sys.argv[1]).read(), sys.argv[1])\n"
        + "for s in p.sections():\n"
        + "    for k in p[s]:\n"
        + "        print('KEY', s, k, p[s][k] != '')\n";
    Result result = validators.run("local.ini configparser", subject, List.of("/usr/bin/python3", "-c", script,
        ini.toString()));
    if (!result.ok()) {
      return result.toString();
    }
    List<String> problems = new ArrayList<>();
    result.output().lines().filter(l -> l.startsWith("KEY ")).forEach(l -> {
      String[] f = l.split(" ");
      Set<String> keys = COUCHDB_KEYS.get(f[1]);
      if (keys == null || !(keys.contains(f[2]) || keys.contains("*"))) {
        problems.add("[" + f[1] + "] " + f[2] + " is not a key CouchDB 3 documents");
      }
      if (!f[3].equals("True")) {
        problems.add("[" + f[1] + "] " + f[2] + " is empty");
      }
    });
    List<String> args = Files.readAllLines(ini.resolveSibling("vm.args")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).collect(Collectors.toList());
    if (!args.stream().allMatch(l -> l.startsWith("-") || l.startsWith("+"))) {
      problems.add("vm.args has a line that is neither a flag nor an emulator option: " + args);
    }
    if (args.stream().noneMatch(l -> l.matches("-name couchdb@\\d+\\.\\d+\\.\\d+\\.\\d+"))
        || args.stream().noneMatch(l -> l.matches("-setcookie [A-Za-z0-9]{12,}"))) {
      problems.add("vm.args lacks -name couchdb@<address> or -setcookie");
    }
    return String.join("\n", problems);
  }

  // ---- Celery ----

  @TestFactory
  Stream<DynamicTest> celeryMultiShowsTheWorkerCommandTheUnitWouldRun() {
    return clusters().flatMap(r -> r.cluster().nodesWith(BuiltInServices.WORKER).stream().limit(2).map(node ->
        dynamicTest("celery multi show " + r.name() + "/" + node.name(), () -> {
          Validators.require(Tool.PYTHON3);
          Result result = celeryMultiShow(r, node.name());
          assertThat(result.exitCode()).as(result.toString()).isZero();
          assertThat(result.output()).contains("-m celery -A demo worker", "--pidfile=/run/celery/worker.pid",
              "--logfile=/var/log/celery/worker%I.log", "--concurrency=" + node.flavor().vcpus(), "-n worker@");
        })));
  }

  /**
   * No validator for /etc/conf.d/celery exists; this is the approximation validators.md gives: source it as the
   * unit's environment and let celery multi print the worker command lines it would start.
   */
  private Result celeryMultiShow(Rendered r, String node) {
    Path dir = r.node(node);
    return validators.run("celery multi show", r.name() + ":" + node + "/etc/conf.d/celery", List.of("bash", "-c",
        "set -a; . \"$CONF\"; . \"$APP_ENV\"; set +a; ${CELERY_BIN} -A $CELERY_APP multi show $CELERYD_NODES "
            + "--pidfile=${CELERYD_PID_FILE} --logfile=${CELERYD_LOG_FILE} --loglevel=\"${CELERYD_LOG_LEVEL}\" "
            + "$CELERYD_OPTS"), demoApp, Map.of("CONF", dir.resolve("etc/conf.d/celery").toString(), "APP_ENV",
        dir.resolve("etc/stackwright/demo.env").toString()), Validators.TIMEOUT);
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
          assertThat(nginxProblems(node, "broken")).contains("unknown directive \"proxy_redirectt\"");
        }),
        dynamicTest("nginx -t: an upstream that does not exist", () -> {
          Validators.require(Tool.NGINX, Tool.UNSHARE, Tool.SYSCTL);
          Path node = broken("webserver-1", "/etc/nginx/sites-enabled/stackwright-webserver.conf",
              s -> s.replace("proxy_pass http://webserver_app_servers;", "proxy_pass http://app_srvers;"));
          assertThat(nginxProblems(node, "broken")).contains("host not found in upstream \"app_srvers\"");
        }),
        dynamicTest("systemd-analyze verify: a misspelt key is only a warning, and still caught", () -> {
          Validators.require(Tool.SYSTEMD_ANALYZE, Tool.UNSHARE);
          Path node = broken("worker-1", "/etc/systemd/system/celery.service",
              s -> s.replace("Restart=always", "Restartt=always"));
          assertThat(systemdProblems(node.resolve("etc/systemd/system/celery.service"), "broken"))
              .startsWith("exit 0").contains("Unknown key 'Restartt' in section [Service]");
        }),
        dynamicTest("gunicorn: a misspelt setting passes --check-config but not the --print-config comparison", () -> {
          Validators.require(Tool.GUNICORN, Tool.PYTHON3);
          Rendered seed = renders.get("seed");
          Node node = seed.cluster().node("server_all-1").orElseThrow();
          Path copy = broken("server_all-1", "/etc/gunicorn/gunicorn.conf.py", s -> s.replace("workers =",
              "workres ="));
          assertThat(gunicornProblems(seed, node, node.role(BuiltInServices.APPSERVER).orElseThrow(),
              copy.resolve("etc/gunicorn/gunicorn.conf.py"), copy.resolve("etc/stackwright/demo.env")))
              .contains("workers: meant 9, gunicorn has 1");
        }),
        dynamicTest("gunicorn --check-config: the app is imported with the rendered environment", () -> {
          Validators.require(Tool.GUNICORN, Tool.PYTHON3);
          Rendered seed = renders.get("seed");
          Node node = seed.cluster().node("server_all-1").orElseThrow();
          Path copy = broken("server_all-1", "/etc/stackwright/demo.env", s -> s.replace("DJANGO_SECRET_KEY=",
              "DJANGO_SECRET_KEYS="));
          assertThat(gunicornProblems(seed, node, node.role(BuiltInServices.APPSERVER).orElseThrow(),
              copy.resolve("etc/gunicorn/gunicorn.conf.py"), copy.resolve("etc/stackwright/demo.env")))
              .contains("DJANGO_SECRET_KEY is not set");
        }),
        dynamicTest("dnsmasq --test: a misspelt option", () -> {
          Validators.require(Tool.DNSMASQ);
          Path node = broken("controller-1", "/etc/dnsmasq.d/stackwright.conf", s -> s.replace("dhcp-authoritative",
              "dhcp-authoritativ"));
          assertThat(dnsmasqProblems(node.resolve("etc/dnsmasq.d/stackwright.conf"), "broken")).contains("bad option");
        }),
        dynamicTest("cloud-init schema: a value of the wrong type", () -> {
          Validators.require(Tool.CLOUD_INIT);
          Path node = broken("worker-1", RenderedCluster.USER_DATA_PATH, s -> s.replace("package_update: true",
              "package_update: yes-please"));
          assertThat(cloudInitProblems(node.resolve(RenderedCluster.USER_DATA_PATH.substring(1)), "broken"))
              .contains("package_update: 'yes-please' is not of type 'boolean'");
        }),
        dynamicTest("php-fpm -t: an unknown process manager", () -> {
          Validators.require(Tool.PHP_FPM);
          Path node = broken("webserver-1", "/etc/php/8.2/fpm/pool.d/tutorials.conf", s -> s.replace("pm = ondemand",
              "pm = sometimes"));
          assertThat(phpFpmProblems(node.resolve("etc/php/8.2/fpm/pool.d/tutorials.conf"), "broken")).isNotEmpty();
        }),
        dynamicTest("rabbitmq-conf-check: a misspelt key", () -> {
          Validators.require(Tool.ESCRIPT, Tool.UNSHARE);
          Path node = broken("server_all-1", "/etc/rabbitmq/rabbitmq.conf", s -> s.replace("management.path_prefix",
              "management.path_prefx"));
          assertThat(rabbitmqConfProblems(node.resolve("etc/rabbitmq"), "broken"))
              .contains("management.path_prefx");
        }),
        dynamicTest("local.ini: a key CouchDB does not know", () -> {
          Validators.require(Tool.PYTHON3);
          Path node = broken("server_all-1", "/opt/couchdb/etc/local.ini", s -> s.replace("bind_address",
              "bind_adress"));
          assertThat(couchdbProblems(node.resolve("opt/couchdb/etc/local.ini"), "broken"))
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
