package dev.stackwright.services;

import static dev.stackwright.render.internal.Shell.quote;

import dev.stackwright.StackwrightException;
import dev.stackwright.model.Application;
import dev.stackwright.model.BootStep;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePart;
import dev.stackwright.model.ServiceScope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's code on a node that runs it (app servers, workers, static file servers): its user, its
 * environment file, the packages it imports, and the steps that clone or link it and hand it to its user.
 */
final class ApplicationPart {
  static final ServicePart PART = ServicePart.builder("application")
      .addNodeHooks(ApplicationPart::additions)
      .build();

  /** The application's environment file's template, under the built-ins' templates. */
  static final String ENV_TEMPLATE = "django/app.env.jinja";
  private static final Pattern ENV_LINE = Pattern.compile("^([A-Z][A-Z0-9_]*)=", Pattern.MULTILINE);

  private ApplicationPart() {}

  /**
   * What a service whose nodes run the application's code takes on: the flag, the application's secret key, this part
   * and its template values, so no such service can have one without the others.
   */
  static Service.Builder runBy(Service.Builder service) {
    return service.runsApplication(true)
        .addSecrets("django_secret_key")
        .addParts(PART)
        .addTemplateValues(ApplicationPart::values);
  }

  /** The names the environment file's template sets itself, read from it so the list cannot fall behind. */
  static Set<String> environmentNames() {
    String resource = "/dev/stackwright/templates/" + ENV_TEMPLATE;
    try (InputStream in = ApplicationPart.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new StackwrightException(resource + " is not on the class path; fix: use stackwright's jar whole");
      }
      Matcher m = ENV_LINE.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      Set<String> names = new LinkedHashSet<>();
      while (m.find()) {
        names.add(m.group(1));
      }
      return Collections.unmodifiableSet(names);
    } catch (IOException e) {
      throw new StackwrightException("cannot read " + resource + " (" + e.getMessage() + "); fix: use stackwright's "
          + "jar whole", e);
    }
  }

  /** The environment file systemd and the boot steps read the application's settings from. */
  static String envFile(Application app) {
    return "/etc/stackwright/" + app.name() + ".env";
  }

  /**
   * {@code paths.app_env} and {@code users.app}, which the units of the services that run the application name, and
   * the hosts it trusts and answers to ({@code forwarded_allow_ips}, {@code allowed_hosts}), and with TLS the HTTPS
   * origins its forms come from ({@code https_origins}; empty without TLS).
   */
  static Map<String, Object> values(ServiceScope scope) {
    return Map.of("paths", Map.of("app_env", envFile(scope.application())), "users",
        Map.of("app", scope.application().name()), "forwarded_allow_ips", ApplicationHosts.proxyAddresses(scope),
        "allowed_hosts", ApplicationHosts.allowedHosts(scope), "https_origins", ApplicationHosts.httpsOrigins(scope));
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
        .addFiles(new dev.stackwright.model.ServiceFile(ENV_TEMPLATE, envFile(app), "root:root", 0600, true,
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
    BootStep owner = BootStep.of("app-owner", "chown -R " + quote(app.name() + ":" + app.name()) + " "
        + quote(home + "/"));
    return part.addFirstSteps(owner).addAllRedeploySteps(redeploy(app)).addAllRedeployUndoSteps(undo(app)).build();
  }

  /**
   * A new version's fetch: the clone fetches the version's commit and checks it out, run as the application's user,
   * who owns the clone (as root, git would run hooks and config the application could have written), after noting
   * the commit it had, for an undo. Linked code is the version already.
   */
  private static List<BootStep> redeploy(Application app) {
    if (!isGit(app.source())) {
      return List.of();
    }
    return List.of(BootStep.of("app-fetch", asApp(app, "rev-parse HEAD") + " > " + quote(previous(app)) + " && "
        + asApp(app, "fetch --quiet --depth 1 origin " + quote(app.version())) + " && "
        + asApp(app, "checkout --quiet --force FETCH_HEAD")));
  }

  /** The commit the clone had before a redeploy, checked out again. */
  private static List<BootStep> undo(Application app) {
    if (!isGit(app.source())) {
      return List.of();
    }
    return List.of(BootStep.of("app-restore", "[ -s " + quote(previous(app)) + " ] && " + asApp(app,
        "checkout --quiet --force \"$(cat " + quote(previous(app)) + ")\"")));
  }

  private static String asApp(Application app, String git) {
    return "runuser -u " + quote(app.name()) + " -- env HOME=" + quote(app.home()) + " git -C " + quote(app.home())
        + " " + git;
  }

  private static String previous(Application app) {
    return "/var/lib/stackwright/" + app.name() + ".previous-commit";
  }

  /** Validation allows a URL git clones or an absolute path; a path ending in .git is a repository to clone too. */
  static boolean isGit(String source) {
    return !source.startsWith("/") || source.endsWith(".git");
  }
}
