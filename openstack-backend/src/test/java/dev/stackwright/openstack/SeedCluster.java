package dev.stackwright.openstack;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import java.util.EnumMap;
import java.util.Map;

/** The seed cluster written with the DSL (examples depend on core, not the other way), for this module's tests. */
final class SeedCluster {
  private SeedCluster() {}

  static Renderer renderer() {
    Map<SecretName, String> s = new EnumMap<>(SecretName.class);
    for (SecretName n : SecretName.values()) {
      s.put(n, "it-secret-" + n.ordinal() + "-0123456789");
    }
    return Renderer.builder().secrets(SecretSource.of(s)).build();
  }

  /** The seed: controller, webserver, server_all with four roles (or those roles split), {@code workers} workers. */
  static Cluster seed(String name, int workers, boolean split) {
    return seed(name, workers, split, java.util.Optional.empty());
  }

  /** The seed, with floating IPs for the webserver and the controller from {@code externalNetwork} when named. */
  static Cluster seed(String name, int workers, boolean split, java.util.Optional<String> externalNetwork) {
    ClusterDsl c = Stackwright.cluster(name).network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").adminCidr("192.0.2.0/24").defaultImage("debian-9.2");
    externalNetwork.ifPresent(c::externalNetwork);
    c.flavor("controller").vcpus(1).ramGb(1);
    c.flavor("webserver").vcpus(2).ramGb(2);
    c.flavor("server_all").vcpus(4).ramGb(4);
    c.flavor("hpc").vcpus(2).ramGb(8);
    c.role("controller").address("10.0.0.1").flavor("controller");
    c.role("webserver").subnet("10.0.10").firstOffset(3).flavor("webserver");
    if (split) {
      c.role("appserver").subnet("10.0.11").flavor("server_all");
      c.role("static").subnet("10.0.12").flavor("webserver");
      c.role("database").subnet("10.0.20").flavor("server_all");
      c.role("broker").subnet("10.0.30").flavor("server_all");
    } else {
      c.role("appserver").subnet("10.0.11");
      c.role("static").subnet("10.0.12");
      c.role("database").subnet("10.0.20");
      c.role("broker").subnet("10.0.30");
      c.host("server_all").flavor("server_all").carries("appserver", "static", "broker", "database");
    }
    c.role("worker").count(workers).flavor("hpc").subnet("10.0.100");
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo")
        .source("https://git.example.org/stackwright/demo.git").version("v1.0");
    return c.build();
  }
}
