package dev.stackwright.report;

import java.util.List;

/**
 * One host of the capacity overview: how many VMs of which flavour, and what they add up to, with the CPU weighted
 * by class. The host's RAM is a long: 254 VMs of a large flavour are more megabytes than an int holds.
 */
public record CapacityRow(String host, List<String> roles, int count, String flavor, String cpuClass,
    int vcpusPerVm, int ramMbPerVm, double weightedCpu, long ramMb) {
  public CapacityRow {
    roles = List.copyOf(roles);
  }
}
