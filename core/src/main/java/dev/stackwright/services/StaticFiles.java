package dev.stackwright.services;

import dev.stackwright.model.BootStep;
import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePart;

/** nginx serving the application's collected static files. */
final class StaticFiles {
  static final Service SERVICE = ApplicationPart.runBy(Service.builder("static"))
      .title("static file server")
      // collectstatic after the app servers' migrate, when both are on one node
      .addAfter("appserver")
      .port(Ports.HTTP)
      .openTo("webserver", "http", "the load balancer proxies /static/")
      .addParts(Nginx.PART)
      .file("nginx/static.conf.jinja", Nginx.SITE, "root:root", 0644, OnChange.reload("nginx"))
      .addNodeHooks(scope -> {
        BootStep collect = BootStep.of("app-collectstatic", ApplicationPart.withEnv(scope.application(),
            "/usr/bin/python3 manage.py collectstatic --noinput"));
        return ServicePart.builder("collectstatic").addFirstSteps(collect).addRedeploySteps(collect).build();
      })
      .health(HealthCheck.tcp("http"))
      .localRun(new NginxRun(CollectStatic::setup))
      .build();

  private StaticFiles() {}
}
