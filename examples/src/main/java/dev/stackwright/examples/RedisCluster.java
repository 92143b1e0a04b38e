package dev.stackwright.examples;

import dev.stackwright.Stackwright;
import dev.stackwright.cli.Cli;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.OsRelease;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import dev.stackwright.model.TemplateSource;
import java.nio.file.Path;

/**
 * The seed plus a service of the user's own: a Redis cache that the Django app counts its visits in, declared on the
 * public API alone. Redis runs on a small VM of its own, so that a cache filling up never takes memory from CouchDB or
 * RabbitMQ on {@code server_all}, its memory limit is a share of a VM it does not share, and the security group is
 * what stands between it and everything but the app servers and workers. Clients authenticate with a password of the
 * service's own, {@code redis_password}, generated once like stackwright's secrets and given to the app in its URL.
 */
public final class RedisCluster {
  /** Where the example's own templates are, on its class path: {@code redis/redis.conf.jinja} is under it. */
  static final String TEMPLATES = "dev/stackwright/examples/templates";

  private RedisCluster() {}

  /** The Redis cache, as a user declares a service stackwright does not know. */
  public static Service redis() {
    // tag::service[]
    Service redis = Service.builder("redis")
        .title("Redis cache")
        .singleInstance(true)
        .packages("redis-server")
        .clientPackages("python3-redis")
        .addUsers("redis")
        .port(ServicePort.tcp("redis", 6379))
        .openTo("appserver", "redis", "the app caches in Redis")
        .openTo("worker", "redis", "tasks share the app's cache")
        .templates(TemplateSource.classPath(RedisCluster.class.getClassLoader(), TEMPLATES))
        .secret("redis_password", 32)
        .secretFile("redis/redis.conf.jinja", "/etc/redis/redis.conf", "redis:redis",
            OnChange.restart("redis-server"))
        .bootStep("redis-server", "systemctl enable redis-server && systemctl restart redis-server")
        .health(HealthCheck.tcp("redis"))
        .appSetting("CACHE_URL", "redis://:{secret:redis_password}@{address}:{port:redis}/0")
        .localCommand("redis-server {file:/etc/redis/redis.conf} --bind {address} --port {port:redis}"
            + " --supervised no --daemonize no --logfile '' --dir {dir:/var/lib/redis} --pidfile ''")
        .build();
    // end::service[]
    return redis;
  }

  /** The seed with the cache placed on a VM of its own. */
  public static ClusterDsl define() {
    ClusterDsl cluster = SeedCluster.define();
    // tag::place[]
    cluster.service(redis());
    cluster.flavor("cache").vcpus(1).ramGb(1).cpuClass("server");
    cluster.role("redis").subnet("10.0.40").flavor("cache");
    // end::place[]
    return cluster;
  }

  public static Cluster build() {
    return define().build();
  }

  /**
   * The seed with the cache on {@code server_all} instead, beside the app servers, the static files, the broker and
   * the database: the seed's own lines with one role more on that host. A host is declared once, so the cache joins
   * the one {@code host("server_all")} line rather than a second one.
   */
  public static ClusterDsl defineOnServerAll() {
    ClusterDsl cluster = Stackwright.cluster("seed").network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").defaultImage("debian-12", OsRelease.DEBIAN_12).cpuWeight("server", 0.5)
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
    cluster.role("worker").count(3).flavor("hpc").subnet("10.0.100");
    cluster.application("demo").wsgi("demo.wsgi:application").celeryApp("demo")
        .source("https://git.example.org/stackwright/demo.git").version("v1.0");
    // tag::shared[]
    cluster.service(redis());
    cluster.role("redis").subnet("10.0.40");
    cluster.host("server_all").flavor("server_all")
        .carries("appserver", "static", "broker", "database", "redis");
    // end::shared[]
    return cluster;
  }

  /**
   * The example's command line, the seed's verbs ({@code bash examples/redis apply --backend local}); without
   * arguments it prints the reports.
   */
  public static void main(String[] args) {
    String[] verb = args.length == 0 ? new String[] {"report"} : args;
    System.exit(Cli.builder().cluster(RedisCluster::build)
        .localApplication(Path.of("examples/src/main/python/demo")).build().run(verb));
  }
}
