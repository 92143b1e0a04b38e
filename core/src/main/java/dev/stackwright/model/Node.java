package dev.stackwright.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One VM of the cluster, derived from a host: {@code worker-3}, {@code server_all-1}. It has one port that carries
 * the address of every role instance it holds.
 */
@Value.Immutable
@ModelStyle
public abstract class Node {
  /** The server's name: the host's name and the index, {@code server_all-1}. */
  public abstract String name();

  /** The host (VM kind) this node is an instance of. */
  public abstract String host();

  /** 1-based index among the host's VMs. */
  public abstract int index();

  public abstract Flavor flavor();

  public abstract String image();

  /** The role instances this node carries, primary role first. */
  public abstract List<RoleInstance> roles();

  /** The DNS host name the node boots with ({@code server-all-1}). */
  public String hostname() {
    return Names.hostname(name());
  }

  /** The address of the primary role, the one the node's own name resolves to. */
  public Ipv4Address primaryAddress() {
    return roles().get(0).address();
  }

  /** Every address of the node's port, primary first. */
  @Value.Derived
  public List<Ipv4Address> addresses() {
    return roles().stream().map(RoleInstance::address).collect(java.util.stream.Collectors.toUnmodifiableList());
  }

  /**
   * The port's name in the seed's convention {@code port.<third octet>.<NN>_<node>}, from the primary role's block:
   * {@code port.10.01_webserver-1}.
   */
  public String portName() {
    // What the format "port.%d.%02d_%s" gives, without parsing a format for each of 10,000 nodes.
    int index = index();
    return "port." + primaryAddress().octet(3) + (index >= 0 && index < 10 ? ".0" : ".") + index + "_" + name();
  }

  public boolean has(Service kind) {
    return roles().stream().anyMatch(r -> r.kind().equals(kind));
  }

  /** The instance of {@code kind} on this node, if it carries one. */
  public Optional<RoleInstance> role(Service kind) {
    return roles().stream().filter(r -> r.kind().equals(kind)).findFirst();
  }

  static final class Builder extends ImmutableNode.Builder {}
}
