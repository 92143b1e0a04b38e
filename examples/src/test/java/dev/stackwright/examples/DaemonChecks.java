package dev.stackwright.examples;

import dev.stackwright.examples.Validators.Result;
import dev.stackwright.examples.Validators.Tool;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.render.RenderedFile;
import dev.stackwright.services.BuiltInServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How each daemon's own checker is run on a rendered file and what it says, as problems (empty when none): nginx -t,
 * systemd-analyze verify, gunicorn, dnsmasq --test, cloud-init schema, php-fpm -t, RabbitMQ's schema translation,
 * CouchDB's documented keys, celery multi show. {@link RenderedFilesValidateTest} runs them on every cluster it renders.
 */
final class DaemonChecks {
  private final Validators validators;
  private final Path work;
  private final Path demoApp;

  DaemonChecks(Validators validators, Path work, Path demoApp) {
    this.validators = validators;
    this.work = work;
    this.demoApp = demoApp;
  }

  /**
   * nginx -t on the node's /etc/nginx: the host's /etc/nginx (mime.types, snippets, modules) with the rendered files on
   * top, bind-mounted in place in a private mount namespace, in a network namespace that allows binding the node's
   * addresses (validators.md section 2.1); /run and /var/log/nginx are private tmpfs, so the host is untouched. A
   * node with TLS files gets its /etc/ssl the same way, so nginx -t loads its certificates and keys.
   */
  String nginxProblems(Path node, String subject) throws IOException {
    Path tmp = Files.createTempDirectory(work, "nginx");
    Result result = validators.run("nginx -t", subject, List.of(Validators.path(Tool.UNSHARE), "-m", "-n", "sh",
        "-ec", "sysctl -qw net.ipv4.ip_nonlocal_bind=1\n"
            + "cp -rL /etc/nginx \"$T/etc-nginx\"\n"
            + "cp -a \"$NODE/etc/nginx/.\" \"$T/etc-nginx/\"\n"
            + "mount -t tmpfs tmpfs /run\n"
            + "mount -t tmpfs tmpfs /var/log/nginx\n"
            + "mount --bind \"$T/etc-nginx\" /etc/nginx\n"
            + "if [ -d \"$NODE/etc/ssl\" ]; then\n"
            + "  cp -rL /etc/ssl \"$T/etc-ssl\" && cp -a \"$NODE/etc/ssl/.\" \"$T/etc-ssl/\"\n"
            + "  mount --bind \"$T/etc-ssl\" /etc/ssl\n"
            + "fi\n"
            + "exec nginx -t"), null, Map.of("T", tmp.toString(), "NODE", node.toString()), Validators.TIMEOUT);
    return result.ok() && result.output().contains("test is successful") ? "" : result.toString();
  }

