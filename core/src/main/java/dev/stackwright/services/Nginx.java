package dev.stackwright.services;

import dev.stackwright.model.BootStep;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.ServiceFile;
import dev.stackwright.model.ServicePart;
import dev.stackwright.model.ServiceScope;
import java.util.Map;

/** nginx, which the controller, the load balancer and the static file servers share on a node: one site each. */
final class Nginx {
  /** A service's site; nginx.conf includes every stackwright-*.conf. */
  static final String SITE = "/etc/nginx/sites-enabled/stackwright-{service}{suffix}.conf";
  /** Mozilla's "intermediate" TLS settings, which every HTTPS site of the node includes. */
  static final String TLS_SETTINGS = "/etc/nginx/snippets/stackwright-tls.conf";
  /** RFC 7919's ffdhe2048 group, for the DHE suites of the profile. */
  static final String DHPARAM = "/etc/nginx/ffdhe2048.pem";
  /** Where the load balancer answers ACME's HTTP-01 challenges from (certbot's {@code --webroot -w} directory). */
  static final String ACME_ROOT = "/var/www/acme-challenge";

  static final ServicePart PART = ServicePart.builder("nginx")
      .addPackages("nginx")
      .addFiles(new ServiceFile("nginx/nginx.conf.jinja", "/etc/nginx/nginx.conf", "root:root", 0644, false,
          OnChange.reload("nginx")))
      // after every site is written
      .addLastSteps(BootStep.of("nginx", "systemctl enable nginx && systemctl restart nginx"))
      .build();

  /** What the HTTPS sites of a node share, when the cluster has TLS: the load balancer's and the controller's. */
  static final ServicePart TLS_PART = ServicePart.builder("nginx-tls").addNodeHooks(Nginx::tls).build();

  private Nginx() {}

  /** True when the load balancer and the controller serve HTTPS: only then is their port 443 open. */
  static boolean servesHttps(Cluster cluster) {
    return cluster.tls().isPresent();
  }

  /** The paths the sites name, for every template. */
  static Map<String, Object> paths() {
    return Map.of("nginx_tls", TLS_SETTINGS, "nginx_dhparam", DHPARAM, "acme_root", ACME_ROOT);
  }

  private static ServicePart tls(ServiceScope scope) {
    if (!servesHttps(scope.cluster())) {
      return ServicePart.none();
    }
    ServicePart.Builder part = ServicePart.builder("nginx-tls")
        .addFiles(new ServiceFile("nginx/tls.conf.jinja", TLS_SETTINGS, "root:root", 0644, false,
            OnChange.reload("nginx")))
        .addFiles(new ServiceFile("nginx/ffdhe2048.pem.jinja", DHPARAM, "root:root", 0644, false,
            OnChange.reload("nginx")));
    boolean balancer = scope.node().orElseThrow().roles().stream().anyMatch(r -> r.kind() == Webserver.SERVICE);
    if (balancer) {
      part.addFirstSteps(BootStep.of("acme-challenge", "mkdir -p " + ACME_ROOT + "/.well-known/acme-challenge"));
    }
    return part.build();
  }
}
