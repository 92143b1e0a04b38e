package dev.stackwright.report;

import dev.stackwright.internal.TextTable;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The seed's "IP configuration" as a table: every node, its roles, their addresses, and its port. */
public final class AddressPlan {
  private final String network;
  private final String dhcpPool;
  private final List<AddressRow> rows;

  private AddressPlan(String network, String dhcpPool, List<AddressRow> rows) {
    this.network = network;
    this.dhcpPool = dhcpPool;
    this.rows = List.copyOf(rows);
  }

  public static AddressPlan of(Cluster cluster) {
    List<AddressRow> rows = new ArrayList<>();
    for (Node n : cluster.nodes()) {
      rows.add(new AddressRow(n.name(), n.hostname(),
          n.roles().stream().map(RoleInstance::name).collect(Collectors.toList()),
          n.addresses().stream().map(Object::toString).collect(Collectors.toList()), n.portName()));
    }
    return new AddressPlan(cluster.network().toString(), cluster.dhcpPool().toString(), rows);
  }

  public List<AddressRow> rows() {
    return rows;
  }

  /** The row of one node. */
  public AddressRow row(String node) {
    return rows.stream().filter(r -> r.node().equals(node)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + node + " in the address plan"));
  }

  @Override
  public String toString() {
    TextTable t = new TextTable(List.of("node", "role", "address", "port"));
    for (AddressRow r : rows) {
      for (int i = 0; i < r.roles().size(); i++) {
        t.row(List.of(i == 0 ? r.node() : "", r.roles().get(i), r.addresses().get(i), i == 0 ? r.portName() : ""));
      }
    }
    return "internal network " + network + ", DHCP pool " + dhcpPool + "\n" + t;
  }
}