  /**
   * systemd-analyze verify must exit 0 and print nothing: unknown keys and bad values are only warnings
   * (validators.md section 2.3). Programs that only the node has (under /opt) get stub executables in a private
   * mount namespace.
   */
  String systemdProblems(Path unit, String subject) throws IOException {
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

  /**
   * gunicorn --check-config imports the demo app with the rendered environment; --print-config then shows what
   * gunicorn took from the file, compared with what the model means (a misspelt setting is silently ignored,
   * validators.md section 2.2).
   */
  String gunicornProblems(RenderedFilesValidateTest.Rendered r, Node node, RoleInstance instance, Path conf, Path envFile)
      throws IOException {
    Map<String, String> env = Validators.envFile(envFile);
    String subject = RenderedFilesValidateTest.subject(r, conf);
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

  String dnsmasqProblems(Path conf, String subject) {
    Result result = validators.run("dnsmasq --test", subject, List.of(Validators.path(Tool.DNSMASQ), "--test", "-C",
        conf.toString()));
    return result.ok() && result.output().contains("syntax check OK") ? "" : result.toString();
  }

  String cloudInitProblems(Path userData, String subject) {
    Result result = validators.run("cloud-init schema", subject, List.of(Validators.path(Tool.CLOUD_INIT), "schema",
        "-c", userData.toString()));
    return result.ok() && result.output().contains("Valid cloud-config") ? "" : result.toString();
  }

  /** Reads the user-data with the YAML parser cloud-init uses and decodes every file the way it does. */
  String carriedFiles(RenderedFilesValidateTest.Rendered r, String node, Path userData) {
    String script = "import base64, gzip, hashlib, sys, yaml\n"
        + "d = yaml.safe_load(open(sys.argv[1]))\n"
        + "for f in d['write_files']:\n"
        + "    data = gzip.decompress(base64.b64decode(f['content']))\n"
        + "    print('FILE', f['path'], hashlib.sha256(data).hexdigest(), f['permissions'], f['owner'], f['defer'])\n"
        + "for c in d['runcmd']:\n"
        + "    assert isinstance(c, str), c\n"
        + "print('HOST', d['hostname'], len(d['runcmd']))\n";
    Result result = validators.run("cloud-init yaml decode", RenderedFilesValidateTest.subject(r, userData), List.of("/usr/bin/python3", "-c",
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

  /** The pool under a main config of our own, as Debian's php-fpm.conf includes pool.d, with the log kept here. */
  String phpFpmProblems(Path pool, String subject) throws IOException {
    Path main = Files.createTempFile(work, "php-fpm", ".conf");
    Files.writeString(main, "[global]\nerror_log = " + main + ".log\ninclude = " + pool + "\n");
    Result result = validators.run("php-fpm8.2 -t", subject, List.of(Validators.path(Tool.PHP_FPM), "-t", "-y",
        main.toString()));
    return result.ok() && result.output().contains("test is successful") ? "" : result.toString();
  }

  /**
   * cuttlefish with the schemas shipped in Debian's rabbitmq-server: the translation the broker does at boot. The
   * rendered /etc/rabbitmq is bind-mounted in place, since the check also reads definitions.local.path.
   */
  String rabbitmqConfProblems(Path etcRabbitmq, String subject) {
    Path checker = Validators.rabbitmqConfChecker();
    Path plugins = Validators.rabbitmqPlugins();
    Result result = validators.run("rabbitmq-conf-check", subject, List.of(Validators.path(Tool.UNSHARE), "-m", "sh",
        "-ec", "mount --bind \"$ETC\" /etc/rabbitmq\nexec escript \"$CHECKER\" /etc/rabbitmq/rabbitmq.conf "
            + "\"$PLUGINS\""), null, Map.of("ETC", etcRabbitmq.toString(), "CHECKER", checker.toString(),
        "PLUGINS", plugins.toString()), Validators.TIMEOUT);
    return result.ok() && result.output().contains("OK: ") ? "" : result.toString();
  }

  /** The sections and keys CouchDB 3's configuration reference documents, for what we render. */
  static final Map<String, Set<String>> COUCHDB_KEYS = Map.of(
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

  /**
   * No CouchDB checker is reachable here (validators.md section 2.7): Python's configparser reads the file strictly
   * (no duplicate sections or keys), then every key must be one CouchDB 3 documents. vm.args must name the node and
   * set the cookie.
   */
  String couchdbProblems(Path ini, String subject) throws IOException {
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

  /**
   * No validator for /etc/conf.d/celery exists; this is the approximation validators.md gives: source it as the
   * unit's environment and let celery multi print the worker command lines it would start.
   */
  Result celeryMultiShow(RenderedFilesValidateTest.Rendered r, String node) {
    Path dir = r.node(node);
    return validators.run("celery multi show", r.name() + ":" + node + "/etc/conf.d/celery", List.of("bash", "-c",
        "set -a; . \"$CONF\"; . \"$APP_ENV\"; set +a; ${CELERY_BIN} -A $CELERY_APP multi show $CELERYD_NODES "
            + "--pidfile=${CELERYD_PID_FILE} --logfile=${CELERYD_LOG_FILE} --loglevel=\"${CELERYD_LOG_LEVEL}\" "
            + "$CELERYD_OPTS"), demoApp, Map.of("CONF", dir.resolve("etc/conf.d/celery").toString(), "APP_ENV",
        dir.resolve("etc/stackwright/demo.env").toString()), Validators.TIMEOUT);
  }
}
