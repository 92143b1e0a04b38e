package dev.stackwright.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.spi.AddressRange;
import dev.stackwright.spi.SubnetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an owned subnet's requests are made of and how Neutron's answers about networks read: the allocation pools
 * from the DHCP block, the block back from the pools, a subnet's addresses. Values only: no calls.
 */
final class NetworkValues {
  private NetworkValues() {}

  /** Neutron's allocation pools for an owned subnet: {@link SubnetSpec#allocationRanges}, core's one definition. */
  static List<AddressRange> allocationPools(Ipv4Network cidr, Optional<Ipv4Address> gateway, Ipv4Network block) {
    return SubnetSpec.allocationRanges(cidr, gateway, block);
  }

  static List<AddressRange> allocationPools(SubnetSpec s) {
    return allocationPools(s.cidr(), s.gateway(), s.allocationPool());
  }

  /**
   * The DHCP block that {@link #allocationPools} turns into {@code pools}: the smallest network holding them, when
   * it gives exactly these pools back. Pools changed by hand give a block no model names (a /32 of their first
   * address), so the plan sees the drift and sets them again.
   */
  static Ipv4Network blockOf(List<AddressRange> pools, Ipv4Network cidr, Optional<Ipv4Address> gateway) {
    if (pools.isEmpty()) {
      return Ipv4Network.parse(cidr.address() + "/32");
    }
    Ipv4Address low = pools.stream().map(AddressRange::first).min(Ipv4Address::compareTo).orElseThrow();
    Ipv4Address high = pools.stream().map(AddressRange::last).max(Ipv4Address::compareTo).orElseThrow();
    Ipv4Network block = covering(low, high);
    List<AddressRange> sorted = pools.stream().sorted((a, b) -> a.first().compareTo(b.first())).toList();
    return allocationPools(cidr, gateway, block).equals(sorted) ? block : Ipv4Network.parse(low + "/32");
  }

  /** The smallest network that holds both addresses. */
  static Ipv4Network covering(Ipv4Address a, Ipv4Address b) {
    long x = value(a);
    long y = value(b);
    int prefix = 32;
    while (prefix > 0 && (x >>> (32 - prefix)) != (y >>> (32 - prefix))) {
      prefix--;
    }
    long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    return Ipv4Network.parse(address(x & mask) + "/" + prefix);
  }

  /** A subnet's pools as Neutron lists them ({@code allocation_pools}: start, end); unreadable ones left out. */
  static List<AddressRange> pools(JsonNode subnet) {
    List<AddressRange> out = new ArrayList<>();
    for (JsonNode p : subnet.path("allocation_pools")) {
      Optional<Ipv4Address> start = Ipv4Address.tryParse(p.path("start").asText());
      Optional<Ipv4Address> end = Ipv4Address.tryParse(p.path("end").asText());
      if (start.isPresent() && end.isPresent()) {
        out.add(new AddressRange(start.get(), end.get()));
      }
    }
    return out;
  }

  static Optional<Ipv4Address> gateway(JsonNode subnet) {
    return Ipv4Address.tryParse(subnet.path("gateway_ip").asText(null));
  }

  static List<Ipv4Address> dnsServers(JsonNode subnet) {
    List<Ipv4Address> out = new ArrayList<>();
    subnet.path("dns_nameservers").forEach(d -> Ipv4Address.tryParse(d.asText()).ifPresent(out::add));
    return out;
  }

  /** The fields of a subnet Neutron changes in place: name, gateway (null: none), pools, DNS servers. */
  static ObjectNode changeableFields(SubnetSpec s) {
    ObjectNode n = Reply.JSON.createObjectNode();
    n.put("name", s.name());
    if (s.gateway().isPresent()) {
      n.put("gateway_ip", s.gateway().get().toString());
    } else {
      n.putNull("gateway_ip"); // left out, Neutron would take the first address as the gateway
    }
    ArrayNode pools = n.putArray("allocation_pools");
    allocationPools(s).forEach(p -> pools.addObject().put("start", p.first().toString())
        .put("end", p.last().toString()));
    ArrayNode dns = n.putArray("dns_nameservers");
    s.dnsServers().forEach(d -> dns.add(d.toString()));
    return n;
  }

  /** A port as {@link dev.stackwright.spi.Observed.Facts#FOREIGN_PORTS} names it: {@code name (cloud id)}. */
  static String portName(JsonNode port) {
    String name = port.path("name").asText("");
    return (name.isEmpty() ? "port" : name) + " (" + port.path("id").asText() + ")";
  }

  private static long value(Ipv4Address a) {
    return ((long) a.octet(1) << 24) | ((long) a.octet(2) << 16) | ((long) a.octet(3) << 8) | a.octet(4);
  }

  private static String address(long v) {
    return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
  }

}
