package dev.stackwright.dsl;

/** One flavour of the cluster's catalogue: {@code cluster.flavor("hpc").vcpus(2).ramGb(8).cpuClass("hpc")}. */
public final class FlavorDsl extends DslPart {
  final String name;
  Integer vcpus;
  /** In MB, as a long: {@code ramGb(n)} of any int neither overflows nor is clamped, so validation sees it. */
  Long ramMb;
  /** How the user wrote the size, for the problem's value: {@code "-2100000 GB"}. */
  String ramWritten;
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
    this.ramMb = (long) ramMb;
    this.ramWritten = ramMb + " MB";
    return this;
  }

  public FlavorDsl ramGb(int ramGb) {
    checkOpen();
    this.ramMb = ramGb * 1024L;
    this.ramWritten = ramGb + " GB";
    return this;
  }

  /** The CPU class, whose weight the cluster sets with {@link ClusterDsl#cpuWeight}; "standard" (weight 1) if unset. */
  public FlavorDsl cpuClass(String cpuClass) {
    checkOpen();
    this.cpuClass = cpuClass;
    return this;
  }
}
