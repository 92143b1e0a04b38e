package dev.stackwright.engine;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.dsl.RoleDsl;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.UserDataPolicy;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretSource;
import dev.stackwright.render.SecretName;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The seed topology (as in examples' SeedCluster, which core cannot depend on) for engine and backend tests, with room
 * for a test's own edit; in core's test jar, so openstack-backend's tests use the same one.
 */
public final class Topologies {
  private Topologies() {}

  public static ClusterDsl seedDsl(String name) {
    return seedDsl(name, false);
  }

  /** The seed, or with {@code split} the seed after server_all is split into one VM per role. */
  public static ClusterDsl seedDsl(String name, boolean split) {
    return seedDsl(name, split, 0);
  }

  /**
   * The seed with every role's /24 moved up by {@code shift} (the controller at 10.0.{@code shift}.1), so that a test
   * on a shared cloud does not meet another run's seed on the same network.
   */
  public static ClusterDsl seedDsl(String name, boolean split, int shift) {
    ClusterDsl cluster = Stackwright.cluster(name)
        .network("10.0.0.0/16")
        .gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24")
        .adminCidr("192.0.2.0/24")
        .defaultImage("debian-12")
        .cpuWeight("server", 0.5)
        .cpuWeight("hpc", 1.0);
    cluster.flavor("controller").vcpus(1).ramGb(1).cpuClass("server");
    cluster.flavor("webserver").vcpus(2).ramGb(2).cpuClass("server");
    cluster.flavor("server_all").vcpus(4).ramGb(4).cpuClass("server");
    cluster.flavor("hpc").vcpus(2).ramGb(8).cpuClass("hpc");
    cluster.role("controller").address("10.0." + shift + ".1").flavor("controller");
    cluster.role("webserver").subnet("10.0." + (10 + shift)).firstOffset(3).flavor("webserver");
    if (split) {
      cluster.role("appserver").subnet("10.0." + (11 + shift)).flavor("server_all");
      cluster.role("static").subnet("10.0." + (12 + shift)).flavor("webserver");
      cluster.role("database").subnet("10.0." + (20 + shift)).flavor("server_all");
      cluster.role("broker").subnet("10.0." + (30 + shift)).flavor("server_all");
    } else {
      cluster.role("appserver").subnet("10.0." + (11 + shift));
      cluster.role("static").subnet("10.0." + (12 + shift));
      cluster.role("database").subnet("10.0." + (20 + shift));
      cluster.role("broker").subnet("10.0." + (30 + shift));
      cluster.host("server_all").flavor("server_all").carries("appserver", "static", "broker", "database");
    }
    cluster.application("demo").wsgi("demo.wsgi:application").celeryApp("demo")
        .source("https://git.example.org/stackwright/demo.git").version("v1.0");
    return cluster;
  }

  /** The seed with {@code workers} workers, after {@code edit} of the worker role. */
  public static Cluster seed(String name, int workers, Consumer<RoleDsl> edit) {
    ClusterDsl dsl = seedDsl(name);
    edit.accept(dsl.role("worker").count(workers).flavor("hpc").subnet("10.0.100"));
    return dsl.build();
  }

  public static Cluster seed(String name) {
    return seed(name, 3, w -> {});
  }

  /** The seed with an external network, so the webserver and the controller get floating IPs. */
  public static Cluster exposed(String name) {
    ClusterDsl dsl = seedDsl(name).externalNetwork("public");
    dsl.role("worker").count(3).flavor("hpc").subnet("10.0.100");
    return dsl.build();
  }

  /** The seed with server_all split into one VM per role. */
  public static Cluster split(String name) {
    ClusterDsl dsl = seedDsl(name, true);
    dsl.role("worker").count(3).flavor("hpc").subnet("10.0.100");
    return dsl.build();
  }

  /** Workers replaced when their files change. */
  public static Cluster seedReplacingWorkers(String name, int processes) {
    return seed(name, 3, w -> w.processes(processes).onUserDataChange(UserDataPolicy.REPLACE));
  }

  /** A renderer with fixed secrets, so renders are stable and nothing is written to disk. */
  public static Renderer renderer() {
    Map<SecretName, String> secrets = new EnumMap<>(SecretName.class);
    for (SecretName name : SecretName.values()) {
      secrets.put(name, "test-secret-" + name.ordinal() + "-0123456789");
    }
    return Renderer.builder().secrets(SecretSource.of(secrets)).build();
  }
}
