package dev.stackwright.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.local.LocalMapping;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run's plan comes from the descriptors: what each service runs, and in which order. */
class LocalPlannerTest {
  private static final Service CACHE = Service.builder("cache").port(ServicePort.tcp("redis", 6379))
      .openTo("controller", "redis", "the admin pages read the cache").health(HealthCheck.tcp("redis"))
      .addUsers("redis").file("redis/redis.conf.jinja", "/etc/redis/redis.conf", "redis:redis", 0640,
          OnChange.restart("redis-server"))
      .localCommand("redis-server {file:/etc/redis/redis.conf} --port {port:redis} --bind {address}").build();
  /** Connects to nothing, but says it starts after the cache. */
  private static final Service AUDIT = Service.builder("audit").port(ServicePort.tcp("audit", 7070))
      .addAfter("cache").health(HealthCheck.tcp("audit"))
      .localCommand("audit-daemon --listen {address}:{port:audit}").build();

  @TempDir
  Path dir;

  private Cluster cluster() {
    ClusterDsl c = Stackwright.cluster("planned").network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").defaultImage("debian-12");
    c.flavor("small").vcpus(1).ramGb(1);
    c.role("controller").address("10.0.0.21").flavor("small");
    c.role("cache").kind(CACHE).subnet("10.0.41").flavor("small");
    c.role("audit").kind(AUDIT).subnet("10.0.42").flavor("small");
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo")
        .source("https://git.example.org/stackwright/demo.git").version("v1.0");
    return c.build();
  }

  private List<ServiceSpec> plan(Cluster cluster) {
    LocalMapping mapping = LocalMapping.builder(cluster, dir).privilegedPorts(true).build();
    List<NodeFile> files = List.of(
        file(mapping, "controller-1", "/etc/nginx/nginx.conf",
            "events {}\nhttp { server { listen 127.0.0.21:80; } }\n"),
        file(mapping, "cache-1", "/etc/redis/redis.conf", "port 6379\n"));
    LocalOptions options = new LocalOptions(Path.of("/usr/bin/python3"), Map.of(), Optional.empty(),
        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO);
    return new LocalPlanner(cluster, mapping, files, options).plan();
  }

  private static NodeFile file(LocalMapping mapping, String node, String path, String content) {
    return new NodeFile(node, path, mapping.path(node, path), 0644, "root:root", content);
  }

  private static ServiceSpec spec(List<ServiceSpec> specs, String name) {
    return specs.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aClientStartsAfterTheServicesItConnectsTo() {
    // when
    List<ServiceSpec> specs = plan(cluster());
    // then: the controller connects to the cache (the cache's access says so)
    assertThat(spec(specs, "cache@cache-1").phase()).isLessThan(spec(specs, "nginx@controller-1").phase());
  }

  @Test
  void aLocalCommandsPlaceholdersAreTheNodesMappedFileAddressAndPort() {
    // when
    ServiceSpec cache = spec(plan(cluster()), "cache@cache-1");
    // then
    assertThat(cache.command()).containsExactly("redis-server",
        dir.resolve("cache-1/etc/redis/redis.conf").toString(), "--port", "6379", "--bind", "127.0.41.1");
    assertThat(cache.endpoints()).extracting(Object::toString).containsExactly("127.0.41.1:6379");
  }

  @Test
  void aServiceStartsAfterTheServicesItsDescriptorNamesInAfter() {
    // when
    List<ServiceSpec> specs = plan(cluster());
    // then
    assertThat(spec(specs, "cache@cache-1").phase()).isLessThan(spec(specs, "audit@audit-1").phase());
  }
}
