package dev.stackwright.dsl;

/** The cloud project's limits the cluster must fit in: {@code cluster.quota().cores(20).ramGb(50).instances(10)}. */
public final class QuotaDsl extends DslPart {
  Integer cores;
  /** In MB, as a long, so {@code ramGb(n)} of any int neither overflows nor is clamped. */
  Long ramMb;
  Integer instances;

  QuotaDsl(ClusterDsl cluster) {
    super(cluster);
  }

  public QuotaDsl cores(int cores) {
    checkOpen();
    this.cores = cores;
    return this;
  }

  public QuotaDsl ramMb(int ramMb) {
    checkOpen();
    this.ramMb = (long) ramMb;
    return this;
  }

  public QuotaDsl ramGb(int ramGb) {
    checkOpen();
    this.ramMb = ramGb * 1024L;
    return this;
  }

  public QuotaDsl instances(int instances) {
    checkOpen();
    this.instances = instances;
    return this;
  }
}
