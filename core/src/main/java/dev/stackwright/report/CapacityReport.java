package dev.stackwright.report;

import dev.stackwright.internal.TextTable;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Flavor;
import dev.stackwright.model.Host;
import dev.stackwright.model.Role;
import dev.stackwright.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The seed's "overview", computed from the model: per host its count, size per VM, flavour, and the weighted CPU and
 * RAM it adds up to, then the totals.
 */
public final class CapacityReport {
  private final List<CapacityRow> rows;

  private CapacityReport(List<CapacityRow> rows) {
    this.rows = List.copyOf(rows);
  }

  public static CapacityReport of(Cluster cluster) {
    List<CapacityRow> rows = new ArrayList<>();
    for (Host host : cluster.hosts()) {
      Flavor f = cluster.flavor(host.flavor()).orElseThrow();
      List<String> roles = new ArrayList<>();
      for (String r : host.roles()) {
        roles.add(cluster.role(r).map(Role::kind).map(Service::title).orElse(r));
      }
      rows.add(new CapacityRow(host.name(), roles, host.count(), f.name(), f.cpuClass(), f.vcpus(), f.ramMb(),
          host.count() * f.weightedCpu(), (long) host.count() * f.ramMb()));
    }
    return new CapacityReport(rows);
  }

  public List<CapacityRow> rows() {
    return rows;
  }

  /** Totals are longs, computed in long arithmetic, so a large valid cluster cannot wrap them negative. */
  public long totalInstances() {
    return rows.stream().mapToLong(CapacityRow::count).sum();
  }

  /** Raw vCPUs, as a quota counts them. */
  public long totalVcpus() {
    return rows.stream().mapToLong(r -> (long) r.count() * r.vcpusPerVm()).sum();
  }

  public double totalWeightedCpu() {
    return rows.stream().mapToDouble(CapacityRow::weightedCpu).sum();
  }

  public long totalRamMb() {
    return rows.stream().mapToLong(CapacityRow::ramMb).sum();
  }

  /** The aligned text table, with a TOTAL row. */
  @Override
  public String toString() {
    TextTable t = new TextTable(List.of("host", "VMs", "vCPU/VM", "RAM/VM", "flavour", "class", "CPU (weighted)",
        "RAM", "roles"), false, true, true, true, false, false, true, true, false);
    for (CapacityRow r : rows) {
      t.row(List.of(r.host(), String.valueOf(r.count()), String.valueOf(r.vcpusPerVm()), ram(r.ramMbPerVm()),
          r.flavor(), r.cpuClass(), number(r.weightedCpu()), ram(r.ramMb()), String.join(", ", r.roles())));
    }
    t.rule();
    t.row(List.of("TOTAL", String.valueOf(totalInstances()), "", "", "", "", number(totalWeightedCpu()),
        ram(totalRamMb()), totalVcpus() + " vCPUs in all"));
    return t.toString();
  }

  static String number(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.1f", d);
  }

  static String ram(long mb) {
    return mb % 1024 == 0 ? mb / 1024 + " GB" : mb + " MB";
  }
}
