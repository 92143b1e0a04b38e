package dev.stackwright.render;

import static dev.stackwright.render.internal.Shell.quote;

import dev.stackwright.StackwrightException;
import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.ServicePort;

/**
 * A service's health checks as commands its node runs with bash alone (no curl on every node): a TCP connect through
 * bash's {@code /dev/tcp}, an HTTP/1.0 GET whose status is below 500, or a line in the journal of the unit's current
 * run. Each exits 0 when the service works; who runs it retries it for a while, since a service just restarted takes
 * a moment.
 */
final class HealthCommands {
  private static final java.util.regex.Pattern NOT_IN_NAME = java.util.regex.Pattern.compile("[^a-z0-9.-]");

  private HealthCommands() {}

  static Step of(RoleInstance r, HealthCheck check) {
    String address = r.address().toString();
    String name = NOT_IN_NAME.matcher(("health-" + r.name() + "-" + check.kind().name())
        .toLowerCase(java.util.Locale.ROOT)).replaceAll("-");
    return switch (check.kind()) {
      case TCP -> Step.of(name, "timeout 3 bash -c " + quote("exec 3<>/dev/tcp/" + address + "/" + port(r, check)));
      case HTTP -> Step.of(name, "timeout 5 bash -c " + quote("exec 3<>/dev/tcp/" + address + "/" + port(r, check)
          + " && printf 'GET %s HTTP/1.0\\r\\nHost: %s\\r\\n\\r\\n' " + quote(check.target().orElseThrow()) + " "
          + address + " >&3 && read -r _ code _ <&3 && case \"$code\" in [1-4][0-9][0-9]*) ;; *) exit 1;; esac"));
      // only the unit's current run: a line from before a restart says nothing of the new code
      case LOG_LINE -> {
        String unit = quote(check.unit().orElseThrow().replace("{suffix}", r.suffix()));
        yield Step.of(name, "journalctl --no-pager -q _SYSTEMD_INVOCATION_ID=\"$(systemctl show -p InvocationID"
            + " --value " + unit + ")\" | grep -qF -- " + quote(check.target().orElseThrow()));
      }
    };
  }

  private static int port(RoleInstance r, HealthCheck check) {
    String named = check.port().orElseThrow();
    return r.kind().port(named).map(ServicePort::number).orElseThrow(() -> new StackwrightException("service["
        + r.kind().name() + "] checks its health on port \"" + named + "\", which it does not declare"));
  }
}
