package dev.stackwright.services;

import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Service;
import java.util.Map;

/** Celery workers running the application's tasks; they only call out. */
final class Worker {
  static final Service SERVICE = ApplicationPart.runBy(Service.builder("worker"))
      .title("worker node")
      .addRequires("broker")
      // one Celery process per core, unless the role says otherwise
      .addInstanceValues(scope -> Map.of("concurrency", Processes.of(scope).orElse(Processes.vcpus(scope))))
      .packages("celery")
      .file("celery/celery.conf.jinja", "/etc/conf.d/celery{suffix}", "root:root", 0644,
          OnChange.restart("celery{suffix}"))
      .file("systemd/celery.service.jinja", "/etc/systemd/system/celery{suffix}.service", "root:root", 0644,
          OnChange.restart("celery{suffix}"))
      // read at boot by systemd-tmpfiles; a change makes its directories at the next boot
      .file("celery/tmpfiles.conf.jinja", "/etc/tmpfiles.d/celery{suffix}.conf", "root:root", 0644, OnChange.REBOOT)
      .bootStep("celery{suffix}", "systemd-tmpfiles --create '/etc/tmpfiles.d/celery{suffix}.conf' && "
          + "systemctl enable --now 'celery{suffix}.service'")
      .health(HealthCheck.logLine("celery{suffix}", "ready."))
      .localRun(CeleryRun::processes)
      .build();

  private Worker() {}
}
