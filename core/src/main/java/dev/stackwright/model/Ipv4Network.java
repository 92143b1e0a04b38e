package dev.stackwright.model;

import java.util.Optional;

/** An IPv4 network in CIDR form, such as {@code 10.0.0.0/16}. The address is always the network address. */
public final class Ipv4Network {
  private final Ipv4Address network;
  private final int prefixLength;

  private Ipv4Network(Ipv4Address network, int prefixLength) {
    this.network = network;
    this.prefixLength = prefixLength;
  }

  /** Parses {@code 10.0.0.0/16}; host bits must be zero. */
  public static Ipv4Network parse(String cidr) {
    return tryParse(cidr).orElseThrow(() -> new IllegalArgumentException("\"" + cidr
        + "\" is not an IPv4 network; write an address with zero host bits and a prefix length, such as \"10.0.0.0/16\""));
  }

  /** Like {@link #parse} but empty for malformed text or host bits set. */
  public static Optional<Ipv4Network> tryParse(String cidr) {
    if (cidr == null) {
      return Optional.empty();
    }
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String len = cidr.substring(slash + 1);
    // ASCII digits only: Character.isDigit and Integer.parseInt take any script's digits, such as "/\u0661\u0666"
    if (len.isEmpty() || len.length() > 2 || !len.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    int prefix = Integer.parseInt(len);
    if (prefix > 32) {
      return Optional.empty();
    }
    return Ipv4Address.tryParse(cidr.substring(0, slash))
        .filter(a -> (a.bits() & ~mask(prefix)) == 0)
        .map(a -> new Ipv4Network(a, prefix));
  }

  /**
   * A /24 block written as its three leading octets, the way the seed writes them ({@code "10.0.100"} is
   * 10.0.100.0/24); empty when the text is not three octets.
   */
  public static Optional<Ipv4Network> tryParseBlock(String threeOctets) {
    return Ipv4Address.parseOctets(threeOctets, 3).map(bits -> new Ipv4Network(Ipv4Address.fromBits(bits), 24));
  }

  /** The /24 block that holds {@code address}. */
  public static Ipv4Network blockOf(Ipv4Address address) {
    return new Ipv4Network(Ipv4Address.fromBits(address.bits() & mask(24)), 24);
  }

  private static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  public Ipv4Address address() {
    return network;
  }

  public int prefixLength() {
    return prefixLength;
  }

  /** The broadcast address (all host bits set). */
  public Ipv4Address broadcast() {
    return Ipv4Address.fromBits(network.bits() | ~mask(prefixLength));
  }

  /** The netmask, such as {@code 255.255.255.0} for a /24. */
  public Ipv4Address netmask() {
    return Ipv4Address.fromBits(mask(prefixLength));
  }

  /** The n-th address of the network, counting the network address as 0. */
  public Ipv4Address host(int n) {
    return network.plus(n);
  }

  public long size() {
    return 1L << (32 - prefixLength);
  }

  public boolean contains(Ipv4Address a) {
    return (a.bits() & mask(prefixLength)) == network.bits();
  }

  /** True when every address of {@code other} lies in this network. */
  public boolean contains(Ipv4Network other) {
    return other.prefixLength >= prefixLength && contains(other.network);
  }

  public boolean overlaps(Ipv4Network other) {
    return contains(other.network) || other.contains(network);
  }

  /** For a /24 block, its three leading octets as the seed writes them: {@code "10.0.100"}. */
  public String blockPrefix() {
    return network.octet(1) + "." + network.octet(2) + "." + network.octet(3);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ipv4Network n && n.network.equals(network) && n.prefixLength == prefixLength;
  }

  @Override
  public int hashCode() {
    return network.hashCode() * 31 + prefixLength;
  }

  @Override
  public String toString() {
    return network + "/" + prefixLength;
  }
}
