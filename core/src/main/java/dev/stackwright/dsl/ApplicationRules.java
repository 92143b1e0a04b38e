package dev.stackwright.dsl;

import dev.stackwright.model.Application;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The application: a name that becomes a system account, a RabbitMQ user and vhost and a file name, so one that is no
 * other account's; Python names for its entry points; a version git takes as a tag; and its source, home and static
 * root as {@link AppPaths} allows them.
 */
final class ApplicationRules {
  /** useradd's limit on a user name. */
  static final int MAX_ACCOUNT = 32;
  private static final Pattern WSGI = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*:[A-Za-z_][A-Za-z0-9_.()]*");
  private static final Pattern PYTHON_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:]*");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  /**
   * Accounts and groups a node has before the application's user is made: Debian's base system and cloud image, the
   * packages the cluster installs (nginx and php-fpm run as www-data), and the users the files define (admin for the
   * admin pages and RabbitMQ, RabbitMQ's guest). An application of one of these names would take it over.
   */
  static final Set<String> TAKEN_ACCOUNTS = Set.of("root", "daemon", "bin", "sys", "sync", "games", "man", "lp",
      "mail", "news", "uucp", "proxy", "www-data", "backup", "list", "irc", "gnats", "nobody", "nogroup", "_apt",
      "adm", "tty", "disk", "kmem", "dialout", "fax", "voice", "cdrom", "floppy", "tape", "sudo", "audio", "dip",
      "operator", "src", "shadow", "utmp", "video", "sasl", "plugdev", "staff", "users", "input", "kvm", "render",
      "netdev", "crontab", "messagebus", "systemd-journal", "systemd-network", "systemd-resolve",
      "systemd-timesync", "systemd-coredump", "sshd", "_ssh", "polkitd", "tss", "uuidd", "tcpdump", "_chrony",
      "debian", "admin", "guest", "rabbitmq", "epmd", "couchdb", "dnsmasq", "celery", "flower", "gunicorn", "nginx",
      "postgres", "mysql", "redis", "memcache", "stackwright");

  private final Problems problems;

  private ApplicationRules(Problems problems) {
    this.problems = problems;
  }

  static Optional<Application> of(ClusterDsl dsl, Map<String, RolePlan> roles, Problems problems) {
    // every node's files name the application: the app servers and workers run it, the broker has its vhost and
    // user, the controller proxies its admin; the renderer cannot do without it, so neither can validation
    if (dsl.applications.isEmpty()) {
      if (!roles.isEmpty()) {
        problems.missing("application", "is not set, and every node's files name it (what the app servers and "
            + "workers run, the broker's vhost and user, the admin pages)", "call cluster.application(\"demo\")"
            + ".wsgi(\"demo.wsgi:application\").celeryApp(\"demo\").source(\"https://git.example.org/demo.git\")"
            + ".version(\"v1.0\")");
      }
      return Optional.empty();
    }
    if (dsl.applications.size() > 1) {
      problems.problem("application", dsl.applications.get(1).name, "is a second application",
          "declare one application per cluster");
    }
    return new ApplicationRules(problems).application(dsl.applications.get(0));
  }

  private Optional<Application> application(ApplicationDsl a) {
    String path = "application[" + a.name + "]";
    boolean nameOk = Texts.name(problems, path, a.name, "demo") && account(path, a.name);
    boolean ok = nameOk & entryPoints(path, a);
    String home = a.home != null ? a.home : "/srv/" + a.name;
    boolean homeOk = nameOk && AppPaths.homeAllowed(home, a.name);
    ok &= source(path + ".source", a, home, nameOk && homeOk);
    ok &= version(path + ".version", a.version);
    ok &= home(path + ".home", a, nameOk);
    ok &= staticRoot(path + ".staticRoot", a, home, nameOk && homeOk);
    if (!ok) {
      return Optional.empty();
    }
    Application.Builder app = Application.builder().name(a.name).wsgi(a.wsgi).celeryApp(a.celeryApp)
        .source(a.source).version(a.version);
    Optional.ofNullable(a.home).ifPresent(app::home);
    Optional.ofNullable(a.staticRoot).ifPresent(app::staticRoot);
    return Optional.of(app.build());
  }

  private boolean account(String path, String name) {
    if (name.length() > MAX_ACCOUNT) {
      problems.problem(path, name, "is longer than a Unix user name, which the application's user has",
          "use a name of at most " + MAX_ACCOUNT + " characters, such as \"demo\"");
      return false;
    }
    if (TAKEN_ACCOUNTS.contains(name)) {
      problems.problem(path, name, "is an account or group the nodes have already (the system's, a service's or "
          + "a built-in user's), which the application's user would take over", "name the application for "
          + "itself, such as \"" + AppPaths.suggest(name, "demo", "myapp") + "\"");
      return false;
    }
    return true;
  }

  private boolean entryPoints(String path, ApplicationDsl a) {
    boolean ok = true;
    if (a.wsgi == null) {
      problems.missing(path + ".wsgi", "is not set", "call .wsgi(\"demo.wsgi:application\")");
      ok = false;
    } else if (!WSGI.matcher(a.wsgi).matches()) {
      problems.problem(path + ".wsgi", a.wsgi, "is not a WSGI entry point module:callable",
          "write it like \"demo.wsgi:application\"");
      ok = false;
    }
    if (a.celeryApp == null) {
      problems.missing(path + ".celeryApp", "is not set", "call .celeryApp(\"demo\")");
      ok = false;
    } else if (!PYTHON_NAME.matcher(a.celeryApp).matches()) {
      problems.problem(path + ".celeryApp", a.celeryApp, "is not a Python module path", "write it like \"demo\"");
      ok = false;
    }
    return ok;
  }

  /** A URL git clones, or a path on the image; a path's rule needs the name and home, checked when they passed. */
  private boolean source(String path, ApplicationDsl a, String home, boolean homeKnown) {
    if (!Texts.text(problems, path, a.source, "https://git.example.org/demo.git")) {
      return false;
    }
    boolean isPath = a.source.startsWith("/");
    if (!isPath && AppPaths.gitUrl(a.source) || isPath && (!homeKnown
        || AppPaths.sourcePathAllowed(a.source, home, a.name))) {
      return true;
    }
    String own = homeKnown ? AppPaths.suggest(a.source, "/opt/" + a.name, "/srv/" + a.name + "-src") : "/opt/demo";
    problems.problem(path, a.source, isPath ? "is not the home nor a directory of the application's own apart "
        + "from it: the user-data links the home to it and gives all it holds to the application's user"
        : "is neither a URL git clones, of a form no part of which git or ssh reads as an option, nor an absolute "
            + "path", "give a git URL (https://, ssh://, git:// or user@host:path) such as "
            + "\"https://git.example.org/demo.git\", or the path of the code on the image: the home itself, \""
            + home + "\", or a directory of the application's own apart from it, such as \"" + own + "\"");
    return false;
  }

  private boolean version(String path, String version) {
    if (!Texts.text(problems, path, version, "v1.0")) {
      return false;
    }
    if (!VERSION.matcher(version).matches()) {
      problems.problem(path, version, "is not a git tag or commit: letters, digits, '.', '_' and '-', starting "
          + "with a letter or digit", "write it like \"" + AppPaths.suggest(version, "v1.0", "1.0") + "\"");
      return false;
    }
    return true;
  }

  private boolean home(String path, ApplicationDsl a, boolean nameOk) {
    if (a.home == null) {
      return true;
    }
    if (!Texts.text(problems, path, a.home, "/srv/demo")) {
      return false;
    }
    if (!nameOk || AppPaths.homeAllowed(a.home, a.name)) {
      return nameOk;
    }
    String n = a.name;
    problems.problem(path, a.home, "is not a directory of the application's own (below /srv, /opt or /home, named "
        + "for it, of plain components): the user-data, run as root, gives all of it to the application's user",
        "give a directory below /srv, /opt or /home named for the application, such as \""
            + AppPaths.suggest(a.home, "/srv/" + n, "/opt/" + n) + "\"");
    return false;
  }

  private boolean staticRoot(String path, ApplicationDsl a, String home, boolean homeKnown) {
    if (a.staticRoot == null) {
      return true;
    }
    if (!Texts.text(problems, path, a.staticRoot, "/srv/demo/static")) {
      return false;
    }
    if (!homeKnown || AppPaths.staticRootAllowed(a.staticRoot, home, a.name)) {
      return homeKnown;
    }
    problems.problem(path, a.staticRoot, "is neither the home's static directory nor a directory of the "
        + "application's own apart from the home: the static servers serve all of it to the world",
        "use the home's static directory, such as \"" + home + "/static\", or one of the application's own such as \""
            + AppPaths.suggest(a.staticRoot, "/var/www/" + a.name, "/srv/" + a.name + "-static") + "\"");
    return false;
  }
}
