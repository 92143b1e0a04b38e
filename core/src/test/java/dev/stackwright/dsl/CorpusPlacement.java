package dev.stackwright.dsl;

import static dev.stackwright.dsl.Corpus.bad;
import static dev.stackwright.dsl.Corpus.seed;
import static dev.stackwright.dsl.Corpus.seedWithWorkers;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.Corpus.Case;
import dev.stackwright.model.OsRelease;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import java.util.List;

/** The corpus's catalogue, kinds and placement: what each role is, and what runs it where. */
final class CorpusPlacement {
  private CorpusPlacement() {}

  static final List<Case> CASES = List.of(
      // ---- catalogue ----
      bad("an unknown flavour", seedWithWorkers(w -> w.flavor("hcp")), "role[worker].flavor", "hcp",
          "declare it with cluster.flavor(\"hcp\")"),
      bad("an unknown image", seedWithWorkers(w -> w.image("debian-9.3")), "role[worker].image", "debian-9.3",
          "declare it with cluster.image(\"debian-9.3\")"),
      bad("a CPU class with no weight", seed(c -> c.flavor("gpu").vcpus(1).ramGb(1).cpuClass("gpu")),
          "flavor[gpu].cpuClass", "gpu", "cluster.cpuWeight(\"gpu\", 1.0)"),
      bad("a null default image", seed(c -> c.defaultImage(null)), "cluster.defaultImage", null,
          "call cluster.defaultImage"),
      bad("a null extra image, the first of the catalogue", seed(c -> c.image(null)), "cluster.image[0]", null,
          "set it"),
      bad("a default image of Debian 9, which the files do not work on", seed(c -> c.defaultImage("debian-9.2",
          OsRelease.DEBIAN_9)), "cluster.defaultImage.os", "DEBIAN_9", "OsRelease.DEBIAN_12"),
      bad("an extra image of Ubuntu", seed(c -> c.image("ubuntu-24.04", OsRelease.UBUNTU_24_04)),
          "cluster.image[0].os", "UBUNTU_24_04", "boot a Debian 12 image"),
      bad("a null CPU class name", seed(c -> c.cpuWeight(null, 1.0)), "cluster.cpuWeight[null]", null, "set it"),
      bad("a null CPU class beside a misspelt one", seed(c -> {
        c.cpuWeight(null, 1.0);
        c.flavor("gpu").vcpus(1).ramGb(1).cpuClass("hcp");
      }), "flavor[gpu].cpuClass", "hcp", "cluster.cpuWeight(\"hcp\", 1.0)"),
      // ---- kinds ----
      bad("a role name that is no kind", seed(c -> c.role("gpu").subnet("10.0.101").flavor("hpc")), "role[gpu].kind",
          "gpu", ".kind(BuiltInServices.WORKER)"),
      bad("a role named worker that says it is a database", seed(c -> c.role("worker").kind(BuiltInServices.DATABASE)
          .subnet("10.0.100").flavor("hpc")), "role[worker].kind", "database", "drop .kind(...)"),
      bad("a role named controller that says it is a worker", () -> {
        ClusterDsl c = Corpus.smallWithoutController("k");
        c.role("controller").kind(BuiltInServices.WORKER).address("10.0.0.1").flavor("small");
        Corpus.demo(c, "demo");
        return c;
      }, "role[controller].kind", "worker", "drop .kind(...)"),
      bad("a cluster without a controller", () -> {
        ClusterDsl c = Corpus.smallWithoutController("headless");
        Corpus.demo(c, "demo");
        return c;
      }, "role[controller]", null, "cluster.role(\"controller\").address(\"10.0.0.1\")"),
      bad("a second controller", seed(c -> c.role("control2").kind(BuiltInServices.CONTROLLER).address("10.0.1.1")
          .flavor("controller")), "role[control2]", "control2", "keep one controller role"),
      bad("a missing dependency: webserver without app servers", () -> {
        ClusterDsl c = Stackwright.cluster("deps").network("10.0.0.0/16").gateway("10.0.0.254")
            .dhcpPool("10.0.254.0/24").defaultImage("debian-12");
        c.flavor("small").vcpus(1).ramGb(1);
        c.role("controller").address("10.0.0.1").flavor("small");
        c.role("webserver").subnet("10.0.10").flavor("small");
        Corpus.demo(c, "demo");
        return c;
      }, "role[webserver]", null, "cluster.role(\"appserver\")"),
      // ---- placement ----
      bad("a role on no host", seed(c -> c.role("worker").subnet("10.0.100")), "role[worker]", null,
          "carries(\"worker\")"),
      bad("a role on two hosts", seed(c -> c.host("extra").flavor("hpc").carries("database")), "role[database]",
          "database", "place each role on one host"),
      bad("a role with its own VMs carried by a host too", seed(c -> {
        c.role("worker").subnet("10.0.100").flavor("hpc");
        c.host("pool").flavor("hpc").carries("worker");
      }), "role[worker]", "worker", "place each role on one host"),
      bad("a host carrying an undeclared role", seed(c -> c.host("pool").flavor("hpc").carries("wroker")),
          "host[pool].carries", "wroker", "declare it with cluster.role(\"wroker\")"),
      bad("a host that carries nothing", seed(c -> c.host("pool").flavor("hpc")), "host[pool].carries", null,
          "list its roles"),
      bad("a role whose count differs from its host's", seed(c -> {
        c.role("worker").subnet("10.0.100").count(2);
        c.host("pool").flavor("hpc").carries("worker");
      }), "role[worker].count", "2", "cluster.host(\"pool\").count(2)"));
}
