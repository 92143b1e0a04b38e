package dev.stackwright.model;

import java.util.Optional;

/** An IPv4 address. Immutable; compares by value and in numeric order. */
public final class Ipv4Address implements Comparable<Ipv4Address> {
  private final int bits;

  private Ipv4Address(int bits) {
    this.bits = bits;
  }

  static Ipv4Address fromBits(int bits) {
    return new Ipv4Address(bits);
  }

  /** Parses dotted-quad text such as {@code 10.0.10.3}. */
  public static Ipv4Address parse(String text) {
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
        "\"" + text + "\" is not an IPv4 address; write four numbers 0-255 such as \"10.0.10.3\""));
  }

  /** Like {@link #parse} but empty for text that is not a dotted-quad address. */
  public static Optional<Ipv4Address> tryParse(String text) {
    return parseOctets(text, 4).map(Ipv4Address::new);
  }

  /** Parses {@code count} dot-separated octets (1 to 4), left-aligned into an int; empty when malformed. */
  static Optional<Integer> parseOctets(String text, int count) {
    if (text == null) {
      return Optional.empty();
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length != count) {
      return Optional.empty();
    }
    int bits = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
          || (part.length() > 1 && part.charAt(0) == '0')) {
        return Optional.empty();
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        return Optional.empty();
      }
      bits = (bits << 8) | octet;
    }
    return Optional.of(count == 4 ? bits : bits << (8 * (4 - count)));
  }

  int bits() {
    return bits;
  }

  /** The n-th octet, 1 to 4, as 0 to 255. */
  public int octet(int n) {
    if (n < 1 || n > 4) {
      throw new IllegalArgumentException("octet " + n + " does not exist; use 1 to 4");
    }
    return (bits >>> (8 * (4 - n))) & 0xff;
  }

  /** The address {@code delta} further on; wraps silently only in ways the validator has already excluded. */
  public Ipv4Address plus(int delta) {
    return new Ipv4Address(bits + delta);
  }

  @Override
  public int compareTo(Ipv4Address o) {
    return Integer.compareUnsigned(bits, o.bits);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ipv4Address a && a.bits == bits;
  }

  @Override
  public int hashCode() {
    return bits;
  }

  @Override
  public String toString() {
    return octet(1) + "." + octet(2) + "." + octet(3) + "." + octet(4);
  }
}
