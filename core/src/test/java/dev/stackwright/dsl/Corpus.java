package dev.stackwright.dsl;

import dev.stackwright.Stackwright;
import dev.stackwright.engine.Topologies;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The building blocks of the bad-input corpus: one invalid topology per case, made from the seed or a small valid
 * cluster broken in one way, and what its problem must say (path, bad value, a part of the fix).
 */
final class Corpus {
  private Corpus() {}

  /** One invalid topology and what its problem must say; a null value means the problem shows none. */
  record Case(String name, Supplier<ClusterDsl> topology, String path, String value, String fix) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case bad(String name, Supplier<ClusterDsl> topology, String path, String value, String fix) {
    return new Case(name, topology, path, value, fix);
  }

  /** The seed (with three workers unless the edit declares its own) broken by {@code edit}. */
  static Supplier<ClusterDsl> seed(Consumer<ClusterDsl> edit) {
    return () -> {
      ClusterDsl c = Topologies.seedDsl("corpus");
      edit.accept(c);
      return c;
    };
  }

  static Supplier<ClusterDsl> seedWithWorkers(Consumer<RoleDsl> worker) {
    return seed(c -> worker.accept(c.role("worker").count(3).flavor("hpc").subnet("10.0.100")));
  }

  /** The seed with its workers on a host of their own, "pool", after {@code edit} of that host. */
  static Supplier<ClusterDsl> pool(Consumer<HostDsl> edit) {
    return seed(c -> {
      c.role("worker").subnet("10.0.100");
      edit.accept(c.host("pool").flavor("hpc").carries("worker"));
    });
  }

  /** A small valid cluster whose application "demo" {@code edit} breaks. */
  static Supplier<ClusterDsl> withApplication(Consumer<ApplicationDsl> edit) {
    return withApplication("demo", edit);
  }

  /** A small valid cluster whose application is named {@code name}, after {@code edit}. */
  static Supplier<ClusterDsl> withApplication(String name, Consumer<ApplicationDsl> edit) {
    return () -> {
      ClusterDsl c = small("app");
      edit.accept(demo(c, name));
      return c;
    };
  }

  /** Declares a valid application named {@code name} on {@code c}. */
  static ApplicationDsl demo(ClusterDsl c, String name) {
    return c.application(name).wsgi("demo.wsgi:application").celeryApp("demo")
        .source("https://git.example.org/demo.git").version("v1.0");
  }

  /** A cluster with a controller and the app server's needs on one flavour, and no application. */
  static ClusterDsl small(String name) {
    ClusterDsl c = smallWithoutController(name);
    c.role("controller").address("10.0.0.1").flavor("small");
    return c;
  }

  static ClusterDsl smallWithoutController(String name) {
    ClusterDsl c = Stackwright.cluster(name).network("10.0.0.0/16").gateway("10.0.0.254").dhcpPool("10.0.254.0/24")
        .defaultImage("debian-12");
    c.flavor("small").vcpus(1).ramGb(1);
    c.role("appserver").subnet("10.0.11").flavor("small");
    c.role("database").subnet("10.0.20").flavor("small");
    c.role("broker").subnet("10.0.30").flavor("small");
    return c;
  }
}
