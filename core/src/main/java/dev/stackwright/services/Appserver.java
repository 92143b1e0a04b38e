package dev.stackwright.services;

import dev.stackwright.model.Service;

/** gunicorn running the Django application. */
final class Appserver {
  static final Service SERVICE = Service.builder("appserver")
      .title("application server")
      .addRequires("broker", "database")
      .port(Ports.APP)
      .openTo("webserver", "app", "the load balancer proxies to gunicorn")
      .openTo("controller", "app", "the controller proxies /admin/ to gunicorn")
      .runsApplication(true)
      .localRun(GunicornRun::processes)
      .build();

  private Appserver() {}
}
