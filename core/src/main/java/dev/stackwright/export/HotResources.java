package dev.stackwright.export;

import dev.stackwright.export.HotYaml.Fn;
import dev.stackwright.export.HotYaml.Word;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.spi.FloatingIpSpec;
import dev.stackwright.spi.NetworkSpec;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RouterSpec;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.spi.SubnetSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters, resources and outputs of a HOT template, one resource per spec the engine derived (each security
 * group's rules as resources of their own, so that two groups naming each other make no dependency loop), each named
 * by its kind and key ({@code port_webserver-1}). What the cloud names (networks, images, the keypair) is a parameter
 * whose default is the model's name; an owned network, its subnet and router are resources of the stack (the router's
 * interface on the subnet one more), and its ports and floating IPs refer to them.
 */
final class HotResources {
  static final String KEY_NAME = "key_name";
  /** What a stack's server group's name starts with, before the engine's name for it. */
  static final String HEAT_GROUP_PREFIX = "heat-";

  private final Cluster cluster;
  private final Map<String, Object> parameters = new LinkedHashMap<>();
  private final Map<String, Optional<String>> defaults = new LinkedHashMap<>();
  private final Map<String, Object> resources = new LinkedHashMap<>();
  private final Map<String, Object> outputs = new LinkedHashMap<>();
  private final Map<ResourceId, String> names = new HashMap<>();
  /** The parameter for each value the cloud names, by kind ("network", "image") then value. */
  private final Map<String, Map<String, String>> named = new HashMap<>();
  /** The owned subnets by id, for the ports on them. */
  private final Map<ResourceId, SubnetSpec> subnets = new HashMap<>();

  private HotResources(Cluster cluster) {
    this.cluster = cluster;
  }

  static HotResources of(Cluster cluster, List<ResourceSpec> specs) {
    HotResources hot = new HotResources(cluster);
    List<ResourceSpec> sorted = specs.stream().sorted(Comparator.comparing(ResourceSpec::id)).toList();
    sorted.forEach(s -> hot.names.put(s.id(), hot.logicalName(s.id())));
    sorted.stream().filter(SubnetSpec.class::isInstance).forEach(s -> hot.subnets.put(s.id(), (SubnetSpec) s));
    hot.parameter(KEY_NAME, Optional.empty(), "nova.keypair", "the keypair the servers boot with: one of the"
        + " project's (openstack keypair create)");
    sorted.forEach(hot::add);
    return hot;
  }

  Map<String, Object> parameters() {
    return parameters;
  }

  Map<String, Optional<String>> defaults() {
    return defaults;
  }

  Map<String, Object> resources() {
    return resources;
  }

  Map<String, Object> outputs() {
    return outputs;
  }

  private void add(ResourceSpec spec) {
    if (spec instanceof SecurityGroupSpec g) {
      group(g);
    } else if (spec instanceof ServerGroupSpec g) {
      // a server group's name is its only ownership mark (OwnedNames): under the engine's name, the stack's group
      // would be taken for the cluster's own by plan and deleted by destroy
      resource(g.id(), "OS::Nova::ServerGroup", props("name", HEAT_GROUP_PREFIX + g.name(), "policies",
          List.of(g.policy())));
    } else if (spec instanceof PortSpec p) {
      port(p);
    } else if (spec instanceof ServerSpec s) {
      server(s);
    } else if (spec instanceof FloatingIpSpec f) {
      floatingIp(f);
    } else if (spec instanceof NetworkSpec n) {
      resource(n.id(), "OS::Neutron::Net", props("name", n.name()));
    } else if (spec instanceof SubnetSpec s) {
      subnet(s);
    } else if (spec instanceof RouterSpec r) {
      router(r);
    } else {
      throw new IllegalArgumentException("a Heat template has no resource for " + spec.id() + " yet");
    }
  }

