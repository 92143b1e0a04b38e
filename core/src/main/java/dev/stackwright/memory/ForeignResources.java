package dev.stackwright.memory;

import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.NetworkSpec;
import dev.stackwright.spi.SubnetSpec;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.model.Ipv4Address;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Resources that are not ours, as a person or another tool would make them in the in-memory cloud: no cluster
 * marker, checked against the same catalogue, quotas and addresses as ours. Not thread-safe: called under the
 * cloud's lock, on the cloud's own entries.
 */
final class ForeignResources {
  private final Map<String, CloudEntry> entries;
  private final CloudRules rules;

  ForeignResources(Map<String, CloudEntry> entries, CloudRules rules) {
    this.entries = entries;
    this.rules = rules;
  }

  String port(String name, String network, String address) {
    PortSpec spec = new PortSpec(ResourceId.of(ResourceKind.PORT, "foreign-" + name), name, network,
        Set.of(Ipv4Address.parse(address)), Set.of());
    Map<String, String> facts = new HashMap<>();
    rules.check(spec, facts, null, entries.values());
    return add(spec, facts, onMadeNetwork(network));
  }

  /** The cloud ids of the network made under {@code name} and of its subnets, as a port on it refers to them. */
  private Set<String> onMadeNetwork(String name) {
    Set<String> refs = new LinkedHashSet<>();
    entries.values().stream().filter(e -> e.spec() instanceof NetworkSpec && e.spec().name().equals(name))
        .forEach(n -> {
          refs.add(n.cloudId());
          entries.values().stream().filter(e -> e.spec() instanceof SubnetSpec && e.refs().contains(n.cloudId()))
              .forEach(e -> refs.add(e.cloudId()));
        });
    return refs;
  }

  String server(String name, String flavor, String image, String portCloudId) {
    ServerSpec spec = new ServerSpec(ResourceId.of(ResourceKind.SERVER, "foreign-" + name), name, flavor, image,
        ResourceId.of(ResourceKind.PORT, "foreign"), Optional.empty(), Optional.empty(), "", "", Map.of(), Map.of());
    Map<String, String> facts = new HashMap<>();
    rules.check(spec, facts, null, entries.values());
    facts.put(Observed.Facts.STATUS, "ACTIVE");
    return add(spec, facts, Set.of(portCloudId));
  }

  String securityGroup(String name) {
    return add(new SecurityGroupSpec(ResourceId.of(ResourceKind.SECURITY_GROUP, "foreign-" + name), name,
        "made by hand", List.of()), new HashMap<>(), Set.of());
  }

  String keypair(String name, String publicKey) {
    KeypairSpec spec = new KeypairSpec(ResourceId.of(ResourceKind.KEYPAIR, "foreign"), name, publicKey);
    rules.check(spec, new HashMap<>(), null, entries.values());
    add(spec, new HashMap<>(), Set.of());
    return name;
  }

  /** The group, with the servers of these cloud ids put in it (ours or not, as a person could boot them). */
  String serverGroup(String name, String policy, String... members) {
    String id = add(new ServerGroupSpec(ResourceId.of(ResourceKind.SERVER_GROUP, "foreign"), name, policy),
        new HashMap<>(), Set.of());
    for (String member : members) {
      CloudEntry server = entries.get(member);
      Set<String> refs = new LinkedHashSet<>(server.refs());
      refs.add(id);
      entries.put(member, new CloudEntry(member, server.cluster(), server.id(), server.spec(), server.facts(), refs));
    }
    return id;
  }

  private String add(ResourceSpec spec, Map<String, String> facts, Set<String> refs) {
    String cloudId = UUID.randomUUID().toString();
    entries.put(cloudId, new CloudEntry(cloudId, Optional.empty(), Optional.empty(), spec, facts, refs));
    return cloudId;
  }
}
