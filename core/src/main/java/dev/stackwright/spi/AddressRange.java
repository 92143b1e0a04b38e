package dev.stackwright.spi;

import dev.stackwright.model.Ipv4Address;
import java.util.Objects;

/** A range of addresses from {@code first} to {@code last}, both included: a subnet's allocation pool. */
public record AddressRange(Ipv4Address first, Ipv4Address last) {
  public AddressRange {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    if (first.compareTo(last) > 0) {
      throw new IllegalArgumentException("address range " + first + "-" + last + " ends before it starts");
    }
  }

  /** Whether {@code address} lies in this range. */
  public boolean contains(Ipv4Address address) {
    return first.compareTo(address) <= 0 && address.compareTo(last) <= 0;
  }

  @Override
  public String toString() {
    return first + "-" + last;
  }
}
