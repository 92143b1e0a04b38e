package dev.stackwright.memory;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.Flavor;
import java.util.Optional;

/**
 * The room a cluster needs in a cloud: a hypervisor for each VM of its largest host kind, so that strict
 * anti-affinity places them all, and quotas that hold every VM twice over (a replacement is made before the old
 * server goes). A host whose flavour the cluster does not define counts as one core and one MB.
 */
record Room(int hypervisors, int instances, int cores, long ramMb, int ports) {

  static Room of(Cluster cluster) {
    long vms = 0;
    long cores = 0;
    long ramMb = 0;
    int largest = 0;
    for (var h : cluster.hosts()) {
      Optional<Flavor> f = cluster.flavor(h.flavor());
      vms += h.count();
      cores += (long) h.count() * f.map(Flavor::vcpus).orElse(1);
      ramMb += (long) h.count() * f.map(Flavor::ramMb).orElse(1);
      largest = Math.max(largest, h.count());
    }
    return new Room(largest, capped(2 * vms), capped(2 * cores), 2 * ramMb, capped(2 * vms));
  }

  private static int capped(long n) {
    return (int) Math.min(Integer.MAX_VALUE, n);
  }
}
