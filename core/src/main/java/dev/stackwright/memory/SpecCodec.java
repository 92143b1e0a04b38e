package dev.stackwright.memory;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.spi.NetworkSpec;
import dev.stackwright.spi.RouterSpec;
import dev.stackwright.spi.SubnetSpec;
import dev.stackwright.spi.FloatingIpSpec;
import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A resource spec as the state file holds it: one JSON object per spec, its kind first, every field by name, sets
 * sorted so that the same cloud writes the same file. A server's user-data is not there: the cloud keeps only its
 * digests, as a real one gives them back.
 */
final class SpecCodec {
  private SpecCodec() {}

  static Map<String, Object> write(ResourceSpec spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", spec.id().kind().id());
    m.put("id", spec.id().toString());
    m.put("name", spec.name());
    if (spec instanceof NetworkSpec) {
      // its name is all it has
    } else if (spec instanceof SubnetSpec s) {
      m.put("network", s.network().toString());
      m.put("cidr", s.cidr().toString());
      s.gateway().ifPresent(g -> m.put("gateway", g.toString()));
      m.put("allocationPool", s.allocationPool().toString());
      m.put("dnsServers", s.dnsServers().stream().map(Ipv4Address::toString).toList());
    } else if (spec instanceof RouterSpec r) {
      m.put("externalNetwork", r.externalNetwork());
      m.put("subnet", r.subnet().toString());
    } else if (spec instanceof KeypairSpec k) {
      m.put("publicKey", k.publicKey());
    } else if (spec instanceof SecurityGroupSpec g) {
      m.put("description", g.description());
      m.put("rules", g.rules().stream().map(SpecCodec::rule).toList());
    } else if (spec instanceof ServerGroupSpec g) {
      m.put("policy", g.policy());
    } else if (spec instanceof PortSpec p) {
      m.put("network", p.network());
      m.put("fixedIps", p.sortedFixedIps().stream().map(Ipv4Address::toString).toList());
      m.put("securityGroups", ids(p.securityGroups()));
      p.subnet().ifPresent(sub -> m.put("subnet", sub.toString()));
    } else if (spec instanceof ServerSpec s) {
      server(s, m);
    } else if (spec instanceof FloatingIpSpec f) {
      m.put("externalNetwork", f.externalNetwork());
      m.put("port", f.port().toString());
      f.router().ifPresent(r -> m.put("router", r.toString()));
    }
    return m;
  }

  private static void server(ServerSpec s, Map<String, Object> m) {
    m.put("flavor", s.flavor());
    m.put("image", s.image());
    m.put("port", s.port().toString());
    s.keypair().ifPresent(k -> m.put("keypair", k.toString()));
    s.serverGroup().ifPresent(g -> m.put("serverGroup", g.toString()));
    m.put("userDataSha256", s.userDataSha256());
    m.put("fileDigests", new TreeMap<>(s.fileDigests()));
    m.put("metadata", new TreeMap<>(s.metadata()));
  }

  private static Map<String, Object> rule(RuleSpec r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("protocol", r.protocol());
    m.put("portMin", (long) r.portMin());
    m.put("portMax", (long) r.portMax());
    r.remoteCidr().ifPresent(c -> m.put("remoteCidr", c));
    r.remoteGroup().ifPresent(g -> m.put("remoteGroup", g.toString()));
    m.put("purpose", r.purpose());
    return m;
  }

  private static List<String> ids(java.util.Collection<ResourceId> ids) {
    return ids.stream().sorted().map(ResourceId::toString).toList();
  }

  /** The spec {@code f} holds; an {@link IllegalArgumentException} naming the field that is wrong. */
  static ResourceSpec read(Fields f) {
    ResourceKind kind = ResourceKind.of(f.string("kind"));
    ResourceId id = id(f, "id");
    if (id.kind() != kind) {
      throw new IllegalArgumentException(f.where() + ".id " + id + " is not a " + kind.id());
    }
    String name = f.string("name");
    return switch (kind) {
      case KEYPAIR -> new KeypairSpec(id, name, f.string("publicKey"));
      case SECURITY_GROUP -> new SecurityGroupSpec(id, name, f.string("description"),
          f.objects("rules").stream().map(SpecCodec::rule).toList());
      case SERVER_GROUP -> new ServerGroupSpec(id, name, f.string("policy"));
      case PORT -> new PortSpec(id, name, f.string("network"),
          f.strings("fixedIps").stream().map(Ipv4Address::parse).collect(Collectors.toSet()),
          f.strings("securityGroups").stream().map(ResourceId::parse).collect(Collectors.toSet()),
          optionalId(f, "subnet"));
      case SERVER -> new ServerSpec(id, name, f.string("flavor"), f.string("image"), id(f, "port"),
          f.optionalString("keypair").map(ResourceId::parse), f.optionalString("serverGroup").map(ResourceId::parse),
          "", f.string("userDataSha256"), f.stringMap("fileDigests"), f.stringMap("metadata"));
      case FLOATING_IP -> new FloatingIpSpec(id, name, f.string("externalNetwork"), id(f, "port"),
          optionalId(f, "router"));
      case NETWORK -> new NetworkSpec(id, name);
      case SUBNET -> new SubnetSpec(id, name, id(f, "network"), Ipv4Network.parse(f.string("cidr")),
          f.optionalString("gateway").map(Ipv4Address::parse), Ipv4Network.parse(f.string("allocationPool")),
          f.strings("dnsServers").stream().map(Ipv4Address::parse).toList());
      case ROUTER -> new RouterSpec(id, name, f.string("externalNetwork"), id(f, "subnet"));
    };
  }

  private static RuleSpec rule(Fields f) {
    return new RuleSpec(f.string("protocol"), f.integer("portMin"), f.integer("portMax"),
        f.optionalString("remoteCidr"), f.optionalString("remoteGroup").map(ResourceId::parse),
        f.optionalString("purpose").orElse(""));
  }

  private static ResourceId id(Fields f, String key) {
    return ResourceId.parse(f.string(key));
  }

  static Optional<ResourceId> optionalId(Fields f, String key) {
    return f.optionalString(key).map(ResourceId::parse);
  }
}
