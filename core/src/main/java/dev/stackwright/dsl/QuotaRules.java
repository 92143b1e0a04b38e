package dev.stackwright.dsl;

import dev.stackwright.model.Flavor;
import dev.stackwright.model.Host;
import dev.stackwright.model.Quota;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The cloud project's quota, when given: each limit non-negative, countable, and not exceeded by the cluster. */
final class QuotaRules {
  private QuotaRules() {}

  static Optional<Quota> of(QuotaDsl q, List<Host> hosts, Map<String, Flavor> flavors, Problems problems) {
    if (q == null) {
      return Optional.empty();
    }
    long cores = 0;
    long ram = 0;
    long instances = 0;
    StringBuilder breakdown = new StringBuilder();
    for (Host h : hosts) {
      Flavor f = flavors.get(h.flavor());
      cores += (long) h.count() * f.vcpus();
      ram += (long) h.count() * f.ramMb();
      instances += h.count();
      breakdown.append(breakdown.length() == 0 ? "" : ", ").append(h.name()).append(' ').append(h.count())
          .append(" x ").append(f.vcpus()).append(" vCPU/").append(f.ramMb()).append(" MB");
    }
    Quota.Builder quota = Quota.builder();
    if (q.cores != null) {
      quota.cores(q.cores);
      check(problems, "cluster.quota.cores", cores, q.cores, "cores", breakdown);
    }
    if (q.ramMb != null) {
      if (q.ramMb > Integer.MAX_VALUE) {
        problems.problem("cluster.quota.ram", q.ramMb + " MB", "is more than a quota can count ("
            + Integer.MAX_VALUE + " MB)", "give at most " + Integer.MAX_VALUE / 1024 + " GB, or leave it unset for "
            + "no limit");
      } else {
        quota.ramMb(q.ramMb.intValue());
        check(problems, "cluster.quota.ram", ram, q.ramMb.intValue(), "MB of RAM", breakdown);
      }
    }
    if (q.instances != null) {
      quota.instances(q.instances);
      check(problems, "cluster.quota.instances", instances, q.instances, "instances", breakdown);
    }
    return Optional.of(quota.build());
  }

  private static void check(Problems problems, String path, long needed, int allowed, String unit,
      CharSequence breakdown) {
    if (allowed < 0) {
      problems.problem(path, allowed, "is negative", "give the project's limit, or leave it unset");
    } else if (needed > allowed) {
      problems.problem(path, allowed, "is exceeded: the cluster needs " + needed + " " + unit + " (" + breakdown
          + ")", "raise the project's quota to at least " + needed + ", or shrink the cluster");
    }
  }
}
