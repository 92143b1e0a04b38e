package dev.stackwright.dsl;

import static dev.stackwright.dsl.Corpus.bad;
import static dev.stackwright.dsl.Corpus.seed;

import dev.stackwright.dsl.Corpus.Case;
import dev.stackwright.model.BootStep;
import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServiceFile;
import dev.stackwright.model.ServicePart;
import dev.stackwright.model.ServicePort;
import dev.stackwright.services.BuiltInServices;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The corpus's services of the user's own: a Redis cache that the seed's app servers and workers use, broken in one
 * way per case, and placed so that the mistake shows.
 */
final class CorpusServices {
  private CorpusServices() {}

  /** A valid Redis cache: the seed with it on a VM of its own builds. */
  static Service.Builder redis() {
    return Service.builder("redis").title("Redis cache").packages("redis-server").addUsers("redis")
        .port(ServicePort.tcp("redis", 6379))
        .openTo("appserver", "redis", "the app caches in Redis")
        .openTo("worker", "redis", "tasks cache in Redis")
        .file("redis/redis.conf.jinja", "/etc/redis/redis{suffix}.conf", "redis:redis", 0640,
            OnChange.restart("redis-server{suffix}"))
        .bootStep("enable-redis", "systemctl enable --now redis-server")
        .health(HealthCheck.tcp("redis"));
  }

  /** The seed with the Redis {@code edit} makes, declared and on a VM of its own. */
  static Supplier<ClusterDsl> seedWith(UnaryOperator<Service.Builder> edit) {
    return seed(c -> {
      c.service(edit.apply(redis()).build());
      c.role("redis").subnet("10.0.40").flavor("webserver");
    });
  }

  /** The seed with {@code service} declared and its role named after it carried by server_all too. */
  static Supplier<ClusterDsl> onServerAll(Service service) {
    return seed(c -> {
      c.service(service);
      c.role(service.name()).subnet("10.0.40");
      c.hosts.get(0).carries(service.name());
    });
  }

  /** The seed with {@code edit} of the cluster after the valid Redis is declared. */
  static Supplier<ClusterDsl> seedAnd(Consumer<ClusterDsl> edit) {
    return seed(c -> {
      c.service(redis().build());
      edit.accept(c);
    });
  }

  private static ServiceFile file(String path, String owner, int mode, boolean secret) {
    return new ServiceFile("redis/redis.conf.jinja", path, owner, mode, secret, OnChange.restart("redis-server"));
  }

