package dev.stackwright.local.internal;

import dev.stackwright.local.LocalProcess;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServiceAccess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order a local run starts processes in, from the services' descriptors: a client after every process of the
 * services it connects to (their access names it), and after the processes it names itself. A process's phase is one
 * more than the highest phase of those; a cycle (two services that connect to each other) is cut where it closes.
 */
final class StartOrder {
  private final Map<String, LocalProcess> processes;
  private final Map<String, Set<Service>> servicesOf;
  private final Map<String, Integer> phases = new HashMap<>();
  private final Set<String> visiting = new HashSet<>();

  /**
   * @param processes the processes that run, by name
   * @param servicesOf the services each process stands in for, by process name
   */
  StartOrder(Map<String, LocalProcess> processes, Map<String, Set<Service>> servicesOf) {
    this.processes = processes;
    this.servicesOf = servicesOf;
  }

  /** The phase of {@code name}: 0 for a process that waits for nothing. */
  int phase(String name) {
    Integer known = phases.get(name);
    if (known != null) {
      return known;
    }
    if (!visiting.add(name)) {
      return -1; // a cycle: this edge orders nothing
    }
    int phase = 0;
    for (String before : before(name)) {
      phase = Math.max(phase, phase(before) + 1);
    }
    visiting.remove(name);
    phases.put(name, phase);
    return phase;
  }

  /** The processes that must answer before {@code name} starts. */
  private List<String> before(String name) {
    Set<String> servers = new HashSet<>();
    for (Service client : servicesOf.getOrDefault(name, Set.of())) {
      for (Map.Entry<String, Set<Service>> e : servicesOf.entrySet()) {
        if (e.getValue().stream().anyMatch(server -> connects(client, server))) {
          servers.add(e.getKey());
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String s : servers) {
      if (!s.equals(name) && processes.containsKey(s)) {
        out.add(s);
      }
    }
    for (String s : processes.get(name).after()) {
      if (processes.containsKey(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** True when {@code server}'s access lets {@code client} connect to it. */
  static boolean connects(Service client, Service server) {
    return !client.name().equals(server.name()) && server.access().stream()
        .anyMatch(a -> a.from() == ServiceAccess.From.SERVICE && a.service().orElse("").equals(client.name()));
  }
}
