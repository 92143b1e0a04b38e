package dev.stackwright.report;

import java.util.List;

/** One node of the address plan: its roles, the address of each, and its port's name. */
public record AddressRow(String node, String hostname, List<String> roles, List<String> addresses,
    String portName) {
  public AddressRow {
    roles = List.copyOf(roles);
    addresses = List.copyOf(addresses);
  }
}
