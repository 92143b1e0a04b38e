package dev.stackwright.services;

import static dev.stackwright.render.internal.Shell.quote;

import dev.stackwright.model.BootStep;
import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePart;
import java.util.Map;

/** gunicorn running the Django application. */
final class Appserver {
  static final Service SERVICE = ApplicationPart.runBy(Service.builder("appserver"))
      .title("application server")
      .addRequires("broker", "database")
      .port(Ports.APP)
      .openTo("webserver", "app", "the load balancer proxies to gunicorn")
      .openTo("controller", "app", "the controller proxies /admin/ to gunicorn")
      .applicationPort("app")
      // gunicorn's rule of thumb, (2 x cores) + 1, unless the role says otherwise
      .addInstanceValues(scope -> Map.of("workers", Processes.of(scope).orElse(2 * Processes.vcpus(scope) + 1)))
      .packages("gunicorn")
      .file("gunicorn/gunicorn.conf.py.jinja", "/etc/gunicorn/gunicorn{suffix}.conf.py", "root:root", 0644,
          OnChange.restart("gunicorn{suffix}"))
      .file("systemd/gunicorn.service.jinja", "/etc/systemd/system/gunicorn{suffix}.service", "root:root", 0644,
          OnChange.restart("gunicorn{suffix}"))
      .addNodeHooks(scope -> {
        BootStep migrate = BootStep.of("app-migrate", ApplicationPart.withEnv(scope.application(), "runuser -u "
            + quote(scope.application().name()) + " -- /usr/bin/python3 manage.py migrate --noinput"));
        return ServicePart.builder("migrate").addFirstSteps(migrate).addRedeploySteps(migrate).leadsRedeploy(true)
            .build();
      })
      .bootStep("gunicorn{suffix}", "systemctl enable --now 'gunicorn{suffix}.service'")
      // an HTTP answer, not an open port: gunicorn's master listens before its workers have imported the code
      .health(HealthCheck.http("app", "/"))
      .localRun(GunicornRun::processes)
      .build();

  private Appserver() {}
}
