package dev.stackwright.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.local.internal.Processes;
import dev.stackwright.InvalidClusterException;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import dev.stackwright.render.RenderedFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A service of the user's own runs locally from its descriptor alone: a Redis cache whose local run is a command
 * line, started on its loopback address, ready by its health check, stopped by destroy. Only 127.0.0.0/8 is
 * contacted.
 */
class LocalUserServiceTest {
  private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");
  private static final String CONF = "/etc/redis/redis.conf";

  /** Under target/, not the JUnit temporary directory: nginx's workers (www-data) must reach the run directory. */
  private static Path runDir(String test) throws IOException {
    Path dir = Path.of("target/local-run/user-service-" + test).toAbsolutePath();
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return dir;
  }

  /** The cache the docs show (docs/local-run.md). */
  private static Service cache() {
    // tag::local-command[]
    Service cache = Service.builder("cache").title("Redis cache").packages("redis-server")
        .port(ServicePort.tcp("redis", 6379)).openTo("controller", "redis", "the admin pages read the cache")
        .health(HealthCheck.tcp("redis"))
        .addUsers("redis")
        .file("redis/redis.conf.jinja", "/etc/redis/redis.conf", "redis:redis", 0640, OnChange.restart("redis-server"))
        .localCommand("redis-server {file:/etc/redis/redis.conf} --dir {dir:/var/lib/redis}")
        .build();
    // end::local-command[]
    return cache;
  }

  private static Service redis(String commandLine) {
    return Service.builder("cache").title("Redis cache").packages("redis-server")
        .port(ServicePort.tcp("redis", 6379)).openTo("controller", "redis", "the admin pages read the cache")
        .health(HealthCheck.tcp("redis")).localCommand(commandLine).build();
  }

  private static Cluster cluster(Service cache) {
    return cluster(Optional.of(cache));
  }


  private static Cluster cluster(Optional<Service> cache) {
    ClusterDsl c = Stackwright.cluster("cached").network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").defaultImage("debian-12");
    c.flavor("small").vcpus(1).ramGb(1);
    c.role("controller").address("10.0.0.21").flavor("small");
    cache.ifPresent(kind -> c.role("cache").kind(kind).subnet("10.0.41").flavor("small"));
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo")
        .source("https://git.example.org/stackwright/demo.git").version("v1.0");
    return c.build();
  }

  /**
   * The controller's rendered files (of the cluster without the cache, which this test does not render) and a
   * redis.conf as the cache's template would render it.
   */
  private static List<LocalRun.RenderedText> files(Cluster cluster) {
    List<LocalRun.RenderedText> texts = new ArrayList<>();
    for (RenderedFile f : LocalTopology.render(cluster(Optional.empty())).allFiles()) {
      texts.add(new LocalRun.RenderedText(f.node(), f.path(), f.mode(), f.owner(), f.content()));
    }
    texts.add(new LocalRun.RenderedText("cache-1", CONF, 0640, "redis:redis", "bind 10.0.41.1\nport 6379\n"
        + "daemonize no\nprotected-mode no\nsave \"\"\nappendonly no\nlogfile /var/log/redis/redis-server.log\n"));
    return texts;
  }

  @Test
  void aUserServiceRunsFromItsLocalCommandAndStopsWithDestroy() throws Exception {
    // given
    Assumptions.assumeTrue(Files.isExecutable(REDIS_SERVER) || "true".equals(System.getenv("CI")),
        "redis-server is not installed: apt-get install redis-server");
    Cluster cluster = cluster(cache());
    LocalRun run = LocalRun.builder().runDir(runDir("runs")).stopGrace(Duration.ofSeconds(10)).build();
    try {
      // when
      LocalResult applied = run.applyFiles(cluster, files(cluster));
      // then
      LocalService cache = applied.service("cache@cache-1").orElseThrow();
      assertThat(cache.state()).isEqualTo(LocalServiceState.STARTED);
      assertThat(cache.endpoints()).containsExactly("127.0.41.1:6379");
      assertThat(ping("127.0.41.1", 6379)).isEqualTo("+PONG");
      LocalResult destroyed = run.destroy(cluster);
      assertThat(destroyed.service("cache@cache-1").orElseThrow().state()).isEqualTo(LocalServiceState.STOPPED);
      assertThat(Processes.identify(cache.pid().orElseThrow())).isEmpty();
    } finally {
      run.destroy(cluster);
    }
  }

  @Test
  void aLocalCommandNamingAPortTheServiceLacksStartsNothing() throws IOException {
    // given
    LocalRun run = LocalRun.builder().runDir(runDir("refused")).build();
    // when, then: validation refuses it (issue 15), before a local run could start anything
    assertThatThrownBy(() -> cluster(redis("redis-server --port {port:cache}")))
        .isInstanceOf(InvalidClusterException.class)
        .hasMessageContaining("service[cache].localRun")
        .hasMessageContaining("\"{port:cache}\" names no port of service cache; fix: name one of [redis]");
    assertThat(run.status(cluster(cache())).services()).isEmpty();
  }

  @Test
  void aServiceWithoutALocalRunIsSkippedWithTheReason() throws IOException {
    // given
    Service silent = Service.builder("cache").port(ServicePort.tcp("redis", 6379)).build();
    Cluster cluster = cluster(silent);
    LocalRun run = LocalRun.builder().runDir(runDir("skipped")).build();
    // when
    LocalResult applied = run.applyFiles(cluster, files(cluster));
    try {
      // then
      LocalService cache = applied.service("cache@cache-1").orElseThrow();
      assertThat(cache.state()).isEqualTo(LocalServiceState.SKIPPED);
      assertThat(cache.detail()).contains("says nothing of how to run it locally");
    } finally {
      run.destroy(cluster);
    }
  }

  /** Redis's answer to PING, read within 2 s. */
  private static String ping(String host, int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 2000);
      s.setSoTimeout(2000);
      s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
  }
}
