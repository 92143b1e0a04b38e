package dev.stackwright.render;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Service;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Topologies for the renderer's tests: the seed, and split variants with every role on VMs of its own. */
final class Topologies {
  private Topologies() {}

  /** The seed as the examples module defines it: server_all carries app, static, broker and database. */
  static ClusterDsl seedDsl() {
    return seedDsl(0, 0);
  }

  /** The seed with the app servers' and workers' processes set, where not 0. */
  static ClusterDsl seedDsl(int appProcesses, int workerProcesses) {
    return seedDsl(appProcesses, workerProcesses, List.of());
  }

  /** The seed with a role of {@code service}, named after it, on server_all after the seed's four: at 10.0.40.1. */
  static Cluster seedWith(Service service) {
    return seedDsl(0, 0, List.of(service)).build();
  }

  private static ClusterDsl seedDsl(int appProcesses, int workerProcesses, List<Service> onServerAll) {
    ClusterDsl cluster = base("seed");
    cluster.role("controller").address("10.0.0.1").flavor("controller");
    cluster.role("webserver").subnet("10.0.10").firstOffset(3).flavor("webserver");
    var app = cluster.role("appserver").subnet("10.0.11");
    cluster.role("static").subnet("10.0.12");
    cluster.role("database").subnet("10.0.20");
    cluster.role("broker").subnet("10.0.30");
    var serverAll = cluster.host("server_all").flavor("server_all").carries("appserver", "static", "broker",
        "database");
    for (Service s : onServerAll) {
      cluster.role(s.name()).kind(s).subnet("10.0.40");
      serverAll.carries(s.name());
    }
    var worker = cluster.role("worker").count(3).flavor("hpc").subnet("10.0.100");
    if (appProcesses > 0) {
      app.processes(appProcesses);
    }
    if (workerProcesses > 0) {
      worker.processes(workerProcesses);
    }
    application(cluster);
    return cluster;
  }

  static Cluster seed() {
    return seedDsl().build();
  }

  /** Every role on VMs of its own, with these many app servers, static servers, databases and workers. */
  static Cluster split(int apps, int statics, int databases, int workers) {
    ClusterDsl cluster = base("big");
    cluster.role("controller").address("10.0.0.1").flavor("controller");
    cluster.role("webserver").subnet("10.0.10").firstOffset(3).count(2).flavor("webserver");
    cluster.role("appserver").subnet("10.0.11").count(apps).flavor("server_all");
    cluster.role("static").subnet("10.0.12").count(statics).flavor("webserver");
    cluster.role("database").subnet("10.0.20").count(databases).flavor("server_all");
    cluster.role("broker").subnet("10.0.30").flavor("server_all");
    cluster.role("worker").subnet("10.0.100").count(workers).flavor("hpc");
    application(cluster);
    return cluster.build();
  }

  private static ClusterDsl base(String name) {
    ClusterDsl cluster = Stackwright.cluster(name).network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").defaultImage("debian-12").cpuWeight("server", 0.5).cpuWeight("hpc", 1.0);
    cluster.flavor("controller").vcpus(1).ramGb(1).cpuClass("server");
    cluster.flavor("webserver").vcpus(2).ramGb(2).cpuClass("server");
    cluster.flavor("server_all").vcpus(4).ramGb(4).cpuClass("server");
    cluster.flavor("hpc").vcpus(2).ramGb(8).cpuClass("hpc");
    return cluster;
  }

  private static void application(ClusterDsl cluster) {
    cluster.application("demo").wsgi("demo.wsgi:application").celeryApp("demo")
        .source("https://git.example.org/stackwright/demo.git").version("v1.0");
  }

  /** Fixed secrets, so tests can look for them in what they must not appear in. */
  static Map<SecretName, String> secrets() {
    Map<SecretName, String> s = new EnumMap<>(SecretName.class);
    for (SecretName n : SecretName.values()) {
      s.put(n, "S3cret" + n.name().replace("_", "") + "x");
    }
    return s;
  }

  static Renderer renderer() {
    return Renderer.builder().secrets(SecretSource.of(secrets())).build();
  }
}
