package dev.stackwright.services;

import static dev.stackwright.render.internal.Shell.quote;

import dev.stackwright.model.BootStep;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.ServiceFile;
import dev.stackwright.model.ServicePart;
import dev.stackwright.model.ServiceScope;
import java.net.URI;
import java.util.Optional;

/** Celery Flower on the controller, when the cluster has a broker for it to watch. */
final class Flower {
  /** Flower is not packaged in Debian 12; the controller installs this release from PyPI into a venv. */
  static final String VERSION = "1.2.0";
  static final String ENV_FILE = "/etc/stackwright/flower.env";

  private Flower() {}

  static ServicePart additions(ServiceScope scope) {
    if (scope.cluster().instances(Broker.SERVICE).isEmpty()) {
      return ServicePart.none();
    }
    String index = scope.cluster().packageSources().pythonIndex();
    return ServicePart.builder("flower")
        .addPackages("python3-venv")
        .addFiles(new ServiceFile("systemd/flower.service.jinja", "/etc/systemd/system/flower.service", "root:root",
            0644, false, OnChange.restart("flower")))
        .addFiles(new ServiceFile("flower/flower.env.jinja", ENV_FILE, "root:root", 0600, true,
            OnChange.restart("flower")))
        .addLastSteps(new BootStep("flower-install", install(index), Optional.of("Flower could not be installed "
            + "from the Python package index " + index)))
        // started only where it was installed: an unreachable index leaves the controller working without Flower
        .addLastSteps(BootStep.of("flower", "[ ! -x /opt/flower/bin/celery ] || systemctl enable --now "
            + "flower.service"))
        .build();
  }

  /** A venv that is complete or absent: a failed pip leaves no half-made /opt/flower behind. */
  private static String install(String index) {
    String trusted = index.startsWith("http://") ? " --trusted-host " + quote(URI.create(index).getHost()) : "";
    return "[ -x /opt/flower/bin/celery ] || { python3 -m venv /opt/flower && /opt/flower/bin/pip install --quiet "
        + "--timeout 30 --index-url " + quote(index) + trusted + " " + quote("flower==" + VERSION)
        + " || { rc=$?; rm -rf /opt/flower; exit $rc; }; }";
  }
}
