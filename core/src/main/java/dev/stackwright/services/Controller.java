package dev.stackwright.services;

import dev.stackwright.local.LocalProcess;
import dev.stackwright.model.ServiceAccess;
import dev.stackwright.model.Service;
import java.util.List;

/** The controller: the nodes' DHCP, the admin pages (Django's admin, RabbitMQ's, Flower), the SSH jump host. */
final class Controller {
  static final Service SERVICE = Service.builder("controller")
      .title("controller")
      .singleInstance(true)
      .required(true)
      .jumpHost(true)
      .publicEntry(true)
      .port(Ports.HTTP).port(Ports.HTTPS).port(Ports.SSH).port(Ports.DHCP).port(Ports.FLOWER)
      .addAccess(ServiceAccess.fromAdminNetwork("http", "admin pages for the admin network"))
      .addAccess(ServiceAccess.fromAdminNetwork("https", "admin pages for the admin network"))
      .addAccess(ServiceAccess.fromAdminNetwork("ssh", "SSH for the admin network"))
      .addAccess(ServiceAccess.fromAnyone("dhcp", "DHCP: a client asks before it has an address"))
      .localRun(new NginxRun(node -> List.of(LocalProcess.skipped("flower", node, "Flower is not packaged for Debian"
          + " 12 (it is on PyPI only), so the controller's /flower/ has nothing behind it locally"))))
      .build();

  private Controller() {}
}