  private void group(SecurityGroupSpec g) {
    resource(g.id(), "OS::Neutron::SecurityGroup", props("name", g.name(), "description", g.description()));
    int n = 0;
    for (RuleSpec r : g.rules()) {
      Map<String, Object> p = props("security_group", ref(g.id()), "direction", new Word("ingress"),
          "ethertype", new Word("IPv4"), "protocol", r.protocol(), "port_range_min", r.portMin(),
          "port_range_max", r.portMax());
      r.remoteCidr().ifPresent(cidr -> p.put("remote_ip_prefix", cidr));
      r.remoteGroup().ifPresent(other -> p.put("remote_group", ref(other)));
      if (!r.purpose().isEmpty()) {
        p.put("description", r.purpose());
      }
      put(names.get(g.id()) + "_rule_" + ++n, typed("OS::Neutron::SecurityGroupRule", p));
    }
  }

  private void port(PortSpec p) {
    List<Object> ips = new ArrayList<>();
    p.sortedFixedIps().forEach(ip -> ips.add(p.subnet().isEmpty() ? props("ip_address", ip.toString())
        : props("subnet", ref(p.subnet().get()), "ip_address", ip.toString())));
    List<Object> groups = new ArrayList<>();
    p.securityGroups().stream().sorted().forEach(g -> groups.add(ref(g)));
    Object network = p.subnet().map(subnets::get).map(s -> (Object) ref(s.network())).orElseGet(() -> param(
        "network", p.network(), "neutron.network", "the network of the ports and their fixed addresses"));
    resource(p.id(), "OS::Neutron::Port", props("name", p.name(), "network", network, "fixed_ips", ips,
        "security_groups", groups));
  }

  /** The DHCP pool's block as Neutron's allocation pool: its host addresses, first to last. */
  private void subnet(SubnetSpec s) {
    Ipv4Network pool = s.allocationPool();
    Map<String, Object> p = props("name", s.name(), "network", ref(s.network()), "ip_version", 4,
        "cidr", s.cidr().toString());
    s.gateway().ifPresent(g -> p.put("gateway_ip", g.toString()));
    p.put("allocation_pools", List.of(props("start", pool.host(1).toString(), "end",
        pool.host((int) pool.size() - 2).toString())));
    if (!s.dnsServers().isEmpty()) {
      p.put("dns_nameservers", s.dnsServers().stream().map(Object::toString).toList());
    }
    resource(s.id(), "OS::Neutron::Subnet", p);
  }

  /** The router and its interface on the subnet: a floating IP needs both before Neutron gives it a port. */
  private void router(RouterSpec r) {
    resource(r.id(), "OS::Neutron::Router", props("name", r.name(), "external_gateway_info", props("network",
        param("external_network", r.externalNetwork(), "neutron.network", "the external network the floating IPs"
            + " come from"))));
    put(interfaceOf(r.id()), typed("OS::Neutron::RouterInterface", props("router", ref(r.id()), "subnet",
        ref(r.subnet()))));
  }

  private String interfaceOf(ResourceId router) {
    return names.get(router) + "_interface";
  }

  private void server(ServerSpec s) {
    Map<String, Object> p = props("name", s.name(), "flavor", s.flavor(), "image", param("image", s.image(),
        "glance.image", "the image the servers boot"), "key_name", new Fn("get_param", KEY_NAME),
        "networks", List.of(props("port", ref(s.port()))));
    s.serverGroup().ifPresent(g -> p.put("scheduler_hints", props("group", ref(g))));
    p.put("metadata", new LinkedHashMap<>(new java.util.TreeMap<>(s.metadata())));
    // RAW: the rendered cloud-init as it is; Heat's other formats wrap it in a multipart of their own
    p.put("user_data_format", new Word("RAW"));
    p.put("user_data", s.userData());
    resource(s.id(), "OS::Nova::Server", p);
    cluster.node(s.id().key()).filter(HotResources::entryPoint).ifPresent(node -> outputs.put(
        safe(node.name()) + "_addresses", output("the fixed addresses of " + what(node), new Fn("get_attr",
            List.of(names.get(s.port()), "fixed_ips")))));
  }

