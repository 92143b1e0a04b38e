package dev.stackwright.render;

import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which parts of one render's context a pending network fact reaches: found once per render by making the cluster's
 * values a second time with stand-ins for the pending facts (per cluster, not per node: cheap) and keeping what
 * differs. Every render of a template then gets those values through a {@link FactReads} view, so that only the
 * nodes whose templates touch a differing part are marked. Immutable once made; shared by the node renders.
 */
final class PendingFacts {
  private static final PendingFacts NONE = new PendingFacts(Map.of(), Set.of(), false);

  /** Each global value that differs: the one made from the known facts, then the stand-ins'. */
  private final Map<String, Object[]> differing;
  /** The nodes holding a role instance whose values differ (its {@code instance}, its {@code node.roles}). */
  private final Set<String> nodes;
  /** When the two contexts do not even have the same names, every render counts as reading a pending fact. */
  private final boolean all;

  private PendingFacts(Map<String, Object[]> differing, Set<String> nodes, boolean all) {
    this.differing = differing;
    this.nodes = nodes;
    this.all = all;
  }

  /** Nothing pending: no render reads a pending fact. */
  static PendingFacts none() {
    return NONE;
  }

  /** What differs between {@code real} and {@code standIns}, the same cluster's context made with stand-ins. */
  static PendingFacts between(ClusterContext real, ClusterContext standIns) {
    Map<String, Object> a = real.forCluster();
    Map<String, Object> b = standIns.forCluster();
    Map<String, Object[]> differing = new LinkedHashMap<>();
    a.forEach((key, value) -> {
      if (!Objects.equals(value, b.get(key))) {
        differing.put(key, new Object[] {value, b.get(key)});
      }
    });
    Set<String> nodes = new HashSet<>();
    for (Node n : real.cluster().nodes()) {
      for (RoleInstance r : n.roles()) {
        if (!real.instance(r).equals(standIns.instance(r))) {
          nodes.add(n.name());
        }
      }
    }
    return new PendingFacts(Map.copyOf(differing), Set.copyOf(nodes), !a.keySet().equals(b.keySet()));
  }

  /** Whether the node's own values (its instances') read a pending fact, whatever its templates read. */
  boolean readBy(Node node) {
    return all || nodes.contains(node.name());
  }

  /** Puts views of the differing values in {@code context}, a template's, noting reads in {@code reads}. */
  void watch(Map<String, Object> context, FactReads reads) {
    if (all) {
      reads.read();
    }
    differing.forEach((key, values) -> context.computeIfPresent(key, (k, seen) -> reads.view(seen, values[0],
        values[1])));
  }
}
