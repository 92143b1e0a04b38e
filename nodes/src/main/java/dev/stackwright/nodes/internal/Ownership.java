package dev.stackwright.nodes.internal;

import dev.stackwright.spi.Holdings;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which resources in the state are a cluster's: core's {@link Holdings}, the one rule of every backend that keeps its
 * own records, with a server shown as Nova shows one whose port was deleted (without it).
 */
final class Ownership {
  private Ownership() {}

  static Holdings<Entry> of(String cluster, Collection<Entry> all) {
    Set<String> ports = all.stream().filter(e -> e.spec() instanceof PortSpec).map(Entry::cloudId)
        .collect(Collectors.toSet());
    return new Holdings<>(cluster, all, e -> shown(e, ports));
  }

  private static ResourceSpec shown(Entry e, Set<String> ports) {
    if (e.spec() instanceof ServerSpec s && e.refs().stream().noneMatch(ports::contains)) {
      return s.withoutPort();
    }
    return e.spec();
  }
}
