package dev.stackwright.services;

import dev.stackwright.local.LocalNode;
import dev.stackwright.local.LocalProcess;
import dev.stackwright.model.ServiceAccess;
import dev.stackwright.model.Service;
import java.util.List;

/** The nginx load balancer in front of the app servers and static file servers, and the PHP tutorials. */
final class Webserver {
  static final Service SERVICE = Service.builder("webserver")
      .title("webserver (load balancer)")
      .publicEntry(true)
      .addRequires("appserver")
      .port(Ports.HTTP).port(Ports.HTTPS)
      .addAccess(ServiceAccess.fromAnyone("http", "the load balancer serves everyone"))
      .addAccess(ServiceAccess.fromAnyone("https", "the load balancer serves everyone"))
      .localRun(new NginxRun(Webserver::phpNotRun))
      .build();

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
