package dev.stackwright.examples;

import dev.stackwright.Stackwright;
import dev.stackwright.cli.Cli;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.local.LocalResult;
import dev.stackwright.local.LocalRun;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.OsRelease;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretSource;
import java.nio.file.Path;

/**
 * The first user's plan (the seed) as stackwright code: a controller, one nginx load balancer, one {@code server_all}
 * VM that carries the application server, static file server, broker and database, and three celery workers on the
 * 10.0.0.0/16 address plan, on a network of its own (network, subnet and DHCP pool made and destroyed with it), and
 * with HTTPS on the load balancer and the controller from a cluster CA kept in {@code .stackwright/seed/tls}. It boots
 * Debian 12, the release the rendered files are written for, not the seed's Debian 9.2 (docs/model.md says why).
 */
public final class SeedCluster {
  private SeedCluster() {}

  /** The seed topology, ready for more edits or {@code build()}. */
  public static ClusterDsl define() {
    // tag::seed[]
    ClusterDsl cluster = Stackwright.cluster("seed")
        .network("10.0.0.0/16")
        .gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24")
        .ownNetwork()
        .defaultImage("debian-12", OsRelease.DEBIAN_12)
        .cpuWeight("server", 0.5)
        .cpuWeight("hpc", 1.0);

    cluster.flavor("controller").vcpus(1).ramGb(1).cpuClass("server");
    cluster.flavor("webserver").vcpus(2).ramGb(2).cpuClass("server");
    cluster.flavor("server_all").vcpus(4).ramGb(4).cpuClass("server");
    cluster.flavor("hpc").vcpus(2).ramGb(8).cpuClass("hpc");

    cluster.role("controller").address("10.0.0.1").flavor("controller");
    cluster.role("webserver").subnet("10.0.10").firstOffset(3).flavor("webserver");
    cluster.role("appserver").subnet("10.0.11");
    cluster.role("static").subnet("10.0.12");
    cluster.role("database").subnet("10.0.20");
    cluster.role("broker").subnet("10.0.30");
    cluster.host("server_all").flavor("server_all").carries("appserver", "static", "broker", "database");
    cluster.role("worker").count(3).flavor("hpc").subnet("10.0.100");
    cluster.tls().clusterCa();

    cluster.application("demo")
        .wsgi("demo.wsgi:application")
        .celeryApp("demo")
        .source("https://git.example.org/stackwright/demo.git")
        .version("v1.0");
    // end::seed[]
    return cluster;
  }

  public static Cluster build() {
    return define().build();
  }

  /**
   * Renders every node's configs and user-data under {@code dir}, as {@code dir/<node>/<absolute path on the node>},
   * with secrets from the environment or generated once into {@code .stackwright/secrets.properties}.
   */
  public static RenderedCluster render(Path dir) {
    return render(dir, SecretSource.defaults());
  }

  /** Renders every node's configs and user-data under {@code dir}, with secrets from {@code secrets}. */
  public static RenderedCluster render(Path dir, SecretSource secrets) {
    // tag::render[]
    RenderedCluster files = Renderer.builder().secrets(secrets).build().render(build());
    files.writeTo(dir);
    // end::render[]
    return files;
  }

  /** Prints the overview and address plan; {@code render DIR} writes every node's files under DIR instead. */
  /**
   * Runs the seed on this machine with the local backend, every 10.0.X.Y address as 127.0.X.Y, and the demo app from
   * {@code examples/src/main/python/demo}; returns when every service answers. Rendered with the local run's network
   * facts, so that with TLS the certificates name the loopback addresses a browser here opens.
   */
  public static LocalResult applyLocally() {
    Cluster cluster = build();
    // tag::local[]
    LocalRun local = LocalRun.builder().application(Path.of("examples/src/main/python/demo")).build();
    LocalResult result = local.apply(cluster, Renderer.builder().build().render(cluster, local.networkFacts(cluster)));
    // end::local[]
    return result;
  }

  /**
   * The seed's command line: {@code plan}, {@code apply}, {@code destroy}, {@code render DIR} and {@code report}, on
   * the embedded in-memory cloud unless {@code --backend local} or an OpenStack cloud ({@code OS_*}, {@code OS_CLOUD})
   * is chosen. Without arguments it prints the reports.
   */
  public static void main(String[] args) {
    String[] verb = args.length == 0 ? new String[] {"report"} : args;
    // tag::cli[]
    int exit = Cli.builder()
        .cluster(SeedCluster::build)
        .localApplication(Path.of("examples/src/main/python/demo"))
        .build()
        .run(verb);
    // end::cli[]
    System.exit(exit);
  }
}
