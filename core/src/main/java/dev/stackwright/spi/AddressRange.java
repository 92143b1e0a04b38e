package dev.stackwright.spi;

import dev.stackwright.model.Ipv4Address;
import java.util.Objects;

/** A range of IPv4 addresses, both ends included, such as an allocation pool of an existing subnet. */
public record AddressRange(Ipv4Address first, Ipv4Address last) {
  public AddressRange {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
  }
}
