package dev.stackwright.dsl;

import static dev.stackwright.dsl.Corpus.bad;
import static dev.stackwright.dsl.Corpus.seed;
import static dev.stackwright.dsl.Corpus.seedWithWorkers;

import dev.stackwright.dsl.Corpus.Case;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import java.util.List;

/** The corpus's network plan: blocks, addresses, the DHCP pool, the gateway and the admin range. */
final class CorpusNetwork {
  private CorpusNetwork() {}

  static final List<Case> CASES = List.of(
      // ---- non-ASCII digits where numbers are parsed ----
      bad("network prefix in Arabic-Indic digits", seed(c -> c.network("10.0.0.0/\u0661\u0666")), "cluster.network",
          "10.0.0.0/\u0661\u0666", "write it like \"10.0.0.0/16\""),
      bad("DHCP pool prefix in Devanagari digits", seed(c -> c.dhcpPool("10.0.254.0/\u0968\u096a")),
          "cluster.dhcpPool", "10.0.254.0/\u0968\u096a", "write it like \"10.0.254.0/24\""),
      bad("subnet in full-width digits", seedWithWorkers(w -> w.subnet("10.0.\uff11\uff10\uff10")),
          "role[worker].subnet", "10.0.\uff11\uff10\uff10", "write three octets such as \"10.0.100\""),
      bad("admin CIDR prefix in Arabic-Indic digits", seed(c -> c.adminCidr("192.0.2.0/\u0662\u0664")),
          "cluster.adminCidr", "192.0.2.0/\u0662\u0664", "write it like \"192.0.2.0/24\""),
      // ---- blocks and addresses ----
      bad("overlapping role blocks", seedWithWorkers(w -> w.subnet("10.0.11")), "role[worker].subnet", "10.0.11",
          "give each role a /24 block of its own"),
      bad("a block outside the network", seedWithWorkers(w -> w.subnet("10.1.100")), "role[worker].subnet",
          "10.1.100", "choose a block inside it"),
      bad("an address on its block's network address", seed(c -> c.role("gpu").kind(BuiltInServices.WORKER)
          .address("10.0.40.0").flavor("hpc")), "role[gpu].address", "10.0.40.0", "end it in .1 to .254"),
      bad("an address on the network's broadcast address", seed(c -> c.role("gpu").kind(BuiltInServices.WORKER)
          .address("10.0.255.255").flavor("hpc")), "role[gpu].address", "10.0.255.255", "end it in .1 to .254"),
      bad("an instance on the gateway", seed(c -> c.gateway("10.0.100.2").role("worker").count(3).flavor("hpc")
          .subnet("10.0.100")), "role[worker].subnet", "10.0.100", "move the gateway"),
      bad("a subnet of four octets", seedWithWorkers(w -> w.subnet("10.0.100.0")), "role[worker].subnet",
          "10.0.100.0", "write three octets"),
      bad("both subnet and address", seedWithWorkers(w -> w.address("10.0.100.5")), "role[worker].address",
          "10.0.100.5", "not both"),
      // ---- the DHCP pool ----
      bad("a role block in the DHCP pool", seedWithWorkers(w -> w.subnet("10.0.254")), "role[worker].subnet",
          "10.0.254", "choose a block outside the pool"),
      bad("a DHCP pool over the upper half of a role's block", seed(c -> c.dhcpPool("10.0.100.128/25")
          .role("worker").count(3).flavor("hpc").subnet("10.0.100")), "role[worker].subnet", "10.0.100",
          "choose a block outside the pool"),
      bad("a DHCP pool that is the whole network", seed(c -> c.dhcpPool("10.0.0.0/16")), "cluster.dhcpPool",
          "10.0.0.0/16", "a range clear of every role block, such as \"10.0.254.0/24\""),
      bad("overlapping blocks, where the first free block is the DHCP pool's", seed(c -> c.dhcpPool("10.0.1.0/24")
          .role("worker").count(3).flavor("hpc").subnet("10.0.11")), "role[worker].subnet", "10.0.11",
          "such as \"10.0.2\""),
      bad("overlapping blocks, where the next free block is a later role's", seed(c -> {
        c.role("worker").count(3).flavor("hpc").subnet("10.0.11");
        c.role("gpu").kind(BuiltInServices.WORKER).flavor("hpc").subnet("10.0.1");
      }), "role[worker].subnet", "10.0.11", "such as \"10.0.2\""),
      bad("a DHCP pool outside the network", seed(c -> c.dhcpPool("10.9.254.0/24")), "cluster.dhcpPool",
          "10.9.254.0/24", "choose a range inside it"),
      bad("a DHCP pool with host bits", seed(c -> c.dhcpPool("10.0.254.1/24")), "cluster.dhcpPool",
          "10.0.254.1/24", "write it like"),
      bad("a network smaller than a block", seed(c -> c.network("10.0.0.0/25")), "cluster.network", "10.0.0.0/25",
          "use a network of /24 or larger"),
      // ---- the gateway ----
      bad("no gateway, so Neutron would give the controller's address to the router", seed(c -> c.gateway(null)),
          "cluster.gateway", null, "call cluster.gateway(\"10.0.0.254\")"),
      bad("the gateway in the DHCP pool", seed(c -> c.gateway("10.0.254.1")), "cluster.gateway", "10.0.254.1",
          "choose an address outside the pool"),
      bad("the gateway on the network's broadcast address", seed(c -> c.gateway("10.0.255.255")),
          "cluster.gateway", "10.0.255.255", "choose a host address"),
      bad("the gateway outside the network", seed(c -> c.gateway("10.9.0.1")), "cluster.gateway", "10.9.0.1",
          "choose an address inside it"),
      bad("a gateway that is not an address", seed(c -> c.gateway("10.0.0.999")), "cluster.gateway", "10.0.0.999",
          "write four numbers"),
      // ---- the admin range ----
      bad("an admin range that is the whole internet", seed(c -> c.adminCidr("0.0.0.0/0")), "cluster.adminCidr",
          "0.0.0.0/0", "the addresses admins connect from, /8 or narrower"),
      bad("an admin range of a /4", seed(c -> c.adminCidr("64.0.0.0/4")), "cluster.adminCidr", "64.0.0.0/4",
          "/8 or narrower"));
}
