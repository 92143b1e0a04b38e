package dev.stackwright.services;

import dev.stackwright.model.Service;

/** Celery workers running the application's tasks; they only call out. */
final class Worker {
  static final Service SERVICE = Service.builder("worker")
      .title("worker node")
      .addRequires("broker")
      .runsApplication(true)
      .localRun(CeleryRun::processes)
      .build();

  private Worker() {}
}
