package dev.stackwright.examples;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;

/**
 * The seed grown up: {@code server_all} split into VMs of their own per role (no address changes), with two load
 * balancers, four application servers, two static file servers, three CouchDB nodes and six workers.
 */
public final class SplitCluster {
  private SplitCluster() {}

  public static ClusterDsl define() {
    // tag::split[]
    ClusterDsl cluster = Stackwright.cluster("split")
        .network("10.0.0.0/16")
        .gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24")
        .defaultImage("debian-12")
        .cpuWeight("server", 0.5)
        .cpuWeight("hpc", 1.0);

    cluster.flavor("controller").vcpus(1).ramGb(1).cpuClass("server");
    cluster.flavor("webserver").vcpus(2).ramGb(2).cpuClass("server");
    cluster.flavor("server_all").vcpus(4).ramGb(4).cpuClass("server");
    cluster.flavor("hpc").vcpus(2).ramGb(8).cpuClass("hpc");

    cluster.role("controller").address("10.0.0.1").flavor("controller");
    cluster.role("webserver").subnet("10.0.10").firstOffset(3).count(2).flavor("webserver");
    cluster.role("appserver").subnet("10.0.11").count(4).flavor("server_all");
    cluster.role("static").subnet("10.0.12").count(2).flavor("webserver");
    cluster.role("database").subnet("10.0.20").count(3).flavor("server_all");
    cluster.role("broker").subnet("10.0.30").flavor("server_all");
    cluster.role("worker").subnet("10.0.100").count(6).flavor("hpc");

    cluster.application("demo")
        .wsgi("demo.wsgi:application")
        .celeryApp("demo")
        .source("https://git.example.org/stackwright/demo.git")
        .version("v1.0");
    // end::split[]
    return cluster;
  }

  public static Cluster build() {
    return define().build();
  }
}
