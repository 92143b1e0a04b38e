package dev.stackwright.services;

import dev.stackwright.model.Role;
import dev.stackwright.model.ServiceScope;
import java.util.OptionalInt;

/** The processes an instance runs the application in (gunicorn's workers, Celery's concurrency). */
final class Processes {
  private Processes() {}

  /** The count the instance's role sets, if it does. */
  static OptionalInt of(ServiceScope scope) {
    String role = scope.instance().orElseThrow().role();
    return scope.cluster().role(role).map(Role::processes).orElse(OptionalInt.empty());
  }

  /** The cores of the instance's node. */
  static int vcpus(ServiceScope scope) {
    return scope.node().orElseThrow().flavor().vcpus();
  }
}
