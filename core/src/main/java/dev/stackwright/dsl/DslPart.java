package dev.stackwright.dsl;

/** A part of a cluster definition; it refuses changes once its cluster has been built. */
abstract class DslPart {
  private final ClusterDsl cluster;
  /** Where this part stands among the cluster's declarations; hosts are listed in this order. */
  final int order;

  DslPart(ClusterDsl cluster) {
    this.cluster = cluster;
    this.order = cluster.nextOrder();
  }

  final void checkOpen() {
    cluster.checkOpen();
  }
}
