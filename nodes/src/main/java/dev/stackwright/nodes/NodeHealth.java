package dev.stackwright.nodes;

import java.util.List;
import java.util.Map;

/**
 * One server's real state on the rig, read from inside its container rather than from cloud-init's word alone.
 *
 * @param server the server's name
 * @param cloudInit what {@code cloud-init status} says ({@code done}, {@code error}, {@code running}...), or why it
 *     could not be asked ({@code container not running})
 * @param failedSteps each failed required step, as {@code /var/lib/stackwright/failed-steps} lists it
 * @param notInstalled each optional step that installed nothing, with its reason ({@code not-installed})
 * @param services each unit the node's user-data enables, and {@code systemctl is-active}'s answer for it (or
 *     {@code not installed: REASON} for one whose optional install failed)
 * @param standIns what runs as a stand-in for the real thing, saying so (CouchDB on the rig)
 */
public record NodeHealth(String server, String cloudInit, List<String> failedSteps, List<String> notInstalled,
    Map<String, String> services, List<String> standIns) {

  public NodeHealth {
    failedSteps = List.copyOf(failedSteps);
    notInstalled = List.copyOf(notInstalled);
    services = Map.copyOf(services);
    standIns = List.copyOf(standIns);
  }

  /** cloud-init is done, no required step failed, and every installed service is active. */
  public boolean healthy() {
    return cloudInit.equals("done") && failedSteps.isEmpty() && services.values().stream()
        .allMatch(s -> s.equals("active") || s.startsWith("not installed"));
  }

  /** One line for a report, such as {@code web-1: done, services nginx=active; stand-ins: ...}. */
  public String summary() {
    StringBuilder s = new StringBuilder(server).append(": cloud-init ").append(cloudInit);
    if (!failedSteps.isEmpty()) {
      s.append(", failed steps ").append(failedSteps);
    }
    if (!notInstalled.isEmpty()) {
      s.append(", not installed ").append(notInstalled);
    }
    s.append(", services ").append(new java.util.TreeMap<>(services));
    if (!standIns.isEmpty()) {
      s.append("; stand-ins: ").append(standIns);
    }
    return s.toString();
  }
}
