package dev.stackwright.render;

import static dev.stackwright.render.internal.Shell.quote;

import dev.stackwright.model.Application;
import dev.stackwright.model.AptSource;
import dev.stackwright.model.Node;
import dev.stackwright.model.PackageSources;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one node needs, role by role: the files (by template), the Debian packages, the service user, and the steps
 * its user-data runs once the files are in place (see {@link RunSteps}). Decides nothing the model does not say.
 */
final class NodePlan {
  private static final Set<Service> RUNS_APP_CODE = Set.of(BuiltInServices.APPSERVER, BuiltInServices.WORKER, BuiltInServices.STATIC);
  private static final Set<Service> RUNS_NGINX = Set.of(BuiltInServices.CONTROLLER, BuiltInServices.WEBSERVER,
      BuiltInServices.STATIC);
  private static final List<Service> START_ORDER = List.of(BuiltInServices.DATABASE, BuiltInServices.BROKER, BuiltInServices.APPSERVER,
      BuiltInServices.STATIC, BuiltInServices.WORKER, BuiltInServices.WEBSERVER, BuiltInServices.CONTROLLER);
  /** Flower is not packaged in Debian 12; the controller installs this release from PyPI into a venv. */
  static final String FLOWER_VERSION = "1.2.0";
  static final String COUCHDB_KEYRING = "/usr/share/keyrings/couchdb-archive-keyring.gpg";

  final List<FileSpec> files = new ArrayList<>();
  final Set<String> packages = new LinkedHashSet<>();
  final List<Map<String, Object>> users = new ArrayList<>();
  final List<Step> steps = new ArrayList<>();

  private final ClusterContext context;
  private final Application app;
  private final Node node;
  private final boolean hasBrokers;
  private final PackageSources sources;

  private NodePlan(ClusterContext context, Node node, boolean hasBrokers) {
    this.context = context;
    this.app = context.app();
    this.node = node;
    this.hasBrokers = hasBrokers;
    this.sources = context.packageSources();
  }

  static NodePlan of(ClusterContext context, Node node, boolean hasBrokers, List<ExtraFile> extraFiles) {
    NodePlan plan = new NodePlan(context, node, hasBrokers);
    plan.plan(extraFiles);
    return plan;
  }

  private void plan(List<ExtraFile> extraFiles) {
    files.add(FileSpec.clusterWide("common/hosts.jinja", "/etc/hosts"));
    steps.add(Step.of("daemon-reload", "systemctl daemon-reload"));
    boolean appCode = node.roles().stream().anyMatch(r -> RUNS_APP_CODE.contains(r.kind()));
    boolean nginx = node.roles().stream().anyMatch(r -> RUNS_NGINX.contains(r.kind()));
    if (appCode) {
      appCode();
    }
    if (nginx) {
      packages.add("nginx");
      files.add(FileSpec.of("nginx/nginx.conf.jinja", "/etc/nginx/nginx.conf", Map.of()));
    }
    // Services before their clients: the database and broker restart before the app servers and workers start.
    List<RoleInstance> ordered = new ArrayList<>(node.roles());
    ordered.sort(java.util.Comparator.comparingInt(r -> START_ORDER.indexOf(r.kind())));
    for (RoleInstance r : ordered) {
      Map<String, Object> instance = context.instance(r);
      switch (r.kind().name()) {
        case "controller":
          controller(r, instance);
          break;
        case "webserver":
          webserver(r, instance);
          break;
        case "appserver":
          appserver(r, instance);
          break;
        case "static":
          staticServer(r, instance);
          break;
        case "broker":
          broker(instance);
          break;
        case "database":
          database(instance);
          break;
        case "worker":
          worker(r, instance);
          break;
        default:
          throw new IllegalStateException("no plan for role kind " + r.kind());
      }
    }
    for (ExtraFile extra : extraFiles) {
      for (RoleInstance r : node.roles()) {
        if (r.role().equals(extra.role())) {
          files.add(new FileSpec(extra.template(), extra.path(), extra.mode(), extra.owner(), false,
              context.instance(r), false));
        }
      }
    }
    if (nginx) {
      steps.add(Step.of("nginx", "systemctl enable nginx && systemctl restart nginx"));
    }
  }