  static final List<Case> CASES = List.of(
      // ---- names ----
      bad("a service with a built-in's name and another descriptor", seed(c -> c.service(Service.builder("static")
          .port(ServicePort.tcp("http", 8080)).build())), "service[static]", "static", "a name of its own"),
      bad("two descriptors of one name", seedAnd(c -> c.service(redis().port(ServicePort.tcp("sentinel", 26379))
          .build())), "service[redis]", "redis", "use the one service object"),
      bad("a role named like a service but of another kind", seedAnd(c -> c.role("redis").kind(BuiltInServices.WORKER)
          .subnet("10.0.40").flavor("hpc")), "role[redis].kind", "worker", "drop .kind(...)"),
      bad("a role's kind by a name no service has", seedAnd(c -> c.role("cache").kind("rediss").subnet("10.0.40")
          .flavor("webserver")), "role[cache].kind", "rediss", "add yours with cluster.service(...)"),
      bad("a role's kind a descriptor of a built-in's name", seed(c -> c.role("gpu").kind(Service.builder("worker")
          .build()).subnet("10.0.101").flavor("hpc")), "role[gpu].kind", "worker", "a name of its own"),
      bad("a null service", seed(c -> c.service(null)), "cluster.service[0]", null, "Service.builder(\"name\")"),
      bad("a title with a newline", seedWith(r -> r.title("Redis\ncache")), "service[redis].title", "Redis",
          "remove it"),
      // ---- ports and accesses ----
      bad("an access to a port the service lacks", seedWith(r -> r.openTo("appserver", "cache", "the app")),
          "service[redis].access[2].port", "cache", "name one of [redis]"),
      bad("an access from a service no one declared", seedWith(r -> r.openTo("appsrever", "redis", "the app")),
          "service[redis].access[2].service", "appsrever", "add yours with cluster.service(...)"),
      bad("a port declared twice", seedWith(r -> r.port(ServicePort.tcp("redis", 6380))),
          "service[redis].port[redis]", "redis", "declare each port once"),
      bad("two port names of one number", seedWith(r -> r.port(ServicePort.tcp("cache", 6379))),
          "service[redis].port[cache]", "6379/tcp", "declare the port once"),
      bad("a port taken by static on server_all (nginx's 80)", onServerAll(Service.builder("web2")
          .port(ServicePort.tcp("http", 80)).build()), "service[web2].port[http]", "80/tcp",
          "give service web2 another port number"),
      bad("a health check of a port the service lacks", seedWith(r -> r.health(HealthCheck.tcp("sentinel"))),
          "service[redis].health[1].port", "sentinel", "check one of its ports"),
      // ---- needs ----
      bad("a need no service meets", seedWith(r -> r.addRequires("databse")), "service[redis].requires", "databse",
          "add yours with cluster.service(...)"),
      bad("an order after a service no one declared", seedWith(r -> r.addAfter("apserver")), "service[redis].after",
          "apserver", "add yours with cluster.service(...)"),
      bad("a service that requires itself", seedWith(r -> r.addRequires("redis")), "service[redis].requires",
          "redis", "name other services only"),
      bad("a required service the cluster does not place", seed(c -> c.service(redis().required(true).build())),
          "role[redis]", null, "cluster.role(\"redis\").subnet("),
      bad("a single-instance service on two VMs", seed(c -> {
        c.service(redis().singleInstance(true).build());
        c.role("redis").subnet("10.0.40").flavor("webserver").count(2);
      }), "role[redis].count", "2", "use count 1"),
      bad("a second role of a single-instance service", seed(c -> {
        c.service(redis().singleInstance(true).build());
        c.role("redis").subnet("10.0.40").flavor("webserver");
        c.role("cache").kind("redis").subnet("10.0.41").flavor("webserver");
      }), "role[cache]", "cache", "keep one redis role"),
      // ---- files ----
      bad("two roles of one service on a host, a path without {suffix}", seed(c -> {
        c.service(redis().addFiles(file("/etc/redis/sentinel.conf", "redis:redis", 0640, false)).build());
        c.role("redis").subnet("10.0.40");
        c.role("cache").kind("redis").subnet("10.0.41");
        c.host("caches").flavor("webserver").carries("redis", "cache");
      }), "service[redis].file[1].path", "/etc/redis/sentinel.conf", "put {suffix} in the path"),
      bad("a path that climbs out", seedWith(r -> r.addFiles(file("/etc/redis/../shadow", "redis:redis", 0640,
          false))), "service[redis].file[1].path", "/etc/redis/../shadow", "write it like"),
      bad("a path with a space", seedWith(r -> r.addFiles(file("/etc/my redis.conf", "redis:redis", 0640, false))),
          "service[redis].file[1].path", "/etc/my redis.conf", "letters, digits"),
      bad("a relative path", seedWith(r -> r.addFiles(file("etc/redis.conf", "redis:redis", 0640, false))),
          "service[redis].file[1].path", "etc/redis.conf", "write it like"),
      bad("a path with a brace that is no placeholder", seedWith(r -> r.addFiles(file("/etc/redis/{role}.conf",
          "redis:redis", 0640, false))), "service[redis].file[1].path", "{role}", "{suffix}"),
      bad("a path written twice by one service", seedWith(r -> r.addFiles(file("/etc/redis/redis{suffix}.conf",
          "redis:redis", 0640, false))), "service[redis].file[1].path", "/etc/redis/redis{suffix}.conf",
          "a path of its own"),
      bad("an owner without a group", seedWith(r -> r.addFiles(file("/etc/redis/a.conf", "redis", 0640, false))),
          "service[redis].file[1].owner", "redis", "user:group"),
      bad("an owner with a shell character", seedWith(r -> r.addFiles(file("/etc/redis/a.conf", "redis:redis;id",
          0640, false))), "service[redis].file[1].owner", "redis:redis", "user:group, like"),
      bad("a setuid mode", seedWith(r -> r.addFiles(file("/etc/redis/a.conf", "redis:redis", 04755, false))),
          "service[redis].file[1].mode", "04755", "from 0 to 0777"),
      bad("a world-writable file", seedWith(r -> r.addFiles(file("/etc/redis/a.conf", "redis:redis", 0666, false))),
          "service[redis].file[1].mode", "0666", "drop the others' write bit"),
      bad("a secret others may read", seedWith(r -> r.addFiles(file("/etc/redis/a.conf", "redis:redis", 0644,
          true))), "service[redis].file[1].mode", "0644", "use 0600"),
      bad("a template that climbs out", seedWith(r -> r.addFiles(new ServiceFile("../secrets.jinja",
          "/etc/redis/a.conf", "redis:redis", 0640, false, OnChange.NOTHING))), "service[redis].file[1].template",
          "../secrets.jinja", "relative to the service's templates"),
      bad("a unit to restart with a space", seedWith(r -> r.addFiles(new ServiceFile("redis/a.jinja",
          "/etc/redis/a.conf", "redis:redis", 0640, false, OnChange.restart("redis server")))),
          "service[redis].file[1].onChange", "redis server", "write it like"),
      // ---- packages, users, steps ----
      bad("a package name in capitals", seedWith(r -> r.packages("Redis_Server")),
          "service[redis].packages[DEBIAN_12]", "Redis_Server", "as apt knows it"),
      bad("a package name with a shell character", seedWith(r -> r.packages("redis-server;reboot")),
          "service[redis].packages[DEBIAN_12]", "redis-server;reboot", "as apt knows it"),
      bad("a client package with a shell character", seedWith(r -> r.clientPackages("python3-redis&&reboot")),
          "service[redis].clientPackages", "python3-redis&&reboot", "as apt knows it"),
      bad("a user name in capitals", seedWith(r -> r.addUsers("Redis")), "service[redis].users", "Redis",
          "a lower-case letter or _"),
      bad("a boot step name with a space", seedWith(r -> r.bootStep("enable redis", "true")),
          "service[redis].bootStep[enable redis]", "enable redis", "write it like"),
      bad("a boot step declared twice", seedWith(r -> r.bootStep("enable-redis", "true")),
          "service[redis].bootStep[enable-redis]", "enable-redis", "a name of its own"),
      bad("a boot step without a command", seedWith(r -> r.addBootSteps(new BootStep("flush", " ",
          Optional.empty()))), "service[redis].bootStep[flush].command", " ", "write the command"));

