package dev.stackwright.model;

import org.immutables.value.Value;

/**
 * A flavour of the cluster's catalogue: its size, and the weight a vCPU of its class carries in the capacity
 * overview (a 'server' vCPU counts 0.5, an 'hpc' vCPU counts 1 in the seed).
 */
@Value.Immutable
@ModelStyle
public abstract class Flavor {
  public abstract String name();

  public abstract int vcpus();

  public abstract int ramMb();

  /** The CPU class, such as "server" or "hpc". */
  public abstract String cpuClass();

  /** What one vCPU of this class counts in the capacity overview. */
  public abstract double cpuWeight();

  /** vCPUs times their weight, for one VM. */
  public double weightedCpu() {
    return vcpus() * cpuWeight();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a flavour; the DSL is the usual way. */
  public static final class Builder extends ImmutableFlavor.Builder {}
}