  /** The application's code, its user and its environment, for app servers, workers and static servers. */
  private void appCode() {
    String home = app.home();
    users.add(Map.of("name", app.name(), "home", home));
    files.add(FileSpec.secret("django/app.env.jinja", context.appEnvPath(), "root:root", Map.of()));
    packages.add("python3-django");
    packages.add("python3-celery");
    if (ClusterContext.isGit(app.source())) {
      packages.add("git");
      steps.add(Step.of("app-clone", "[ -d " + quote(home + "/.git") + " ] || git clone --quiet --depth 1 --branch "
          + quote(app.version()) + " " + quote(app.source()) + " " + quote(home)));
    } else if (!app.source().equals(home)) {
      steps.add(Step.of("app-link", "[ -e " + quote(home) + " ] || ln -s " + quote(app.source()) + " "
          + quote(home)));
    }
    steps.add(Step.of("app-owner", "chown -R " + quote(app.name() + ":" + app.name()) + " " + quote(home + "/")));
  }

  private String withAppEnv(String command) {
    return "cd " + quote(app.home()) + " && set -a && . " + quote(context.appEnvPath()) + " && set +a && "
        + command;
  }

  private void controller(RoleInstance r, Map<String, Object> instance) {
    packages.add("dnsmasq");
    files.add(FileSpec.of("nginx/controller.conf.jinja", site(r), instance));
    files.add(FileSpec.secret("nginx/htpasswd.jinja", "/etc/nginx/stackwright-admin.htpasswd", "www-data:www-data",
        instance));
    files.add(FileSpec.of("nginx/status-index.html.jinja", "/var/www/stackwright/index.html", instance));
    files.add(FileSpec.of("dnsmasq/stackwright.conf.jinja", "/etc/dnsmasq.d/stackwright.conf", instance));
    steps.add(Step.of("dnsmasq", "systemctl enable dnsmasq && systemctl restart dnsmasq"));
    if (hasBrokers) {
      packages.add("python3-venv");
      files.add(FileSpec.of("systemd/flower.service.jinja", "/etc/systemd/system/flower.service", instance));
      files.add(FileSpec.secret("flower/flower.env.jinja", "/etc/stackwright/flower.env", "root:root", instance));
      steps.add(Step.optional("flower-install", "Flower could not be installed from the Python package index "
          + sources.pythonIndex(), flowerInstall()));
      // started only where it was installed: an unreachable index leaves the controller working without Flower
      steps.add(Step.of("flower", "[ ! -x /opt/flower/bin/celery ] || systemctl enable --now flower.service"));
    }
  }

  private void webserver(RoleInstance r, Map<String, Object> instance) {
    packages.add("php-fpm");
    files.add(FileSpec.of("nginx/webserver.conf.jinja", site(r), instance));
    files.add(FileSpec.of("php-fpm/tutorials.conf.jinja", "/etc/php/" + ClusterContext.PHP_VERSION
        + "/fpm/pool.d/tutorials" + ClusterContext.suffix(r) + ".conf", instance));
    files.add(FileSpec.of("php-fpm/index.php.jinja", "/var/www/tutorials/index.php", instance));
    String fpm = "php" + ClusterContext.PHP_VERSION + "-fpm";
    steps.add(Step.of(fpm, "systemctl enable " + fpm + " && systemctl restart " + fpm));
  }

  private void appserver(RoleInstance r, Map<String, Object> instance) {
    packages.add("gunicorn");
    String s = ClusterContext.suffix(r);
    files.add(FileSpec.of("gunicorn/gunicorn.conf.py.jinja", "/etc/gunicorn/gunicorn" + s + ".conf.py", instance));
    files.add(FileSpec.of("systemd/gunicorn.service.jinja", "/etc/systemd/system/gunicorn" + s + ".service",
        instance));
    String migrate = withAppEnv("runuser -u " + quote(app.name()) + " -- /usr/bin/python3 manage.py migrate --noinput");
    once(Step.of("app-migrate", migrate));
    steps.add(Step.of("gunicorn" + s, "systemctl enable --now " + quote("gunicorn" + s + ".service")));
  }

  private void staticServer(RoleInstance r, Map<String, Object> instance) {
    files.add(FileSpec.of("nginx/static.conf.jinja", site(r), instance));
    String collect = withAppEnv("/usr/bin/python3 manage.py collectstatic --noinput");
    once(Step.of("app-collectstatic", collect));
  }

  private void broker(Map<String, Object> instance) {
    packages.add("rabbitmq-server");
    files.add(FileSpec.of("rabbitmq/rabbitmq.conf.jinja", "/etc/rabbitmq/rabbitmq.conf", instance));
    files.add(FileSpec.of("rabbitmq/enabled_plugins.jinja", "/etc/rabbitmq/enabled_plugins", instance));
    files.add(FileSpec.secret("rabbitmq/definitions.json.jinja", "/etc/rabbitmq/definitions.json",
        "rabbitmq:rabbitmq", instance));
    steps.add(Step.of("rabbitmq-server", "systemctl enable rabbitmq-server && systemctl restart rabbitmq-server"));
    // Debian's package starts the broker at install, before the files are written, so its first boot made the
    // default guest user; the definitions imported since add users but never remove one.
    steps.add(Step.of("rabbitmq-no-guest", "rabbitmqctl --quiet await_startup && if rabbitmqctl --silent list_users "
        + "| cut -f1 | grep -qx guest; then rabbitmqctl --quiet delete_user guest; fi"));
  }

