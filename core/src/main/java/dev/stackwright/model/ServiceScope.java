package dev.stackwright.model;

import java.util.Optional;

/**
 * What a service's hooks see of the render under way: the cluster, and for a node hook the node and the instance.
 * Read-only; the renderer makes one per call.
 */
public interface ServiceScope {
  Cluster cluster();

  /** The cluster's application: a cluster that renders has one. */
  Application application();

  /** The node, for a node hook; empty for template values. */
  Optional<Node> node();

  /** The role instance, for a service's node hook; empty for a part's and for template values. */
  Optional<RoleInstance> instance();

  /** The MAC address of {@code node}'s port, once the cloud has made it; empty before. */
  Optional<String> mac(String node);

  /** The floating IP of {@code node}, when it has one. */
  Optional<Ipv4Address> publicAddress(String node);

  /** "" for a role named after its service, {@code -name} otherwise; "" without an instance. */
  String suffix();

  /** The value of a secret the cluster's services need, by key ({@code rabbitmq_password}); empty when not needed. */
  Optional<String> secret(String key);

  /**
   * Marks a value made from a secret (a URL with a password, a hash), so no message shows it and a file holding it is
   * secret; returns it. Only template values may make one: a node hook's scope refuses.
   */
  String secretValue(String value);
}
