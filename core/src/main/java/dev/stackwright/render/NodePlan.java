package dev.stackwright.render;

import static dev.stackwright.render.internal.Shell.quote;

import dev.stackwright.model.Application;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.RoleKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one node needs, role by role: the files (by template), the Debian packages, the service user, and the commands
 * its user-data runs once the files are in place. Decides nothing the model does not say.
 */
final class NodePlan {
  private static final Set<RoleKind> RUNS_APP_CODE = EnumSet.of(RoleKind.APPSERVER, RoleKind.WORKER, RoleKind.STATIC);
  private static final Set<RoleKind> RUNS_NGINX = EnumSet.of(RoleKind.CONTROLLER, RoleKind.WEBSERVER,
      RoleKind.STATIC);
  private static final List<RoleKind> START_ORDER = List.of(RoleKind.DATABASE, RoleKind.BROKER, RoleKind.APPSERVER,
      RoleKind.STATIC, RoleKind.WORKER, RoleKind.WEBSERVER, RoleKind.CONTROLLER);
  /** Flower is not packaged in Debian 12; the controller installs this release from PyPI into a venv. */
  static final String FLOWER_VERSION = "1.2.0";

  final List<FileSpec> files = new ArrayList<>();
  final Set<String> packages = new LinkedHashSet<>();
  final List<Map<String, Object>> users = new ArrayList<>();
  final List<String> commands = new ArrayList<>();

  private final ClusterContext context;
  private final Application app;
  private final Node node;
  private final boolean hasBrokers;

  private NodePlan(ClusterContext context, Node node, boolean hasBrokers) {
    this.context = context;
    this.app = context.app();
    this.node = node;
    this.hasBrokers = hasBrokers;
  }

  static NodePlan of(ClusterContext context, Node node, boolean hasBrokers, List<ExtraFile> extraFiles) {
    NodePlan plan = new NodePlan(context, node, hasBrokers);
    plan.plan(extraFiles);
    return plan;
  }

  private void plan(List<ExtraFile> extraFiles) {
    files.add(FileSpec.clusterWide("common/hosts.jinja", "/etc/hosts"));
    commands.add("systemctl daemon-reload");
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
      switch (r.kind()) {
        case CONTROLLER:
          controller(r, instance);
          break;
        case WEBSERVER:
          webserver(r, instance);
          break;
        case APPSERVER:
          appserver(r, instance);
          break;
        case STATIC:
          staticServer(r, instance);
          break;
        case BROKER:
          broker(instance);
          break;
        case DATABASE:
          database(instance);
          break;
        case WORKER:
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
      commands.add("systemctl enable nginx");
      commands.add("systemctl restart nginx");
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
      commands.add("[ -d " + quote(home + "/.git") + " ] || git clone --quiet --depth 1 --branch "
          + quote(app.version()) + " " + quote(app.source()) + " " + quote(home));
    } else if (!app.source().equals(home)) {
      commands.add("[ -e " + quote(home) + " ] || ln -s " + quote(app.source()) + " " + quote(home));
    }
    commands.add("chown -R " + quote(app.name() + ":" + app.name()) + " " + quote(home + "/"));
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
    commands.add("systemctl enable dnsmasq");
    commands.add("systemctl restart dnsmasq");
    if (hasBrokers) {
      packages.add("python3-venv");
      files.add(FileSpec.of("systemd/flower.service.jinja", "/etc/systemd/system/flower.service", instance));
      files.add(FileSpec.secret("flower/flower.env.jinja", "/etc/stackwright/flower.env", "root:root", instance));
      commands.add("[ -x /opt/flower/bin/celery ] || { python3 -m venv /opt/flower && /opt/flower/bin/pip install "
          + "--quiet " + quote("flower==" + FLOWER_VERSION) + "; }");
      commands.add("systemctl enable --now flower.service");
    }
  }

  private void webserver(RoleInstance r, Map<String, Object> instance) {
    packages.add("php-fpm");
    files.add(FileSpec.of("nginx/webserver.conf.jinja", site(r), instance));
    files.add(FileSpec.of("php-fpm/tutorials.conf.jinja", "/etc/php/" + ClusterContext.PHP_VERSION
        + "/fpm/pool.d/tutorials" + ClusterContext.suffix(r) + ".conf", instance));
    files.add(FileSpec.of("php-fpm/index.php.jinja", "/var/www/tutorials/index.php", instance));
    commands.add("systemctl enable php" + ClusterContext.PHP_VERSION + "-fpm");
    commands.add("systemctl restart php" + ClusterContext.PHP_VERSION + "-fpm");
  }

