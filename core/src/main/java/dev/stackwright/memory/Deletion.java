package dev.stackwright.memory;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What deleting a resource from the in-memory cloud refuses and takes with it, as Neutron and Nova do: a resource in
 * use is a conflict, a deleted port leaves its server, a deleted group's rules leave the groups that name it. Not
 * thread-safe: called under the cloud's lock, on the cloud's own entries.
 */
final class Deletion {
  private final Map<String, CloudEntry> entries;

  Deletion(Map<String, CloudEntry> entries) {
    this.entries = entries;
  }

  /** Removes {@code e} (known to the caller as {@code id}), or throws a conflict naming what still uses it. */
  void remove(CloudEntry e, ResourceId id) {
    for (CloudEntry other : entries.values()) {
      if (other != e && other.refs().contains(e.cloudId()) && !(other.spec() instanceof ServerSpec)
          && !(other.spec() instanceof SecurityGroupSpec && e.spec() instanceof SecurityGroupSpec)) {
        throw new BackendException(Reason.CONFLICT, id, e.spec().name() + " is in use by "
            + other.spec().name() + " (" + other.cloudId() + ")", 409, null, null);
      }
    }
    entries.remove(e.cloudId());
    if (e.spec() instanceof PortSpec) {
      detach(e.cloudId());
    }
    if (e.spec() instanceof SecurityGroupSpec) {
      dropRulesNaming(e);
    }
  }

  /** As Neutron does: the rules of other groups that name a deleted group go with it. */
  private void dropRulesNaming(CloudEntry group) {
    for (CloudEntry other : List.copyOf(entries.values())) {
      if (other.spec() instanceof SecurityGroupSpec g && other.refs().contains(group.cloudId())) {
        Set<String> refs = new LinkedHashSet<>(other.refs());
        refs.remove(group.cloudId());
        SecurityGroupSpec without = group.id().map(id -> g.withoutRulesNaming(Set.of(id))).orElse(g);
        entries.put(other.cloudId(), new CloudEntry(other.cloudId(), other.cluster(), other.id(), without,
            other.facts(), refs));
      }
    }
  }

  /** As Neutron does: a deleted port is gone from its server, which stays and is observed without a port. */
  private void detach(String portCloudId) {
    for (CloudEntry server : List.copyOf(entries.values())) {
      if (server.spec() instanceof ServerSpec s && server.refs().contains(portCloudId)) {
        Set<String> refs = new LinkedHashSet<>(server.refs());
        refs.remove(portCloudId);
        entries.put(server.cloudId(), new CloudEntry(server.cloudId(), server.cluster(), server.id(), s.withoutPort(),
            server.facts(), refs));
      }
    }
  }
}
