package dev.stackwright.render;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Service;
import dev.stackwright.tls.Certificates;
import java.util.LinkedHashMap;
import java.util.Map;

/** The seed ({@link Seed}) for the renderer's tests, and split variants with every role on VMs of its own. */
final class Topologies {
  private Topologies() {}

  /** The seed as the examples module defines it: server_all carries app, static, broker and database. */
  static ClusterDsl seedDsl() {
    return seedDsl(0, 0);
  }

  /** The seed with the app servers' and workers' processes set, where not 0. */
  static ClusterDsl seedDsl(int appProcesses, int workerProcesses) {
    Seed seed = Seed.named("seed");
    if (appProcesses > 0) {
      seed.role("appserver", a -> a.processes(appProcesses));
    }
    if (workerProcesses > 0) {
      seed.role("worker", w -> w.processes(workerProcesses));
    }
    return seed.dsl();
  }

  /** The seed with a role of {@code service}, named after it, on server_all after the seed's four: at 10.0.40.1. */
  static Cluster seedWith(Service service) {
    return Seed.named("seed").onServerAll(service).build();
  }

  static Cluster seed() {
    return seedDsl().build();
  }

  /** Every role on VMs of its own, with these many app servers, static servers, databases and workers. */
  static Cluster split(int apps, int statics, int databases, int workers) {
    return Seed.named("big").split().role("webserver", w -> w.count(2)).role("appserver", a -> a.count(apps))
        .role("static", s -> s.count(statics)).role("database", d -> d.count(databases))
        .role("worker", w -> w.count(workers)).build();
  }

  /** Fixed secrets, so tests can look for them in what they must not appear in. */
  static Map<SecretName, String> secrets() {
    Map<SecretName, String> s = new LinkedHashMap<>();
    for (SecretName n : SecretName.builtIn()) {
      s.put(n, "S3cret" + n.name().replace("_", "") + "x");
    }
    return s;
  }

  /** A renderer with fixed secrets and the deterministic test certificates: nothing is written to disk. */
  static Renderer renderer() {
    return Renderer.builder().secrets(SecretSource.of(secrets())).certificates(Certificates.forTests()).build();
  }
}