  private void appserver(RoleInstance r, Map<String, Object> instance) {
    packages.add("gunicorn");
    String s = ClusterContext.suffix(r);
    files.add(FileSpec.of("gunicorn/gunicorn.conf.py.jinja", "/etc/gunicorn/gunicorn" + s + ".conf.py", instance));
    files.add(FileSpec.of("systemd/gunicorn.service.jinja", "/etc/systemd/system/gunicorn" + s + ".service",
        instance));
    String migrate = withAppEnv("runuser -u " + quote(app.name()) + " -- /usr/bin/python3 manage.py migrate --noinput");
    if (!commands.contains(migrate)) {
      commands.add(migrate);
    }
    commands.add("systemctl enable --now " + quote("gunicorn" + s + ".service"));
  }

  private void staticServer(RoleInstance r, Map<String, Object> instance) {
    files.add(FileSpec.of("nginx/static.conf.jinja", site(r), instance));
    String collect = withAppEnv("/usr/bin/python3 manage.py collectstatic --noinput");
    if (!commands.contains(collect)) {
      commands.add(collect);
    }
  }

  private void broker(Map<String, Object> instance) {
    packages.add("rabbitmq-server");
    files.add(FileSpec.of("rabbitmq/rabbitmq.conf.jinja", "/etc/rabbitmq/rabbitmq.conf", instance));
    files.add(FileSpec.of("rabbitmq/enabled_plugins.jinja", "/etc/rabbitmq/enabled_plugins", instance));
    files.add(FileSpec.secret("rabbitmq/definitions.json.jinja", "/etc/rabbitmq/definitions.json",
        "rabbitmq:rabbitmq", instance));
    commands.add("systemctl enable rabbitmq-server");
    commands.add("systemctl restart rabbitmq-server");
  }

  private void database(Map<String, Object> instance) {
    packages.add("curl");
    packages.add("gnupg");
    packages.add("ca-certificates");
    // couchdb is not in Debian: the files are written as root first (their owner does not exist yet), the package
    // comes from CouchDB's own repository and keeps them (--force-confold), then they are handed to couchdb.
    files.add(FileSpec.secret("couchdb/local.ini.jinja", "/opt/couchdb/etc/local.ini", "root:root", instance));
    files.add(FileSpec.secret("couchdb/vm.args.jinja", "/opt/couchdb/etc/vm.args", "root:root", instance));
    String keyring = "/usr/share/keyrings/couchdb-archive-keyring.gpg";
    commands.add("curl -fsSL https://couchdb.apache.org/repo/keys.asc | gpg --dearmor --yes -o " + keyring);
    commands.add("echo " + quote("deb [signed-by=" + keyring + "] https://apache.jfrog.io/artifactory/couchdb-deb/ "
        + ClusterContext.DEBIAN_CODENAME + " main") + " > /etc/apt/sources.list.d/couchdb.list");
    commands.add("echo 'couchdb couchdb/mode select none' | debconf-set-selections");
    commands.add("apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "
        + "-o Dpkg::Options::=--force-confold couchdb");
    commands.add("chown couchdb:couchdb /opt/couchdb/etc/local.ini /opt/couchdb/etc/vm.args");
    commands.add("systemctl enable couchdb");
    commands.add("systemctl restart couchdb");
  }

  private void worker(RoleInstance r, Map<String, Object> instance) {
    packages.add("celery");
    String s = ClusterContext.suffix(r);
    files.add(FileSpec.of("celery/celery.conf.jinja", "/etc/conf.d/celery" + s, instance));
    files.add(FileSpec.of("systemd/celery.service.jinja", "/etc/systemd/system/celery" + s + ".service", instance));
    files.add(FileSpec.of("celery/tmpfiles.conf.jinja", "/etc/tmpfiles.d/celery" + s + ".conf", instance));
    commands.add("systemd-tmpfiles --create " + quote("/etc/tmpfiles.d/celery" + s + ".conf"));
    commands.add("systemctl enable --now " + quote("celery" + s + ".service"));
  }

  private static String site(RoleInstance r) {
    return "/etc/nginx/sites-enabled/stackwright-" + r.kind().id() + ClusterContext.suffix(r) + ".conf";
  }
}
