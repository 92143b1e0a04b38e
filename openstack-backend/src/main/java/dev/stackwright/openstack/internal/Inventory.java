package dev.stackwright.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a cluster owns in the cloud, read with one filtered list request per kind (more only when a kind has more
 * than a page of them): ports and floating IPs by the cluster's tag, security groups with their rules by its tag or
 * marker ({@link Neutron#securityGroupsOf}); servers by their name prefix and metadata; keypairs and server groups,
 * which carry no tags or metadata, by name. Immutable.
 */
public record Inventory(List<PortState> ports, List<SecurityGroupState> securityGroups,
    List<FloatingIpState> floatingIps, List<ServerState> servers, List<KeypairState> keypairs,
    List<ServerGroupState> serverGroups) {

  /** A port as observed. Fixed addresses are a set: Neutron does not keep their order. */
  public record PortState(String id, String name, Optional<Marker> marker, String networkId,
      Set<NeutronValues.FixedIp> fixedIps, List<String> securityGroupIds, String deviceId, String status, String mac) {}

  /** A rule as observed. */
  public record RuleState(String id, NeutronValues.RuleSpec spec) {}

  /** A security group as observed; {@code description} is what follows the marker in Neutron's description. */
  public record SecurityGroupState(String id, String name, Optional<Marker> marker, String description,
      List<RuleState> rules) {}

  /** A floating IP as observed; {@code routerId}: the router Neutron reaches its port through, once associated. */
  public record FloatingIpState(String id, String address, Optional<Marker> marker, String networkId,
      Optional<String> portId, Optional<String> fixedIp, Optional<String> routerId) {}

  /**
   * A server as observed; its image by id, its flavour by name when Nova embeds it (microversion 2.47 and later) else
   * by id, its owner and other facts in its metadata.
   */
  public record ServerState(String id, String name, Optional<Marker> marker, String status, Optional<String> flavorName,
      String flavorId,
      String imageId, Optional<String> keyName, Map<String, String> metadata, Optional<String> fault) {}

  public record KeypairState(String name, String publicKey, String fingerprint) {}

  public record ServerGroupState(String id, String name, String policy, List<String> members) {}

  /**
   * Reads everything the cluster owns.
   *
   * @param serverNamePrefix narrows the server list on the cloud's side (Nova's name filter) when every server name
   *     of the cluster starts with it
   * @param ownsByName decides which keypairs and server groups are the cluster's, from their names
   */
  public static Inventory observe(CloudClient cloud, String cluster, Optional<String> serverNamePrefix,
      Predicate<String> ownsByName) {
    List<PortState> ports = new ArrayList<>();
    for (JsonNode p : cloud.neutron().portsOf(cluster)) {
      ports.add(port(p));
    }
    List<SecurityGroupState> groups = new ArrayList<>();
    for (JsonNode g : cloud.neutron().securityGroupsOf(cluster)) {
      groups.add(securityGroup(g));
    }
    List<FloatingIpState> fips = new ArrayList<>();
    for (JsonNode f : cloud.neutron().floatingIpsOf(cluster)) {
      fips.add(floatingIp(f));
    }
    List<ServerState> servers = new ArrayList<>();
    for (JsonNode s : cloud.nova().serversOf(cluster, serverNamePrefix)) {
      servers.add(server(s));
    }
    List<KeypairState> keypairs = new ArrayList<>();
    for (JsonNode k : cloud.nova().keypairs()) {
      if (ownsByName.test(k.path("name").asText())) {
        keypairs.add(keypair(k));
      }
    }
    List<ServerGroupState> serverGroups = new ArrayList<>();
    for (JsonNode g : cloud.nova().serverGroups()) {
      if (ownsByName.test(g.path("name").asText())) {
        serverGroups.add(serverGroup(g));
      }
    }
    return new Inventory(List.copyOf(ports), List.copyOf(groups), List.copyOf(fips), List.copyOf(servers),
        List.copyOf(keypairs), List.copyOf(serverGroups));
  }

  public static PortState port(JsonNode p) {
    return new PortState(p.path("id").asText(), p.path("name").asText(),
        Marker.fromDescription(p.path("description").asText(null)), p.path("network_id").asText(),
        new LinkedHashSet<>(NeutronValues.fixedIps(p)), NeutronValues.securityGroupIds(p),
        p.path("device_id").asText(""), p.path("status").asText(""), p.path("mac_address").asText(""));
  }

  public static SecurityGroupState securityGroup(JsonNode g) {
    List<RuleState> rules = new ArrayList<>();
    for (JsonNode r : g.path("security_group_rules")) {
      rules.add(rule(r));
    }
    return new SecurityGroupState(g.path("id").asText(), g.path("name").asText(),
        Marker.fromDescription(g.path("description").asText(null)), Marker.textOf(g.path("description").asText(null)),
        List.copyOf(rules));
  }

  public static RuleState rule(JsonNode r) {
    return new RuleState(r.path("id").asText(), new NeutronValues.RuleSpec(r.path("direction").asText(),
        r.path("ethertype").asText(), text(r, "protocol"), number(r, "port_range_min"),
        number(r, "port_range_max"), text(r, "remote_ip_prefix"), text(r, "remote_group_id"),
        r.path("description").asText("")));
  }

  public static FloatingIpState floatingIp(JsonNode f) {
    return new FloatingIpState(f.path("id").asText(), f.path("floating_ip_address").asText(),
        Marker.fromDescription(f.path("description").asText(null)), f.path("floating_network_id").asText(),
        text(f, "port_id"), text(f, "fixed_ip_address"), text(f, "router_id"));
  }

  public static ServerState server(JsonNode s) {
    Map<String, String> meta = Nova.metadata(s);
    JsonNode image = s.path("image");
    JsonNode fault = s.path("fault");
    return new ServerState(s.path("id").asText(), s.path("name").asText(), Marker.fromMetadata(meta),
        s.path("status").asText(), text(s.path("flavor"), "original_name"), s.path("flavor").path("id").asText(""),
        image.isObject() ? image.path("id").asText("") : "", text(s, "key_name"), meta,
        fault.isObject() ? Optional.of(fault.path("message").asText("")) : Optional.empty());
  }

  public static KeypairState keypair(JsonNode k) {
    return new KeypairState(k.path("name").asText(), k.path("public_key").asText("").strip(),
        k.path("fingerprint").asText(""));
  }

  public static ServerGroupState serverGroup(JsonNode g) {
    List<String> members = new ArrayList<>();
    g.path("members").forEach(m -> members.add(m.asText()));
    return new ServerGroupState(g.path("id").asText(), g.path("name").asText(), Nova.policy(g),
        List.copyOf(members));
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isTextual() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
  }

  private static Optional<Integer> number(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isNumber() ? Optional.of(v.asInt()) : Optional.empty();
  }
}
