package dev.stackwright.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@link Neutron}'s requests are made of (ports, rules, security groups to create) and how its answers read
 * (a port's groups and addresses, a resource's tags, whether a rule is the one wanted). Values only: no calls.
 */
public final class NeutronValues {
  private NeutronValues() {}

  /** A fixed address of a port: the subnet and the IPv4 address. */
  public record FixedIp(String subnetId, String address) {}

  /** What a security group rule is made of; empty fields are left to Neutron's defaults. */
  public record RuleSpec(String direction, String ethertype, Optional<String> protocol, Optional<Integer> portMin,
      Optional<Integer> portMax, Optional<String> remoteIpPrefix, Optional<String> remoteGroupId,
      String description) {
    public RuleSpec {
      description = description == null ? "" : description;
    }

    /** A rule without a description. */
    public RuleSpec(String direction, String ethertype, Optional<String> protocol, Optional<Integer> portMin,
        Optional<Integer> portMax, Optional<String> remoteIpPrefix, Optional<String> remoteGroupId) {
      this(direction, ethertype, protocol, portMin, portMax, remoteIpPrefix, remoteGroupId, "");
    }
  }

  /** A port to create: its name, network, fixed addresses, security groups and ownership marker. */
  public record NewPort(String name, String networkId, List<FixedIp> fixedIps, List<String> securityGroupIds,
      Marker marker) {}

  /** A security group to create: its name, ownership marker, and {@code text}, a person's description of it. */
  public record NewGroup(String name, Marker marker, String text) {
    /** The group's description in the cloud: the marker, then the text. */
    public String description() {
      return marker.description(text);
    }
  }

  /** True when an existing rule is the one the spec describes. */
  public static boolean matches(JsonNode rule, RuleSpec spec) {
    return spec.direction().equals(rule.path("direction").asText())
        && spec.ethertype().equals(rule.path("ethertype").asText())
        && spec.protocol().equals(text(rule, "protocol"))
        && spec.portMin().equals(number(rule, "port_range_min"))
        && spec.portMax().equals(number(rule, "port_range_max"))
        && spec.remoteIpPrefix().equals(text(rule, "remote_ip_prefix"))
        && spec.remoteGroupId().equals(text(rule, "remote_group_id"));
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isTextual() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
  }

  private static Optional<Integer> number(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isNumber() ? Optional.of(v.asInt()) : Optional.empty();
  }

  /** The ids of the security groups on a port. */
  public static List<String> securityGroupIds(JsonNode port) {
    List<String> ids = new ArrayList<>();
    port.path("security_groups").forEach(s -> ids.add(s.asText()));
    return ids;
  }

  /** The fixed addresses of a port (Neutron does not keep their order). */
  public static List<FixedIp> fixedIps(JsonNode port) {
    List<FixedIp> ips = new ArrayList<>();
    port.path("fixed_ips").forEach(ip -> ips.add(new FixedIp(ip.path("subnet_id").asText(),
        ip.path("ip_address").asText())));
    return ips;
  }

  /** The tags of a resource. */
  public static List<String> tags(JsonNode resource) {
    List<String> tags = new ArrayList<>();
    resource.path("tags").forEach(t -> tags.add(t.asText()));
    return tags;
  }

  /** Whether a resource carries a marker's tags. */
  static boolean hasTags(JsonNode resource, Marker marker) {
    return hasTags(resource, marker.tags());
  }

  /** Whether a resource carries every one of these tags. */
  static boolean hasTags(JsonNode resource, List<String> wanted) {
    List<String> tags = new ArrayList<>();
    resource.path("tags").forEach(t -> tags.add(t.asText()));
    return tags.containsAll(wanted);
  }
}
