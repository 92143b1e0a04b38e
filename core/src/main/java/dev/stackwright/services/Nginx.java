package dev.stackwright.services;

import dev.stackwright.model.BootStep;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.ServiceFile;
import dev.stackwright.model.ServicePart;

/** nginx, which the controller, the load balancer and the static file servers share on a node: one site each. */
final class Nginx {
  /** A service's site; nginx.conf includes every stackwright-*.conf. */
  static final String SITE = "/etc/nginx/sites-enabled/stackwright-{service}{suffix}.conf";

  static final ServicePart PART = ServicePart.builder("nginx")
      .addPackages("nginx")
      .addFiles(new ServiceFile("nginx/nginx.conf.jinja", "/etc/nginx/nginx.conf", "root:root", 0644, false,
          OnChange.reload("nginx")))
      // after every site is written
      .addLastSteps(BootStep.of("nginx", "systemctl enable nginx && systemctl restart nginx"))
      .build();

  private Nginx() {}

  /** True when the load balancer and the controller serve HTTPS: only then is their port 443 open. */
  static boolean servesHttps(Cluster cluster) {
    return cluster.tls().isPresent();
  }
}
