package dev.stackwright.engine;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.UserDataPolicy;
import dev.stackwright.spi.Capabilities;
import dev.stackwright.spi.FloatingIpSpec;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Desired and observed resources written by hand, for the planner's and the step graph's own tests: no model, no
 * renderer, no backend. Every name is {@code hand-<key>} and every cloud id {@code cloud-<key>}.
 */
final class HandMade {
  static final String CLUSTER = "hand";

  private HandMade() {}

  static ResourceId id(ResourceKind kind, String key) {
    return ResourceId.of(kind, key);
  }

  static SecurityGroupSpec group(String key, RuleSpec... rules) {
    return new SecurityGroupSpec(id(ResourceKind.SECURITY_GROUP, key), "hand-" + key, "", List.of(rules));
  }

  static ServerGroupSpec serverGroup(String key, String policy) {
    return new ServerGroupSpec(id(ResourceKind.SERVER_GROUP, key), "hand-" + key, policy);
  }

  static PortSpec port(String key, String address, String... groups) {
    return new PortSpec(id(ResourceKind.PORT, key), "hand-" + key, "internal", Set.of(Ipv4Address.parse(address)),
        Set.copyOf(Arrays.stream(groups).map(g -> id(ResourceKind.SECURITY_GROUP, g)).toList()));
  }

  static FloatingIpSpec floatingIp(String key, String port) {
    return new FloatingIpSpec(id(ResourceKind.FLOATING_IP, key), "fip-" + key, "public", id(ResourceKind.PORT, port));
  }

  /** A server on port {@code key}, booting {@code userData}; {@code roles} go to its metadata as the engine's do. */
  static ServerSpec server(String key, String flavor, String userData, String... roles) {
    return server(key, flavor, userData, Optional.empty(), roles);
  }

  static ServerSpec server(String key, String flavor, String userData, Optional<String> serverGroup,
      String... roles) {
    Map<String, String> metadata = roles.length == 0 ? Map.of()
        : Map.of(DesiredState.META_ROLES, String.join(",", roles));
    return new ServerSpec(id(ResourceKind.SERVER, key), "hand-" + key, flavor, "debian-12",
        id(ResourceKind.PORT, key), Optional.empty(), serverGroup.map(g -> id(ResourceKind.SERVER_GROUP, g)),
        userData, ServerSpec.sha256(userData), Map.of("/etc/hand.conf", ServerSpec.fileDigest(userData)), metadata);
  }

  /** What the cloud shows of {@code spec} (a server's user-data by its digests only), with these facts. */
  static Observed have(ResourceSpec spec, String... facts) {
    return have("cloud-" + spec.id().key(), spec, facts);
  }

  static Observed have(String cloudId, ResourceSpec spec, String... facts) {
    Map<String, String> f = new LinkedHashMap<>();
    for (int i = 0; i < facts.length; i += 2) {
      f.put(facts[i], facts[i + 1]);
    }
    ResourceSpec seen = spec instanceof ServerSpec s ? s.withoutUserData() : spec;
    return new Observed(spec.id(), cloudId, seen, f);
  }

  static DesiredState desired(ResourceSpec... specs) {
    return desired(Map.of(), Set.of(), specs);
  }

  static DesiredState desired(Map<ResourceId, UserDataPolicy> policies, Set<ResourceId> afterPorts,
      ResourceSpec... specs) {
    return new DesiredState(CLUSTER, List.of(specs), policies, afterPorts, List.of(),
        DesiredState.BUILT_INS_WITHOUT_DATA);
  }

  static Observation observed(Observed... found) {
    return Observation.of(CLUSTER, List.of(found));
  }

  /** Every kind, with security groups, ports and floating IPs changed in place. */
  static Capabilities full() {
    return Capabilities.full(4);
  }

  /** Every kind, nothing changed in place. */
  static Capabilities noUpdates() {
    return new Capabilities(Set.of(ResourceKind.values()), Set.of(), 4);
  }
}
