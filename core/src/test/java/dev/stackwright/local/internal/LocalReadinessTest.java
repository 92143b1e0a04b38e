package dev.stackwright.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.local.LocalEndpoint;
import dev.stackwright.local.LocalMapping;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.Role;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import dev.stackwright.services.BuiltInServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a local process counts as ready comes from its service's health checks and ports, nowhere else. */
class LocalReadinessTest {
  private static final Service CACHE = Service.builder("cache").port(ServicePort.tcp("redis", 6379))
      .openTo("controller", "redis", "the admin pages read the cache")
      .health(HealthCheck.logLine("cache", "Ready to accept connections"))
      .localCommand("redis-server --port {port:redis} --bind {address}").build();
  /** Celery, run as the worker is, but ready on a line of its own. */
  private static final Service TASKS = Service.builder("tasks").addRequires("broker")
      .health(HealthCheck.logLine("celery", "tasks are served"))
      .localRun(BuiltInServices.WORKER.localRun().orElseThrow()).build();
  /** RabbitMQ, run as the broker is, on ports of its own. */
  private static final Service QUEUE = Service.builder("queue").port(ServicePort.tcp("amqp", 5673))
      .port(ServicePort.tcp("rabbitmq_management", 15673)).health(HealthCheck.tcp("amqp"))
      .localRun(BuiltInServices.BROKER.localRun().orElseThrow()).build();

  @TempDir
  Path dir;

  private Cluster cluster() {
    ClusterDsl c = Stackwright.cluster("ready").network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").defaultImage("debian-12");
    c.flavor("small").vcpus(1).ramGb(1);
    c.role("controller").address("10.0.0.21").flavor("small");
    c.role("broker").subnet("10.0.30").flavor("small");
    c.role("cache").kind(CACHE).subnet("10.0.41").flavor("small");
    c.role("tasks").kind(TASKS).subnet("10.0.42").flavor("small");
    c.role("queue").kind(Service.builder(QUEUE.name()).build()).subnet("10.0.43").flavor("small");
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo")
        .source("https://git.example.org/stackwright/demo.git").version("v1.0");
    Cluster valid = c.build();
    // QUEUE names its ports as BrokerRun reads them, the broker's names, which validation refuses a user's service
    // (the templates' ports map would give it the broker's numbers): it joins the model past the DSL
    return Cluster.builder().from(valid).services(List.of(CACHE, TASKS, QUEUE)).roles(valid.roles().stream()
        .map(r -> r.name().equals("queue") ? Role.builder().from(r).kind(QUEUE).build() : r).toList()).build();
  }

  private List<ServiceSpec> plan() throws IOException {
    Cluster cluster = cluster();
    LocalMapping mapping = LocalMapping.builder(cluster, dir).privilegedPorts(true).build();
    Path rabbit = Files.createFile(dir.resolve("rabbitmq-server"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    List<NodeFile> files = List.of(
        file(mapping, "controller-1", "/etc/nginx/nginx.conf",
            "events {}\nhttp { server { listen 127.0.0.21:80; } }\n"),
        file(mapping, "tasks-1", "/etc/conf.d/celery",
            "CELERYD_NODES=\"w1\"\nCELERYD_LOG_FILE=\"/var/log/celery/%n.log\"\n"),
        file(mapping, "queue-1", "/etc/rabbitmq/rabbitmq.conf", "listeners.tcp.default = 127.0.43.1\n"
            + "management.tcp.ip = 127.0.43.1\n"),
        file(mapping, "queue-1", "/etc/rabbitmq/enabled_plugins", "[rabbitmq_management].\n"));
    LocalOptions options = new LocalOptions(Path.of("/usr/bin/python3"), Map.of("rabbitmq-server", rabbit),
        Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO);
    return new LocalPlanner(cluster, mapping, files, options).plan();
  }

  private static NodeFile file(LocalMapping mapping, String node, String path, String content) {
    return new NodeFile(node, path, mapping.path(node, path), 0644, "root:root", content);
  }

  private static ServiceSpec spec(List<ServiceSpec> specs, String name) {
    return specs.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
        "no process " + name + " in " + specs.stream().map(ServiceSpec::name).toList()));
  }

  @Test
  void aLocalCommandWithALogLineCheckIsReadyWhenItsOutputShowsTheLine() throws IOException {
    // when
    ServiceSpec cache = spec(plan(), "cache@cache-1");

    // then
    assertThat(cache.readyLog()).contains(ProcessLogs.of(dir, "cache@cache-1"));
    assertThat(cache.readyMarker()).isEqualTo("Ready to accept connections");
  }

  @Test
  void aCeleryWorkerIsReadyOnTheLineItsServicesHealthCheckNames() throws IOException {
    // when
    ServiceSpec worker = spec(plan(), "celery@tasks-1");

    // then
    assertThat(worker.readyLog()).isPresent();
    assertThat(worker.readyMarker()).isEqualTo("tasks are served");
  }

  @Test
  void aBrokerListensOnItsServicesPortsWhereItsConfigGivesNone() throws IOException {
    // when
    ServiceSpec rabbit = spec(plan(), "rabbitmq@queue-1");

    // then
    assertThat(rabbit.endpoints()).extracting(LocalEndpoint::port).containsExactly(5673, 15673);
  }
}
