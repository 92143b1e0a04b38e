package dev.stackwright.testing;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import java.util.function.Predicate;

/**
 * Assertions on a port the plan creates, from {@link PlanAssert#createsPort(String)}: its fixed addresses (one per
 * role of its node), its network and its security groups. {@link #and()} goes back to the plan.
 */
public final class PortAssert {
  private final PlanAssert plan;
  private final ResourceId id;
  private final PortSpec port;

  PortAssert(PlanAssert plan, ResourceId id, PortSpec port) {
    this.plan = plan;
    this.id = id;
    this.port = port;
  }

  /** One of its fixed addresses is {@code address}, such as {@code 10.0.20.1}. */
  public PortAssert withAddress(String address) {
    Ipv4Address a = Ipv4Address.tryParse(address).orElseThrow(() -> new AssertionError("withAddress(\"" + address
        + "\"): not an IPv4 address such as 10.0.20.1"));
    if (!port.fixedIps().contains(a)) {
      throw new AssertionError("expected " + id + " to have address " + address + " but it has "
          + port.sortedFixedIps());
    }
    return this;
  }

  /** On the network named {@code network}. */
  public PortAssert onNetwork(String network) {
    if (!port.network().equals(network)) {
      throw new AssertionError("expected " + id + " to be on network " + network + " but it is on " + port.network());
    }
    return this;
  }

  /** Carries the security group of each of {@code services} (such as {@code database}), perhaps among others. */
  public PortAssert inSecurityGroups(String... services) {
    for (String s : services) {
      if (!port.securityGroups().contains(ResourceId.of(ResourceKind.SECURITY_GROUP, s))) {
        throw new AssertionError("expected " + id + " to carry security-group/" + s + " but it carries "
            + port.securityGroups().stream().sorted().toList());
      }
    }
    return this;
  }

  /** The spec matches {@code which}, said as {@code description} in a failure, which shows the spec. */
  public PortAssert matches(Predicate<? super PortSpec> which, String description) {
    if (!which.test(port)) {
      throw new AssertionError("expected " + id + " to " + description + " but it is " + port);
    }
    return this;
  }

  /** Back to the plan. */
  public PlanAssert and() {
    return plan;
  }
}
