package dev.stackwright.services;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.model.Node;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServiceAccess;
import dev.stackwright.model.ServiceScope;
import dev.stackwright.render.internal.Digests;
import dev.stackwright.local.LocalProcess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The controller: the nodes' DHCP, the admin pages (Django's admin, RabbitMQ's, Flower), the SSH jump host. */
final class Controller {
  static final String HTPASSWD = "/etc/nginx/stackwright-admin.htpasswd";

  static final Service SERVICE = Service.builder("controller")
      .title("controller")
      .singleInstance(true)
      .required(true)
      .jumpHost(true)
      .publicEntry(true)
      .port(Ports.HTTP).port(Ports.HTTPS).port(Ports.SSH).port(Ports.DHCP).port(Ports.FLOWER)
      .addAccess(ServiceAccess.fromAdminNetwork("http", "admin pages for the admin network"))
      .addAccess(ServiceAccess.fromAdminNetwork("https", "admin pages for the admin network")
          .onlyIf(Nginx::servesHttps))
      .addAccess(ServiceAccess.fromAdminNetwork("ssh", "SSH for the admin network"))
      .addAccess(ServiceAccess.fromAnyone("dhcp", "DHCP: a client asks before it has an address"))
      .addSecrets("admin_password")
      // nginx's user (Debian's base system has it), who reads the password file
      .addUsers("www-data")
      .addParts(Nginx.PART, Nginx.TLS_PART)
      .packages("dnsmasq")
      .file("nginx/controller.conf.jinja", Nginx.SITE, "root:root", 0644, OnChange.reload("nginx"))
      // nginx reads the password file at each request
      .secretFile("nginx/htpasswd.jinja", HTPASSWD, "www-data:www-data", OnChange.NOTHING)
      .file("nginx/status-index.html.jinja", "/var/www/stackwright/index.html", "root:root", 0644, OnChange.NOTHING)
      .file("dnsmasq/stackwright.conf.jinja", "/etc/dnsmasq.d/stackwright.conf", "root:root", 0644,
          OnChange.restart("dnsmasq"))
      .bootStep("dnsmasq", "systemctl enable dnsmasq && systemctl restart dnsmasq")
      .addNodeHooks(Flower::additions)
      .addTemplateValues(Controller::values)
      .health(HealthCheck.http("http", "/"))
      .localRun(new NginxRun(node -> List.of(LocalProcess.skipped("flower", node, "Flower is not packaged for Debian"
          + " 12 (it is on PyPI only), so the controller's /flower/ has nothing behind it locally"))))
      .build();

  private Controller() {}

  private static Map<String, Object> values(ServiceScope scope) {
    Map<String, Object> v = new LinkedHashMap<>();
    scope.secret("admin_password").ifPresent(admin -> v.put("derived", Map.of("htpasswd",
        scope.secretValue(Digests.htpasswdLine(BuiltInServices.ADMIN_USER, admin)))));
    v.put("users", Map.of("admin", BuiltInServices.ADMIN_USER));
    Map<String, Object> paths = new LinkedHashMap<>(Nginx.paths());
    paths.putAll(Map.of("flower_env", Flower.ENV_FILE, "htpasswd", HTPASSWD, "status_root", "/var/www/stackwright"));
    v.put("paths", paths);
    v.put("dhcp", dhcp(scope));
    return v;
  }

  /** dnsmasq's pool, and a fixed lease for each node whose MAC the cloud told; the others' are pending. */
  private static Map<String, Object> dhcp(ServiceScope scope) {
    Cluster cluster = scope.cluster();
    Map<String, Object> d = new LinkedHashMap<>();
    Ipv4Network pool = cluster.dhcpPool();
    d.put("first", pool.host(1).toString());
    d.put("last", pool.broadcast().plus(-1).toString());
    d.put("netmask", cluster.network().netmask().toString());
    d.put("router", cluster.gateway().map(Object::toString).orElse(""));
    List<Map<String, Object>> leases = new ArrayList<>();
    List<Map<String, Object>> pending = new ArrayList<>();
    for (Node n : cluster.nodes()) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("node", n.name());
      l.put("hostname", n.hostname());
      l.put("address", n.primaryAddress().toString());
      scope.mac(n.name()).ifPresentOrElse(mac -> {
        l.put("mac", mac);
        leases.add(l);
      }, () -> pending.add(l));
    }
    d.put("leases", leases);
    d.put("pending", pending);
    return d;
  }
}
