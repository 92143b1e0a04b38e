package dev.stackwright.engine;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.dsl.RoleDsl;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.UserDataPolicy;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretSource;
import dev.stackwright.tls.Certificates;
import dev.stackwright.render.SecretName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The seed ({@link Seed}, the one definition every module's tests use) as the engine's and backends' tests want it:
 * with an admin range, and with room for a test's own workers; in core's test jar, so openstack-backend's and nodes'
 * tests use the same one.
 */
public final class Topologies {
  /** The admin range of the engine's seed: the controller's pages are open to it. */
  static final String ADMIN_CIDR = "192.0.2.0/24";

  private Topologies() {}

  /** The seed without its workers, for a test that declares its own. */
  public static ClusterDsl seedDsl(String name) {
    return seedDsl(name, false);
  }

  /** The seed without workers, or with {@code split} the seed after server_all is split into one VM per role. */
  public static ClusterDsl seedDsl(String name, boolean split) {
    return seedDsl(name, split, 0);
  }

  /**
   * The seed without workers, with every role's /24 moved up by {@code shift} (the controller at
   * 10.0.{@code shift}.1), so that a test on a shared cloud does not meet another run's seed on the same network.
   */
  public static ClusterDsl seedDsl(String name, boolean split, int shift) {
    Seed seed = Seed.named(name).shiftedBy(shift).withoutWorkers();
    if (split) {
      seed.split();
    }
    return seed.dsl().adminCidr(ADMIN_CIDR);
  }

  /** The seed with {@code workers} workers, after {@code edit} of the worker role. */
  public static Cluster seed(String name, int workers, Consumer<RoleDsl> edit) {
    return Seed.named(name).role("worker", w -> edit.accept(w.count(workers))).dsl().adminCidr(ADMIN_CIDR).build();
  }

  public static Cluster seed(String name) {
    return seed(name, 3, w -> {});
  }

  /** The seed with an external network, so the webserver and the controller get floating IPs. */
  public static Cluster exposed(String name) {
    return Seed.named(name).dsl().adminCidr(ADMIN_CIDR).externalNetwork("public").build();
  }

  /** The seed with server_all split into one VM per role. */
  public static Cluster split(String name) {
    return Seed.named(name).split().dsl().adminCidr(ADMIN_CIDR).build();
  }

  /** Workers replaced when their files change. */
  public static Cluster seedReplacingWorkers(String name, int processes) {
    return seed(name, 3, w -> w.processes(processes).onUserDataChange(UserDataPolicy.REPLACE));
  }

  /** A renderer with fixed secrets, so renders are stable and nothing is written to disk. */
  public static Renderer renderer() {
    return Renderer.builder().secrets(secrets()).certificates(Certificates.forTests()).build();
  }

  /** Fixed test values of the built-in secrets. */
  public static SecretSource secrets() {
    Map<SecretName, String> secrets = new LinkedHashMap<>();
    for (SecretName name : SecretName.builtIn()) {
      secrets.put(name, "test-secret-" + SecretName.builtIn().indexOf(name) + "-0123456789");
    }
    return SecretSource.of(secrets);
  }
}
