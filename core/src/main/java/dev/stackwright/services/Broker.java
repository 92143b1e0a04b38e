package dev.stackwright.services;

import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import dev.stackwright.model.ServiceScope;
import dev.stackwright.render.internal.Digests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RabbitMQ: the Celery tasks' queues. */
final class Broker {
  static final Service SERVICE = Service.builder("broker")
      .title("broker")
      .holdsData(true)
      .port(Ports.AMQP).port(Ports.RABBITMQ_MANAGEMENT)
      .openTo("appserver", "amqp", "the app enqueues tasks")
      .openTo("worker", "amqp", "workers consume tasks")
      .openTo("controller", "amqp", "Flower watches the broker")
      .openTo("controller", "rabbitmq_management", "the controller proxies /rabbitmq/")
      .addSecrets("admin_password", "rabbitmq_password")
      .addUsers("rabbitmq")
      .packages("rabbitmq-server")
      .file("rabbitmq/rabbitmq.conf.jinja", "/etc/rabbitmq/rabbitmq.conf", "root:root", 0644,
          OnChange.restart("rabbitmq-server"))
      .file("rabbitmq/enabled_plugins.jinja", "/etc/rabbitmq/enabled_plugins", "root:root", 0644,
          OnChange.restart("rabbitmq-server"))
      // imported at every start (definitions.import_backend)
      .secretFile("rabbitmq/definitions.json.jinja", "/etc/rabbitmq/definitions.json", "rabbitmq:rabbitmq",
          OnChange.restart("rabbitmq-server"))
      .bootStep("rabbitmq-server", "systemctl enable rabbitmq-server && systemctl restart rabbitmq-server")
      // Debian's package starts the broker at install, before the files are written, so its first boot made the
      // default guest user; the definitions imported since add users but never remove one.
      .bootStep("rabbitmq-no-guest", "rabbitmqctl --quiet await_startup && if rabbitmqctl --silent list_users "
          + "| cut -f1 | grep -qx guest; then rabbitmqctl --quiet delete_user guest; fi")
      .addTemplateValues(Broker::values)
      .health(HealthCheck.tcp("amqp"))
      .health(HealthCheck.http("rabbitmq_management", "/rabbitmq/"))
      .localRun(BrokerRun::processes)
      .build();

  /** epmd and RabbitMQ's inter-node port (AMQP's + 20000): held on the node, open to no one. */
  static final List<ServicePort> HELD = Ports.erlang("rabbitmq", 25672, 25672);

  private Broker() {}

  /** The broker URLs (one per broker, for failover), the management API's, the password hashes of the definitions. */
  private static Map<String, Object> values(ServiceScope scope) {
    String app = scope.application().name();
    String admin = BuiltInServices.ADMIN_USER;
    List<RoleInstance> brokers = scope.cluster().instances(SERVICE);
    Map<String, Object> derived = new LinkedHashMap<>();
    scope.secret("admin_password").ifPresent(p -> derived.put("rabbitmq_admin_hash",
        scope.secretValue(Digests.rabbitPasswordHash(admin, p))));
    scope.secret("rabbitmq_password").ifPresent(p -> derived.put("rabbitmq_app_hash",
        scope.secretValue(Digests.rabbitPasswordHash(app, p))));
    List<String> urls = new ArrayList<>();
    String password = scope.secret("rabbitmq_password").orElse("");
    for (RoleInstance b : brokers) {
      urls.add(scope.secretValue("amqp://" + app + ":" + password + "@" + b.address() + ":" + Ports.AMQP.number()
          + "/" + app));
    }
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("brokers", urls);
    u.put("broker_api", brokers.isEmpty() ? "" : scope.secretValue("http://" + admin + ":"
        + scope.secret("admin_password").orElse("") + "@" + brokers.get(0).address() + ":"
        + Ports.RABBITMQ_MANAGEMENT.number() + "/rabbitmq/api/"));
    return Map.of("derived", derived, "urls", u, "users", Map.of("rabbitmq", app, "admin", admin));
  }
}