  private void floatingIp(FloatingIpSpec f) {
    Map<String, Object> resource = typed("OS::Neutron::FloatingIP", props("floating_network", param(
        "external_network", f.externalNetwork(), "neutron.network", "the external network the floating IPs come"
            + " from"), "port_id", ref(f.port())));
    f.router().ifPresent(r -> resource.put("depends_on", List.of(interfaceOf(r))));
    put(names.get(f.id()), resource);
    String node = f.port().key();
    outputs.put(safe(node) + "_public_address", output("the public address of " + cluster.node(node)
        .map(HotResources::what).orElse(node), new Fn("get_attr", List.of(names.get(f.id()),
        "floating_ip_address"))));
  }

  /** A node a user reaches from outside: one with a public-entry service (the load balancer, the controller). */
  private static boolean entryPoint(Node node) {
    return node.roles().stream().anyMatch(r -> r.kind().publicEntry());
  }

  /** "webserver-1, the webserver (load balancer)": the node and the titles of its public-entry services. */
  private static String what(Node node) {
    List<String> titles = node.roles().stream().filter(r -> r.kind().publicEntry()).map(r -> r.kind().title())
        .distinct().toList();
    return titles.isEmpty() ? node.name() : node.name() + ", the " + String.join(" and ", titles);
  }

  /**
   * The parameter that stands for {@code value}, the cloud's name of a {@code kind} of thing: {@code kind} for the
   * first value, {@code kind_2} for a second one, each defaulting to the model's name.
   */
  private Fn param(String kind, String value, String constraint, String description) {
    Map<String, String> values = named.computeIfAbsent(kind, k -> new LinkedHashMap<>());
    String name = values.computeIfAbsent(value, v -> values.isEmpty() ? kind : kind + "_" + (values.size() + 1));
    if (!parameters.containsKey(name)) {
      parameter(name, Optional.of(value), constraint, description);
    }
    return new Fn("get_param", name);
  }

  private void parameter(String name, Optional<String> fallback, String constraint, String description) {
    Map<String, Object> p = props("type", new Word("string"), "description", description);
    fallback.ifPresent(v -> p.put("default", v));
    p.put("constraints", List.of(props("custom_constraint", constraint)));
    parameters.put(name, p);
    defaults.put(name, fallback);
  }

  private void resource(ResourceId id, String type, Map<String, Object> properties) {
    put(names.get(id), typed(type, properties));
  }

  private void put(String name, Map<String, Object> resource) {
    if (resources.putIfAbsent(name, resource) != null) {
      throw new IllegalStateException("two resources would be named " + name + " in the template");
    }
  }

  private static Map<String, Object> typed(String type, Map<String, Object> properties) {
    return props("type", type, "properties", properties);
  }

  private static Map<String, Object> output(String description, Object value) {
    return props("description", description, "value", value);
  }

  /** {@code get_resource} of a resource of the template; one it does not have is a mistake of ours. */
  private Fn ref(ResourceId id) {
    return Optional.ofNullable(names.get(id)).map(n -> new Fn("get_resource", n)).orElseThrow(() ->
        new IllegalStateException(id + " is named by another resource but is not one the engine derived"));
  }

  private String logicalName(ResourceId id) {
    String name = id.kind().name().toLowerCase(java.util.Locale.ROOT) + "_" + safe(id.key());
    if (names.containsValue(name)) {
      throw new IllegalStateException("two resources would be named " + name + " in the template");
    }
    return name;
  }

  /** A key as a HOT name: letters, digits, {@code _ - .}; anything else becomes {@code _}. */
  private static String safe(String key) {
    return key.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  /** An ordered map of the keys and values given in turn. */
  static Map<String, Object> props(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
