package dev.stackwright.local;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import java.nio.file.Path;
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
