package dev.stackwright.local.internal;

import dev.stackwright.internal.StartGraph;
import dev.stackwright.local.LocalProcess;
import dev.stackwright.model.Service;
import java.util.Map;
import java.util.Set;

/**
 * The order a local run starts processes in, from the same graph as the nodes' boot steps ({@link StartGraph}): a
 * process after every process of the services its own must start after (it connects to them, or names them in
 * {@link Service#after()}), and after the processes it names itself. A process's phase is one more than the highest
 * phase of those; ties and cycles go by the order the processes are given in, so every run plans alike.
 */
final class StartOrder {
  private final Map<String, Integer> phases;

  /**
   * @param processes the processes that run, by name, in the cluster's order
   * @param servicesOf the services each process stands in for, by process name
   */
  StartOrder(Map<String, LocalProcess> processes, Map<String, Set<Service>> servicesOf) {
    StartGraph<String> graph = new StartGraph<>();
    processes.keySet().forEach(graph::add);
    for (String then : processes.keySet()) {
      for (String first : processes.keySet()) {
        if (startsBefore(servicesOf.getOrDefault(first, Set.of()), servicesOf.getOrDefault(then, Set.of()))) {
          graph.edge(first, then);
        }
      }
      processes.get(then).after().stream().filter(processes::containsKey).forEach(first -> graph.edge(first, then));
    }
    this.phases = graph.phases();
  }

  /** The phase of {@code name}: 0 for a process that waits for nothing. */
  int phase(String name) {
    return phases.getOrDefault(name, 0);
  }

  private static boolean startsBefore(Set<Service> first, Set<Service> then) {
    return first.stream().anyMatch(f -> then.stream().anyMatch(t -> StartGraph.startsBefore(f, t)));
  }
}
