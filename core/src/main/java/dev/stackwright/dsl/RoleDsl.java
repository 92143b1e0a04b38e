package dev.stackwright.dsl;

import dev.stackwright.model.Service;
import dev.stackwright.model.UserDataPolicy;

/**
 * One role: {@code cluster.role("worker").count(3).flavor("hpc").subnet("10.0.100")}. A role given a flavour runs on
 * VMs of its own (a host of the same name); a role without one is placed on a host with
 * {@link HostDsl#carries(String...)}.
 */
public final class RoleDsl extends DslPart {
  final String name;
  Service kind;
  /** The kind by name, when said with {@link #kind(String)}: looked up in the cluster's catalogue. */
  String kindName;
  String subnet;
  String address;
  Integer firstOffset;
  Integer count;
  String flavor;
  String image;
  Integer processes;
  UserDataPolicy userDataPolicy;

  RoleDsl(ClusterDsl cluster, String name) {
    super(cluster);
    this.name = name;
  }

  /**
   * The role's service; only needed when the name is not a service's (such as a second worker pool "gpu"). A service
   * not in the catalogue yet joins it, as if added with {@link ClusterDsl#service(Service)}.
   */
  public RoleDsl kind(Service kind) {
    checkOpen();
    this.kind = kind;
    this.kindName = null;
    return this;
  }

  /**
   * The role's service by name: a built-in one ({@code "worker"}) or one added with
   * {@link ClusterDsl#service(Service)} ({@code "redis"}).
   */
  public RoleDsl kind(String service) {
    checkOpen();
    this.kindName = service;
    this.kind = null;
    return this;
  }

  /** The role's /24 block as three octets: {@code "10.0.100"}. */
  public RoleDsl subnet(String threeOctets) {
    checkOpen();
    this.subnet = threeOctets;
    return this;
  }

  /** A fixed address for a single-instance role: {@code "10.0.0.1"} means block 10.0.0 from offset 1. */
  public RoleDsl address(String address) {
    checkOpen();
    this.address = address;
    return this;
  }

  /** The host offset of the first instance in the block; 1 unless set (the seed's webservers start at 3). */
  public RoleDsl firstOffset(int offset) {
    checkOpen();
    this.firstOffset = offset;
    return this;
  }

  /** How many instances; for a role on a shared host, the host's count (set it there). */
  public RoleDsl count(int count) {
    checkOpen();
    this.count = count;
    return this;
  }

  /** Runs the role on VMs of its own with this flavour. */
  public RoleDsl flavor(String flavor) {
    checkOpen();
    this.flavor = flavor;
    return this;
  }

  /** The image of the role's own VMs, when not the cluster's default. */
  public RoleDsl image(String image) {
    checkOpen();
    this.image = image;
    return this;
  }

  /** Worker processes: gunicorn workers of an app server, Celery concurrency of a worker. Derived if unset. */
  public RoleDsl processes(int processes) {
    checkOpen();
    this.processes = processes;
    return this;
  }

  /** What a plan does with the role's own VMs when their user-data changes. */
  public RoleDsl onUserDataChange(UserDataPolicy policy) {
    checkOpen();
    this.userDataPolicy = policy;
    return this;
  }
}
