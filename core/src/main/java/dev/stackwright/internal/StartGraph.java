package dev.stackwright.internal;

import dev.stackwright.model.Service;
import dev.stackwright.model.ServiceAccess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What starts before what, for the boot steps of a node (render) and the processes of a local run alike: a service
 * starts after the services it connects to (their access names it) and after those its {@link Service#after()}
 * names. Its members are kept in the order they were added, which breaks every tie, so the order is the same on
 * every run; a cycle (the validator refuses one between services; a runner's own {@code after} may still make one)
 * is cut at the first member left, where it closes.
 *
 * @param <T> what is ordered: services, or the processes standing in for them
 */
public final class StartGraph<T> {
  private final Map<T, Set<T>> before = new LinkedHashMap<>();

  /** Adds {@code member}, after those added so far in ties; adding it again changes nothing. */
  public StartGraph<T> add(T member) {
    before.computeIfAbsent(member, k -> new LinkedHashSet<>());
    return this;
  }

  /** {@code first} starts before {@code then}; both are added when they are not members yet. */
  public StartGraph<T> edge(T first, T then) {
    add(first);
    if (!first.equals(then)) {
      add(then).before.get(then).add(first);
    }
    return this;
  }

  /** True when {@code then} must start after {@code first}: it connects to it, or names it in its after. */
  public static boolean startsBefore(Service first, Service then) {
    if (first.name().equals(then.name())) {
      return false;
    }
    return then.after().contains(first.name()) || first.access().stream()
        .anyMatch(a -> a.from() == ServiceAccess.From.SERVICE && a.service().orElse("").equals(then.name()));
  }

  /** The graph of {@code services}, ties broken in their order. */
  public static StartGraph<Service> of(List<Service> services) {
    StartGraph<Service> g = new StartGraph<>();
    services.forEach(g::add);
    for (Service first : services) {
      for (Service then : services) {
        if (startsBefore(first, then)) {
          g.edge(first, then);
        }
      }
    }
    return g;
  }

  /** Every member, each after those it waits for; of those free to go, the first added goes first. */
  public List<T> order() {
    Set<T> left = new LinkedHashSet<>(before.keySet());
    List<T> order = new ArrayList<>();
    while (!left.isEmpty()) {
      T next = left.stream().filter(m -> before.get(m).stream().noneMatch(left::contains)).findFirst()
          .orElse(left.iterator().next());
      order.add(next);
      left.remove(next);
    }
    return order;
  }

  /**
   * Each member's phase: 0 for one that waits for nothing, else one more than the highest phase of those it waits
   * for. An edge a cycle's cut leaves pointing backwards in {@link #order()} orders nothing.
   */
  public Map<T, Integer> phases() {
    Map<T, Integer> phases = new HashMap<>();
    for (T m : order()) {
      int phase = 0;
      for (T b : before.get(m)) {
        Integer p = phases.get(b);
        if (p != null) {
          phase = Math.max(phase, p + 1);
        }
      }
      phases.put(m, phase);
    }
    return phases;
  }
}
