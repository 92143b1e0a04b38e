package dev.stackwright.services;

import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServiceAccess;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.stackwright.local.LocalNode;
import dev.stackwright.local.LocalProcess;
import java.util.List;

/** The nginx load balancer in front of the app servers and static file servers, and the PHP tutorials. */
final class Webserver {
  static final String PHP_VERSION = "8.2";
  private static final String FPM = "php" + PHP_VERSION + "-fpm";

  static final Service SERVICE = Service.builder("webserver")
      .title("webserver (load balancer)")
      .publicEntry(true)
      .addRequires("appserver")
      .port(Ports.HTTP).port(Ports.HTTPS)
      .addAccess(ServiceAccess.fromAnyone("http", "the load balancer serves everyone"))
      .addAccess(ServiceAccess.fromAnyone("https", "the load balancer serves everyone")
          .onlyIf(Nginx::servesHttps))
      .addParts(Nginx.PART, Nginx.TLS_PART)
      .packages("php-fpm")
      .file("nginx/webserver.conf.jinja", Nginx.SITE, "root:root", 0644, OnChange.reload("nginx"))
      .file("php-fpm/tutorials.conf.jinja", "/etc/php/" + PHP_VERSION + "/fpm/pool.d/tutorials{suffix}.conf",
          "root:root", 0644, OnChange.reload(FPM))
      .file("php-fpm/index.php.jinja", "/var/www/tutorials/index.php", "root:root", 0644, OnChange.NOTHING)
      .bootStep(FPM, "systemctl enable " + FPM + " && systemctl restart " + FPM)
      .addTemplateValues(scope -> Map.of(
          "php", Map.of("version", PHP_VERSION, "socket_prefix", "/run/php/" + FPM + "-tutorials",
              "pool_dir", "/etc/php/" + PHP_VERSION + "/fpm/pool.d", "service", FPM),
          "paths", paths()))
      .health(HealthCheck.tcp("http"))
      .localRun(new NginxRun(Webserver::phpNotRun))
      .build();

  private static Map<String, Object> paths() {
    Map<String, Object> paths = new LinkedHashMap<>(Nginx.paths());
    paths.put("tutorials_root", "/var/www/tutorials");
    return paths;
  }

  /** php-fpm, behind the PHP tutorials' pages, does not run locally. */
  private static List<LocalProcess> phpNotRun(LocalNode node) {
    if (node.files().stream().noneMatch(f -> f.nodePath().startsWith("/etc/php/"))) {
      return List.of();
    }
    return List.of(LocalProcess.skipped("php-fpm", node, "php-fpm is not run locally (the local run covers nginx,"
        + " gunicorn, RabbitMQ, Celery and the database); PHP pages behind it answer 502"));
  }

  private Webserver() {}
}
