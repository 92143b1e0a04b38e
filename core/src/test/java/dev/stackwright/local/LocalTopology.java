package dev.stackwright.local;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import dev.stackwright.dsl.HostDsl;
import dev.stackwright.dsl.RoleDsl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The proof's topology: a load balancer, a controller, 2 app servers, 1 static server, 1 broker, 1 database and 2
 * workers, each on a VM of its own, running the examples' demo app; rendered with fixed secrets.
 */
final class LocalTopology {
  private LocalTopology() {}

  /** The examples' demo Django + Celery app. */
  static final Path DEMO = Path.of("../examples/src/main/python/demo").toAbsolutePath().normalize();

  static final Map<SecretName, String> SECRETS = secrets();

  static Cluster cluster(String name) {
    ClusterDsl c = Stackwright.cluster(name).network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").defaultImage("debian-12").cpuWeight("server", 0.5);
    c.flavor("small").vcpus(1).ramGb(1).cpuClass("server");
    c.role("controller").address("10.0.0.10").flavor("small");
    c.role("webserver").subnet("10.0.10").firstOffset(3).flavor("small");
    c.role("appserver").subnet("10.0.11").count(2).flavor("small").processes(2);
    c.role("static").subnet("10.0.12").flavor("small");
    c.role("database").subnet("10.0.20").flavor("small");
    c.role("broker").subnet("10.0.30").flavor("small");
    c.role("worker").subnet("10.0.100").count(2).flavor("small").processes(1);
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo")
        .source("https://git.example.org/stackwright/demo.git").version("v1.0");
    return c.build();
  }

  /**
   * The HTTPS proof's topology: a controller, a load balancer, one app server, the database and the broker, each on a
   * VM of its own, with TLS from a cluster CA and HSTS for a day.
   */
  static Cluster tls(String name) {
    ClusterDsl c = Stackwright.cluster(name).network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").defaultImage("debian-12").cpuWeight("server", 0.5);
    c.flavor("small").vcpus(1).ramGb(1).cpuClass("server");
    c.role("controller").address("10.0.0.12").flavor("small");
    c.role("webserver").subnet("10.0.10").firstOffset(3).flavor("small");
    c.role("appserver").subnet("10.0.11").count(1).flavor("small").processes(2);
    c.role("database").subnet("10.0.20").flavor("small");
    c.role("broker").subnet("10.0.30").flavor("small");
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo")
        .source("https://git.example.org/stackwright/demo.git").version("v1.0");
    c.tls().clusterCa().hsts(java.time.Duration.ofDays(1));
    return c.build();
  }

  /**
   * The day-two proof's topology, the seed's roles on loopback: a controller, a load balancer, {@code appServers} app
   * servers each on a VM of its own, the static files and the database on server_all-1, one worker, and the broker on
   * broker-1, or on server_all-1 when {@code brokerMoved}; the demo app at {@code version}.
   */
  static Cluster dayTwo(String name, int appServers, String version, boolean brokerMoved) {
    ClusterDsl c = Stackwright.cluster(name).network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").defaultImage("debian-12").cpuWeight("server", 0.5);
    c.flavor("small").vcpus(1).ramGb(1).cpuClass("server");
    c.role("controller").address("10.0.0.10").flavor("small");
    c.role("webserver").subnet("10.0.10").firstOffset(3).flavor("small");
    c.role("appserver").subnet("10.0.11").count(appServers).flavor("small").processes(2);
    c.role("static").subnet("10.0.12");
    c.role("database").subnet("10.0.20");
    RoleDsl broker = c.role("broker").subnet("10.0.30");
    HostDsl serverAll = c.host("server_all").flavor("small");
    if (brokerMoved) {
      serverAll.carries("static", "database", "broker");
    } else {
      serverAll.carries("static", "database");
      broker.flavor("small");
    }
    c.role("worker").subnet("10.0.100").count(1).flavor("small").processes(1);
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo")
        .source("https://git.example.org/stackwright/demo.git").version(version);
    return c.build();
  }

  /**
   * Skips the calling test class, or under CI=true fails it, when a program the local run of the demo needs is
   * missing.
   */
  static void requirePrograms() {
    List<String> missing = new ArrayList<>();
    for (String p : List.of("/usr/sbin/nginx", "/usr/bin/gunicorn", "/usr/lib/rabbitmq/bin/rabbitmq-server",
        "/usr/bin/epmd", "/usr/bin/python3")) {
      if (!Files.isExecutable(Path.of(p))) {
        missing.add(p);
      }
    }
    if (!Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/celery"))
        || !Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/django"))) {
      missing.add("Debian's python3-celery and python3-django");
    }
    if (LocalRun.findPouchdbServer().isEmpty()) {
      missing.add("pouchdb-server (bash core/src/test/local/install-pouchdb.sh)");
    }
    if (!missing.isEmpty()) {
      String message = "the local run needs " + String.join(", ", missing) + "; install with: apt-get install -y "
          + "--no-install-recommends nginx gunicorn python3-django python3-celery celery rabbitmq-server && "
          + "bash core/src/test/local/install-pouchdb.sh";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      Assumptions.assumeTrue(false, message);
    }
  }

  static RenderedCluster render(Cluster cluster) {
    return Renderer.builder().secrets(SecretSource.of(SECRETS)).build().render(cluster);
  }

  private static Map<SecretName, String> secrets() {
    Map<SecretName, String> s = new LinkedHashMap<>();
    for (SecretName n : SecretName.builtIn()) {
      s.put(n, "local" + n.name().replace("_", "").toLowerCase(java.util.Locale.ROOT) + "0123456789");
    }
    return s;
  }
}
