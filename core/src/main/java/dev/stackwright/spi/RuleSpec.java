package dev.stackwright.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * One ingress rule of a security group (IPv4): a protocol, a port range, and either a CIDR or another of our groups as
 * the remote end. {@code purpose} says why the rule exists ("broker 5672 from the app servers"); it is shown in plans
 * and stored where the cloud allows, but it is not part of the rule's identity: {@link #equals} ignores it.
 */
public record RuleSpec(String protocol, int portMin, int portMax, Optional<String> remoteCidr,
    Optional<ResourceId> remoteGroup, String purpose) {

  public RuleSpec {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(remoteCidr, "remoteCidr");
    Objects.requireNonNull(remoteGroup, "remoteGroup");
    purpose = purpose == null ? "" : purpose;
    if (remoteCidr.isPresent() == remoteGroup.isPresent()) {
      throw new IllegalArgumentException("a rule has either a remote CIDR or a remote group, not both or neither");
    }
    if (portMin < 0 || portMax < portMin || portMax > 65535) {
      throw new IllegalArgumentException("bad port range " + portMin + "-" + portMax);
    }
  }

  /** TCP to one port from a CIDR. */
  public static RuleSpec tcpFrom(int port, String cidr, String purpose) {
    return new RuleSpec("tcp", port, port, Optional.of(cidr), Optional.empty(), purpose);
  }

  /** TCP to one port from the members of one of our security groups. */
  public static RuleSpec tcpFrom(int port, ResourceId group, String purpose) {
    return new RuleSpec("tcp", port, port, Optional.empty(), Optional.of(group), purpose);
  }

  /** The same rule with another purpose. */
  public RuleSpec withPurpose(String newPurpose) {
    return new RuleSpec(protocol, portMin, portMax, remoteCidr, remoteGroup, newPurpose);
  }

  /** The rule's identity without its purpose, such as {@code tcp 5672 from security-group/appserver}. */
  public String describe() {
    String ports = portMin == portMax ? String.valueOf(portMin) : portMin + "-" + portMax;
    return protocol + " " + ports + " from " + remoteCidr.orElseGet(() -> remoteGroup.orElseThrow().toString());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RuleSpec r && r.protocol.equals(protocol) && r.portMin == portMin && r.portMax == portMax
        && r.remoteCidr.equals(remoteCidr) && r.remoteGroup.equals(remoteGroup);
  }

  @Override
  public int hashCode() {
    return Objects.hash(protocol, portMin, portMax, remoteCidr, remoteGroup);
  }

  @Override
  public String toString() {
    return purpose.isEmpty() ? describe() : describe() + " (" + purpose + ")";
  }
}