  private void database(Map<String, Object> instance) {
    packages.add("curl");
    packages.add("gnupg");
    packages.add("ca-certificates");
    // couchdb is not in Debian: the files are written as root first (their owner does not exist yet), the package
    // comes from CouchDB's own repository and keeps them (--force-confold), then they are handed to couchdb.
    files.add(FileSpec.secret("couchdb/local.ini.jinja", "/opt/couchdb/etc/local.ini", "root:root", instance));
    files.add(FileSpec.secret("couchdb/vm.args.jinja", "/opt/couchdb/etc/vm.args", "root:root", instance));
    steps.add(Step.of("couchdb-repository", couchdbRepository(sources.couchdbRepository())));
    steps.add(Step.of("couchdb-install", "echo 'couchdb couchdb/mode select none' | debconf-set-selections && "
        + "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "
        + "-o Dpkg::Options::=--force-confold couchdb"));
    steps.add(Step.of("couchdb", "chown couchdb:couchdb /opt/couchdb/etc/local.ini /opt/couchdb/etc/vm.args && "
        + "systemctl enable couchdb && systemctl restart couchdb"));
  }

  private void worker(RoleInstance r, Map<String, Object> instance) {
    packages.add("celery");
    String s = ClusterContext.suffix(r);
    files.add(FileSpec.of("celery/celery.conf.jinja", "/etc/conf.d/celery" + s, instance));
    files.add(FileSpec.of("systemd/celery.service.jinja", "/etc/systemd/system/celery" + s + ".service", instance));
    files.add(FileSpec.of("celery/tmpfiles.conf.jinja", "/etc/tmpfiles.d/celery" + s + ".conf", instance));
    steps.add(Step.of("celery" + s, "systemd-tmpfiles --create " + quote("/etc/tmpfiles.d/celery" + s + ".conf")
        + " && systemctl enable --now " + quote("celery" + s + ".service")));
  }

  /** Adds a step that several roles of the node need once. */
  private void once(Step step) {
    if (steps.stream().noneMatch(s -> s.name().equals(step.name()))) {
      steps.add(step);
    }
  }

  /**
   * All or nothing: the key is fetched to a temporary file, checked, dearmored and moved into place, and only then is
   * the list written (also by a move), so a failed fetch leaves neither an empty keyring nor a list that every later
   * {@code apt-get update} would trip over.
   */
  static String couchdbRepository(AptSource repo) {
    String list = "/etc/apt/sources.list.d/couchdb.list";
    String entry = "deb [" + (repo.unsigned() ? "trusted=yes" : "signed-by=" + COUCHDB_KEYRING) + "] " + repo.line();
    String writeList = "echo " + quote(entry) + " > " + list + ".new && mv " + list + ".new " + list;
    if (repo.keyUrl().isEmpty()) {
      return writeList;
    }
    return "tmp=$(mktemp -d) && trap 'rm -rf \"$tmp\"' EXIT && curl -fsSL --retry 3 -o \"$tmp/key.asc\" "
        + quote(repo.keyUrl().get()) + " && test -s \"$tmp/key.asc\" && gpg --batch --homedir \"$tmp\" --dearmor "
        + "-o \"$tmp/key.gpg\" \"$tmp/key.asc\" && test -s \"$tmp/key.gpg\" && install -m 0644 \"$tmp/key.gpg\" "
        + COUCHDB_KEYRING + ".new && mv " + COUCHDB_KEYRING + ".new " + COUCHDB_KEYRING + " && " + writeList;
  }

  /** A venv that is complete or absent: a failed pip leaves no half-made /opt/flower behind. */
  private String flowerInstall() {
    String index = sources.pythonIndex();
    String trusted = index.startsWith("http://") ? " --trusted-host " + quote(URI.create(index).getHost()) : "";
    return "[ -x /opt/flower/bin/celery ] || { python3 -m venv /opt/flower && /opt/flower/bin/pip install --quiet "
        + "--timeout 30 --index-url " + quote(index) + trusted + " " + quote("flower==" + FLOWER_VERSION)
        + " || { rc=$?; rm -rf /opt/flower; exit $rc; }; }";
  }

  private static String site(RoleInstance r) {
    return "/etc/nginx/sites-enabled/stackwright-" + r.kind().name() + ClusterContext.suffix(r) + ".conf";
  }
}
