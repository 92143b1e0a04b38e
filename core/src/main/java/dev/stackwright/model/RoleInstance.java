package dev.stackwright.model;

import org.immutables.value.Value;

/** One instance of a role on one node: {@code appserver-2} at 10.0.11.2. */
@Value.Immutable
@ModelStyle
public abstract class RoleInstance {
  /** The role's name. */
  public abstract String role();

  public abstract Service kind();

  /** 1-based. */
  public abstract int index();

  public abstract Ipv4Address address();

  /** The instance's host name in /etc/hosts: the role's name and the index, {@code appserver-2}. */
  public String name() {
    return Names.hostname(role() + "-" + index());
  }

  /**
   * What {@code {suffix}} in a service's file paths, units and steps stands for on this instance: empty for a role
   * named after its service, {@code -name} otherwise, so two roles of one service on a node get files of their own.
   */
  public String suffix() {
    return role().equals(kind().name()) ? "" : "-" + Names.hostname(role());
  }

  static RoleInstance of(Role role, int index) {
    return new Builder().role(role.name()).kind(role.kind()).index(index).address(role.address(index)).build();
  }

  static final class Builder extends ImmutableRoleInstance.Builder {}
}
