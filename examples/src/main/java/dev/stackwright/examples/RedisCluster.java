package dev.stackwright.examples;

import dev.stackwright.cli.Cli;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import dev.stackwright.model.TemplateSource;
import java.nio.file.Path;

/**
 * The seed plus a service of the user's own: a Redis cache that the Django app counts its visits in, declared on the
 * public API alone. Redis runs on a small VM of its own, so that a cache filling up never takes memory from CouchDB or
 * RabbitMQ on {@code server_all}, its memory limit is a share of a VM it does not share, and the security group is
 * what stands between it and everything but the app servers and workers.
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
        .addUsers("redis")
        .port(ServicePort.tcp("redis", 6379))
        .openTo("appserver", "redis", "the app caches in Redis")
        .openTo("worker", "redis", "tasks share the app's cache")
        .templates(TemplateSource.classPath(RedisCluster.class.getClassLoader(), TEMPLATES))
        .file("redis/redis.conf.jinja", "/etc/redis/redis.conf", "redis:redis", 0640,
            OnChange.restart("redis-server"))
        .bootStep("redis-server", "systemctl enable redis-server && systemctl restart redis-server")
        .health(HealthCheck.tcp("redis"))
        .appSetting("CACHE_URL", "redis://{address}:{port:redis}/0")
        .localCommand("sh -c \"mkdir -p {path:/var/lib/redis} && exec redis-server {file:/etc/redis/redis.conf}"
            + " --bind {address} --port {port:redis} --supervised no --daemonize no --logfile ''"
            + " --dir {path:/var/lib/redis} --pidfile ''\"")
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
   * The example's command line, the seed's verbs ({@code bash examples/redis apply --backend local}); without
   * arguments it prints the reports.
   */
  public static void main(String[] args) {
    String[] verb = args.length == 0 ? new String[] {"report"} : args;
    System.exit(Cli.builder().cluster(RedisCluster::build)
        .localApplication(Path.of("examples/src/main/python/demo")).build().run(verb));
  }
}
