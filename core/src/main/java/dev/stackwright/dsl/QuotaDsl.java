package dev.stackwright.dsl;

/** The cloud project's limits the cluster must fit in: {@code cluster.quota().cores(20).ramGb(50).instances(10)}. */
public final class QuotaDsl extends DslPart {
  Integer cores;
  Integer ramMb;
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
    this.ramMb = ramMb;
    return this;
  }

  public QuotaDsl ramGb(int ramGb) {
    checkOpen();
    this.ramMb = ramGb > Integer.MAX_VALUE / 1024 ? Integer.MAX_VALUE : ramGb * 1024;
    return this;
  }

  public QuotaDsl instances(int instances) {
    checkOpen();
    this.instances = instances;
    return this;
  }
}
