package dev.stackwright.memory;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory cloud's hypervisors, as Nova places servers on them: a building server goes ACTIVE, or ERROR when its
 * strict anti-affinity group has no hypervisor left for it (a soft one places it anyway, as Nova does). Not
 * thread-safe: called under the cloud's lock, on the cloud's own entries.
 */
final class Hypervisors {
  private final int count;

  Hypervisors(int count) {
    this.count = count;
  }

  /**
   * Places every server still in BUILD (ACTIVE, or ERROR with its fault, as Nova leaves it); whether there was one.
   */
  boolean placeAllBuilding(Map<String, CloudEntry> entries) {
    boolean any = false;
    for (CloudEntry e : java.util.List.copyOf(entries.values())) {
      if (e.spec() instanceof ServerSpec && "BUILD".equals(e.facts().get(Observed.Facts.STATUS))) {
        try {
          place(e, e.spec().id(), entries);
        } catch (BackendException inError) {
          // stored in ERROR with its fault; the next plan replaces it
        }
        any = true;
      }
    }
    return any;
  }

  /** Stores {@code e} (known to the caller as {@code id}) ACTIVE and returns it, or stores it in ERROR and throws. */
  CloudEntry place(CloudEntry e, ResourceId id, Map<String, CloudEntry> entries) {
    ServerSpec server = (ServerSpec) e.spec();
    Map<String, String> facts = new HashMap<>(e.facts());
    Optional<String> group = server.serverGroup().flatMap(g -> e.refs().stream()
        .filter(r -> entries.get(r) != null && entries.get(r).spec() instanceof ServerGroupSpec sg
            && sg.policy().equals("anti-affinity")).findFirst());
    long members = group.map(g -> entries.values().stream().filter(o -> o != e && o.refs().contains(g)
        && "ACTIVE".equals(o.facts().get(Observed.Facts.STATUS))).count()).orElse(0L);
    if (members >= count) {
      facts.put(Observed.Facts.STATUS, "ERROR");
      facts.put(Observed.Facts.FAULT, "No valid host was found. There are not enough hosts available"
          + " (anti-affinity: " + members + " members on " + count + " hypervisors)");
      entries.put(e.cloudId(), e.withFacts(facts));
      throw new BackendException(Reason.NO_HOST, id, "went to ERROR: " + facts.get(Observed.Facts.FAULT));
    }
    facts.put(Observed.Facts.STATUS, "ACTIVE");
    CloudEntry active = e.withFacts(facts);
    entries.put(e.cloudId(), active);
    return active;
  }
}
