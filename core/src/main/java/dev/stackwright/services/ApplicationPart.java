package dev.stackwright.services;

import static dev.stackwright.render.internal.Shell.quote;

import dev.stackwright.model.Application;
import dev.stackwright.model.BootStep;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.ServicePart;
import dev.stackwright.model.ServiceScope;
import java.util.Map;

/**
 * The application's code on a node that runs it (app servers, workers, static file servers): its user, its
 * environment file, the packages it imports, and the steps that clone or link it and hand it to its user.
 */
final class ApplicationPart {
  static final ServicePart PART = ServicePart.builder("application")
      .addNodeHooks(ApplicationPart::additions)
      .build();

  private ApplicationPart() {}

  /** The environment file systemd and the boot steps read the application's settings from. */
  static String envFile(Application app) {
    return "/etc/stackwright/" + app.name() + ".env";
  }

  /** {@code paths.app_env} and {@code users.app}, which the units of the services that run the application name. */
  static Map<String, Object> values(ServiceScope scope) {
    return Map.of("paths", Map.of("app_env", envFile(scope.application())), "users",
        Map.of("app", scope.application().name()));
  }

  /** {@code command} in the application's directory, with its environment. */
  static String withEnv(Application app, String command) {
    return "cd " + quote(app.home()) + " && set -a && . " + quote(envFile(app)) + " && set +a && " + command;
  }

  private static ServicePart additions(ServiceScope scope) {
    Application app = scope.application();
    String home = app.home();
    ServicePart.Builder part = ServicePart.builder("application")
        .putUsers(app.name(), home)
        .addFiles(new dev.stackwright.model.ServiceFile("django/app.env.jinja", envFile(app), "root:root", 0600, true,
            OnChange.REDEPLOY))
        .addPackages("python3-django", "python3-celery");
    if (isGit(app.source())) {
      part.addPackages("git");
      part.addFirstSteps(BootStep.of("app-clone", "[ -d " + quote(home + "/.git") + " ] || git clone --quiet "
          + "--depth 1 --branch " + quote(app.version()) + " " + quote(app.source()) + " " + quote(home)));
    } else if (!app.source().equals(home)) {
      part.addFirstSteps(BootStep.of("app-link", "[ -e " + quote(home) + " ] || ln -s " + quote(app.source()) + " "
          + quote(home)));
    }
    return part.addFirstSteps(BootStep.of("app-owner", "chown -R " + quote(app.name() + ":" + app.name()) + " "
        + quote(home + "/"))).build();
  }

  /** Validation allows a URL git clones or an absolute path; a path ending in .git is a repository to clone too. */
  static boolean isGit(String source) {
    return !source.startsWith("/") || source.endsWith(".git");
  }
}
