package dev.stackwright;

import dev.stackwright.dsl.ClusterDsl;

/** Where a topology starts: {@code Stackwright.cluster("seed")} returns a fresh, single-use {@link ClusterDsl}. */
public final class Stackwright {
  private Stackwright() {}

  /** Starts the definition of a cluster; {@link ClusterDsl#build()} turns it into the validated model. */
  public static ClusterDsl cluster(String name) {
    return new ClusterDsl(name);
  }
}
