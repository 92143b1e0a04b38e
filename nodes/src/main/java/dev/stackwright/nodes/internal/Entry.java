package dev.stackwright.nodes.internal;

import dev.stackwright.spi.HeldResource;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One resource as the state root holds it: its cloud id (its directory's name), its ownership marker (cluster and
 * logical id; empty for a resource made by hand), its spec, the facts observation reports (MAC, status), what the
 * host holds for it ({@code host}: a namespace, a pid; never reported) and the cloud ids it refers to.
 */
public record Entry(String cloudId, Optional<String> cluster, Optional<ResourceId> id, ResourceSpec spec,
    Map<String, String> facts, Map<String, String> host, Set<String> refs) implements HeldResource {

  public Entry {
    facts = Map.copyOf(facts);
    host = Map.copyOf(host);
    refs = Set.copyOf(refs);
  }

  @Override
  public boolean ownedBy(String name) {
    return cluster.filter(name::equals).isPresent();
  }

  public Entry withFact(String key, String value) {
    Map<String, String> f = new HashMap<>(facts);
    f.put(key, value);
    return new Entry(cloudId, cluster, id, spec, f, host, refs);
  }

  public Entry withHost(String key, String value) {
    Map<String, String> h = new HashMap<>(host);
    h.put(key, value);
    return new Entry(cloudId, cluster, id, spec, facts, h, refs);
  }

  public Entry with(ResourceSpec newSpec, Set<String> newRefs) {
    return new Entry(cloudId, cluster, id, newSpec, facts, host, newRefs);
  }
}