  /** The gaps a review found: what passed build() and broke the built-ins or failed later. */
  static final List<Case> GAPS = List.of(
      // ---- what only stackwright's own services may say ----
      bad("a part of its own, which could replace nginx", seedWith(r -> r.addParts(ServicePart.builder("nginx")
          .build())), "service[redis].parts", "1 part", "put the service's files in .file(...)"),
      bad("a node hook", seedWith(r -> r.addNodeHooks(scope -> ServicePart.builder("x").build())),
          "service[redis].nodeHooks", "1 hook", "a command goes in .bootStep(...)"),
      bad("template values, which could replace the broker URLs", seedWith(r -> r.addTemplateValues(scope ->
          Map.of("urls", Map.of("brokers", List.of())))), "service[redis].templateValues", "1 source",
          ".appSetting(NAME, value)"),
      bad("instance values, which could set gunicorn's workers", seedWith(r -> r.addInstanceValues(scope ->
          Map.of("workers", 1))), "service[redis].instanceValues", "1 source", "a template reads the instance's own"),
      bad("a jump host of the user's", seedWith(r -> r.jumpHost(true)), "service[redis].jumpHost", "true",
          "through the controller"),
      bad("a public entry of the user's", seedWith(r -> r.publicEntry(true)), "service[redis].publicEntry", "true",
          "let them proxy to the service's port"),
      bad("an application port of the user's", seedWith(r -> r.applicationPort("redis")),
          "service[redis].applicationPort", "redis", "open the service's port with .openTo(...)"),
      bad("a service that says it runs the application", seedWith(r -> r.runsApplication(true)),
          "service[redis].runsApplication", "true", "give the application settings with .appSetting"),
      // ---- ports the built-ins hold ----
      bad("a port on sshd's 22", seedWith(r -> r.port(ServicePort.tcp("admin", 22))), "service[redis].port[admin]",
          "22/tcp", "above 1023"),
      bad("a port named like a built-in's", seedWith(r -> r.port(ServicePort.tcp("http", 8080))),
          "service[redis].port[http]", "http", "a name of the service's own"),
      bad("a port on epmd's 4369 beside the broker", onServerAll(Service.builder("mapper")
          .port(ServicePort.tcp("mapper", 4369)).build()), "service[mapper].port[mapper]", "4369/tcp",
          "give service mapper another port number"),
      bad("a port on RabbitMQ's inter-node 25672 beside the broker", onServerAll(Service.builder("relay")
          .port(ServicePort.tcp("relay", 25672)).build()), "service[relay].port[relay]", "25672/tcp",
          "give service relay another port number"),
      bad("a port among CouchDB's distribution ports beside the database", onServerAll(Service.builder("relay")
          .port(ServicePort.tcp("relay", 9150)).build()), "service[relay].port[relay]", "9150/tcp",
          "give service relay another port number"),
      // ---- app settings ----
      bad("an app setting that is no environment name", seedWith(r -> r.appSetting("cache-url", "x")),
          "service[redis].appSetting[cache-url]", "cache-url", "a capital, then capitals"),
      bad("an app setting the env file sets itself", seedWith(r -> r.appSetting("CELERY_BROKER_URL",
          "redis://{address}:{port:redis}/1")), "service[redis].appSetting[CELERY_BROKER_URL]", "CELERY_BROKER_URL",
          "a name of the service's own"),
      bad("an app setting the loader reads", seedWith(r -> r.appSetting("LD_PRELOAD", "/tmp/x.so")),
          "service[redis].appSetting[LD_PRELOAD]", "LD_PRELOAD", "a name of the service's own"),
      bad("an app setting two services set", seed(c -> {
        c.service(redis().appSetting("CACHE_URL", "redis://{address}").build());
        c.service(Service.builder("memo").port(ServicePort.tcp("memo", 11211)).appSetting("CACHE_URL", "x").build());
        c.role("redis").subnet("10.0.40").flavor("webserver");
      }), "service[memo].appSetting[CACHE_URL]", "CACHE_URL", "a name of this service's own"),
      bad("an app setting naming a port the service lacks", seedWith(r -> r.appSetting("CACHE_URL",
          "redis://{address}:{port:cache}/0")), "service[redis].appSetting[CACHE_URL]", "{port:cache}",
          "name one of [redis]"),
      bad("an app setting with a placeholder no one knows", seedWith(r -> r.appSetting("CACHE_URL",
          "redis://{host}/0")), "service[redis].appSetting[CACHE_URL]", "{host}", "use {address}, {name}"),
      bad("an app setting with a $", seedWith(r -> r.appSetting("CACHE_URL", "redis://$HOST/0")),
          "service[redis].appSetting[CACHE_URL]", "$HOST", "leave them out of the value"),
      // ---- secrets ----
      bad("a secret stackwright does not keep", seedWith(r -> r.addSecrets("redis_password")),
          "service[redis].secrets", "redis_password", "a file of its own"),
      bad("an own secret whose key is no key", seedWith(r -> r.secret("Redis-Password", 32)),
          "service[redis].secrets[Redis-Password]", "Redis-Password", "a lower-case letter"),
      bad("an own secret too short to generate", seedWith(r -> r.secret("redis_password", 4)),
          "service[redis].secrets[redis_password].length", "4", "a length from 12 to 256"),
      bad("an own secret with a built-in's key", seedWith(r -> r.secret("admin_password", 32)),
          "service[redis].secrets[admin_password]", "admin_password", "a key of its own"),
      bad("one own secret declared with two lengths", seed(c -> {
        c.service(redis().secret("cache_password", 32).build());
        c.service(Service.builder("memo").port(ServicePort.tcp("memo", 11211)).secret("cache_password", 40)
            .build());
        c.role("redis").subnet("10.0.40").flavor("webserver");
        c.role("memo").subnet("10.0.41").flavor("webserver");
      }), "service[memo].secrets[cache_password].length", "40", "declare the one length in both services"),
      bad("an app setting naming a secret the service does not name", seedWith(r -> r.appSetting("CACHE_URL",
          "redis://:{secret:rabbitmq_password}@{address}/0")), "service[redis].appSetting[CACHE_URL]",
          "{secret:rabbitmq_password}", "declare it with .secret(key, length)"),
      // ---- the local command ----
      bad("a local command naming a port the service lacks", seedWith(r -> r.localCommand("redis-server --port "
          + "{port:cache}")), "service[redis].localRun", "{port:cache}", "name one of [redis]"),
      bad("a local command naming a file the service lacks", seedWith(r -> r.localCommand("redis-server "
          + "{file:/etc/redis.conf}")), "service[redis].localRun", "{file:/etc/redis.conf}",
          "name one of [/etc/redis/redis.conf]"),
      bad("a local command's directory that climbs out", seedWith(r -> r.localCommand("redis-server --dir "
          + "{dir:/var/lib/../../root}")), "service[redis].localRun", "{dir:/var/lib/../../root}",
          "between slashes"),
      bad("a local command's relative path", seedWith(r -> r.localCommand("redis-server --logfile "
          + "{path:redis.log}")), "service[redis].localRun", "{path:redis.log}", "between slashes"),
      // ---- start order ----
      bad("a service after one of its own clients", seedWith(r -> r.addAfter("appserver")),
          "service[redis].after", "redis before appserver before redis", "drop the after(...)"),
      bad("two services open to each other", seed(c -> {
        c.service(redis().openTo("memo", "redis", "memo reads Redis").build());
        c.service(Service.builder("memo").port(ServicePort.tcp("memo", 11211)).openTo("redis", "memo", "Redis "
            + "writes memo").build());
        c.role("redis").subnet("10.0.40").flavor("webserver");
      }), "service[redis].access[2]", "redis before memo before redis", "the access that closes the loop"),
      // ---- file owners ----
      bad("a file owner no user of the service", seedWith(r -> r.addFiles(file("/etc/redis/a.conf", "redsi:redis",
          0640, false))), "service[redis].file[1].owner", "redsi:redis", "name root or one of its users"),
      bad("a file group no user of the service", seedWith(r -> r.addFiles(file("/etc/redis/a.conf", "redis:wheel",
          0640, false))), "service[redis].file[1].owner", "redis:wheel", "name the group of root"),
      // ---- hosts ----
      bad("a host declared twice to carry one more role", seed(c -> {
        c.service(redis().build());
        c.role("redis").subnet("10.0.40");
        c.host("server_all").flavor("server_all").carries("appserver", "static", "broker", "database", "redis");
      }), "host[server_all]", null, "list every role it carries in the one declaration's .carries(...)"));
}
