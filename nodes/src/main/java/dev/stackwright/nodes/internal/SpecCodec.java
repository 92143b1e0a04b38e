package dev.stackwright.nodes.internal;

import dev.stackwright.model.Ipv4Network;
import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.NetworkSpec;
import dev.stackwright.spi.RouterSpec;
import dev.stackwright.spi.SubnetSpec;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.model.Ipv4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A spec as flat properties, and back. A server's user-data is never written (it holds the cluster's secrets): only
 * its digests, as a cloud keeps them; the user-data itself goes to the container's seed.
 */
final class SpecCodec {
  private SpecCodec() {}

  static void write(ResourceSpec spec, Properties p) {
    p.setProperty("spec.id", spec.id().toString());
    p.setProperty("spec.name", spec.name());
    if (spec instanceof KeypairSpec k) {
      p.setProperty("spec.publicKey", k.publicKey());
    } else if (spec instanceof ServerGroupSpec g) {
      p.setProperty("spec.policy", g.policy());
    } else if (spec instanceof SecurityGroupSpec g) {
      writeGroup(g, p);
    } else if (spec instanceof PortSpec port) {
      p.setProperty("spec.network", port.network());
      p.setProperty("spec.fixedIps", port.sortedFixedIps().stream().map(Object::toString)
          .collect(Collectors.joining(",")));
      p.setProperty("spec.securityGroups", joined(port.securityGroups()));
      port.subnet().ifPresent(s -> p.setProperty("spec.subnet", s.toString()));
    } else if (spec instanceof NetworkSpec) {
      // its name is all it has
    } else if (spec instanceof SubnetSpec s) {
      p.setProperty("spec.network", s.network().toString());
      p.setProperty("spec.cidr", s.cidr().toString());
      s.gateway().ifPresent(g -> p.setProperty("spec.gateway", g.toString()));
      p.setProperty("spec.allocationPool", s.allocationPool().toString());
      p.setProperty("spec.dnsServers", s.dnsServers().stream().map(Object::toString)
          .collect(Collectors.joining(",")));
    } else if (spec instanceof RouterSpec r) {
      p.setProperty("spec.externalNetwork", r.externalNetwork());
      p.setProperty("spec.subnet", r.subnet().toString());
    } else if (spec instanceof ServerSpec s) {
      writeServer(s, p);
    } else {
      throw new IllegalArgumentException("the nodes backend keeps no " + spec.id().kind().id());
    }
  }

  static ResourceSpec read(Properties p) {
    ResourceId id = ResourceId.parse(p.getProperty("spec.id"));
    String name = p.getProperty("spec.name");
    return switch (id.kind()) {
      case KEYPAIR -> new KeypairSpec(id, name, p.getProperty("spec.publicKey"));
      case SERVER_GROUP -> new ServerGroupSpec(id, name, p.getProperty("spec.policy"));
      case SECURITY_GROUP -> readGroup(id, name, p);
      case PORT -> new PortSpec(id, name, p.getProperty("spec.network"), split(p.getProperty("spec.fixedIps"))
          .stream().map(Ipv4Address::parse).collect(Collectors.toSet()), ids(p.getProperty("spec.securityGroups")),
          Optional.ofNullable(p.getProperty("spec.subnet")).map(ResourceId::parse));
      case SERVER -> readServer(id, name, p);
      case FLOATING_IP -> throw new IllegalArgumentException("the nodes backend keeps no floating IPs");
      case NETWORK -> new NetworkSpec(id, name);
      case SUBNET -> new SubnetSpec(id, name, ResourceId.parse(p.getProperty("spec.network")),
          Ipv4Network.parse(p.getProperty("spec.cidr")),
          Optional.ofNullable(p.getProperty("spec.gateway")).map(Ipv4Address::parse),
          Ipv4Network.parse(p.getProperty("spec.allocationPool")),
          split(p.getProperty("spec.dnsServers")).stream().map(Ipv4Address::parse).toList());
      case ROUTER -> new RouterSpec(id, name, p.getProperty("spec.externalNetwork"),
          ResourceId.parse(p.getProperty("spec.subnet")));
    };
  }

  private static void writeGroup(SecurityGroupSpec g, Properties p) {
    p.setProperty("spec.description", g.description());
    p.setProperty("spec.rules", String.valueOf(g.rules().size()));
    for (int i = 0; i < g.rules().size(); i++) {
      RuleSpec r = g.rules().get(i);
      String k = "spec.rule." + i + ".";
      p.setProperty(k + "protocol", r.protocol());
      p.setProperty(k + "ports", r.portMin() + "-" + r.portMax());
      r.remoteCidr().ifPresent(c -> p.setProperty(k + "cidr", c));
      r.remoteGroup().ifPresent(g2 -> p.setProperty(k + "group", g2.toString()));
      p.setProperty(k + "purpose", r.purpose());
    }
  }

  private static SecurityGroupSpec readGroup(ResourceId id, String name, Properties p) {
    List<RuleSpec> rules = new ArrayList<>();
    int n = Integer.parseInt(p.getProperty("spec.rules", "0"));
    for (int i = 0; i < n; i++) {
      String k = "spec.rule." + i + ".";
      String[] ports = p.getProperty(k + "ports").split("-");
      rules.add(new RuleSpec(p.getProperty(k + "protocol"), Integer.parseInt(ports[0]), Integer.parseInt(ports[1]),
          Optional.ofNullable(p.getProperty(k + "cidr")),
          Optional.ofNullable(p.getProperty(k + "group")).map(ResourceId::parse), p.getProperty(k + "purpose")));
    }
    return new SecurityGroupSpec(id, name, p.getProperty("spec.description"), rules);
  }

  private static void writeServer(ServerSpec s, Properties p) {
    p.setProperty("spec.flavor", s.flavor());
    p.setProperty("spec.image", s.image());
    p.setProperty("spec.port", s.port().toString());
    s.keypair().ifPresent(k -> p.setProperty("spec.keypair", k.toString()));
    s.serverGroup().ifPresent(g -> p.setProperty("spec.serverGroup", g.toString()));
    p.setProperty("spec.userDataSha256", s.userDataSha256());
    s.fileDigests().forEach((path, digest) -> p.setProperty("spec.file." + path, digest));
    s.metadata().forEach((k, v) -> p.setProperty("spec.meta." + k, v));
  }

  private static ServerSpec readServer(ResourceId id, String name, Properties p) {
    return new ServerSpec(id, name, p.getProperty("spec.flavor"), p.getProperty("spec.image"),
        ResourceId.parse(p.getProperty("spec.port")),
        Optional.ofNullable(p.getProperty("spec.keypair")).map(ResourceId::parse),
        Optional.ofNullable(p.getProperty("spec.serverGroup")).map(ResourceId::parse), "",
        p.getProperty("spec.userDataSha256"), prefixed(p, "spec.file."), prefixed(p, "spec.meta."));
  }

  static Map<String, String> prefixed(Properties p, String prefix) {
    Map<String, String> out = new TreeMap<>();
    for (String k : p.stringPropertyNames()) {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), p.getProperty(k));
      }
    }
    return out;
  }

  static String joined(Set<?> values) {
    return values.stream().map(Object::toString).sorted().collect(Collectors.joining(","));
  }

  static List<String> split(String text) {
    return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
  }

  private static Set<ResourceId> ids(String text) {
    return split(text).stream().map(ResourceId::parse).collect(Collectors.toSet());
  }
}
