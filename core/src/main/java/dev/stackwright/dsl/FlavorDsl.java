package dev.stackwright.dsl;

/** One flavour of the cluster's catalogue: {@code cluster.flavor("hpc").vcpus(2).ramGb(8).cpuClass("hpc")}. */
public final class FlavorDsl extends DslPart {
  final String name;
  Integer vcpus;
  Integer ramMb;
  String cpuClass;

  FlavorDsl(ClusterDsl cluster, String name) {
    super(cluster);
    this.name = name;
  }

  public FlavorDsl vcpus(int vcpus) {
    checkOpen();
    this.vcpus = vcpus;
    return this;
  }

  public FlavorDsl ramMb(int ramMb) {
    checkOpen();
    this.ramMb = ramMb;
    return this;
  }

  public FlavorDsl ramGb(int ramGb) {
    checkOpen();
    this.ramMb = ramGb > Integer.MAX_VALUE / 1024 ? Integer.MAX_VALUE : ramGb * 1024;
    return this;
  }

  /** The CPU class, whose weight the cluster sets with {@link ClusterDsl#cpuWeight}; "standard" (weight 1) if unset. */
  public FlavorDsl cpuClass(String cpuClass) {
    checkOpen();
    this.cpuClass = cpuClass;
    return this;
  }
}
