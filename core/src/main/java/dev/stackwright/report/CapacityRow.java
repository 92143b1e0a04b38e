package dev.stackwright.report;

import java.util.List;

/**
 * One host of the capacity overview: how many VMs of which flavour, and what they add up to, with the CPU weighted
 * by class.
 */
public record CapacityRow(String host, List<String> roles, int count, String flavor, String cpuClass,
    int vcpusPerVm, int ramMbPerVm, double weightedCpu, int ramMb) {
  public CapacityRow {
    roles = List.copyOf(roles);
  }
}
