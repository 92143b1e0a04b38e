package dev.stackwright.model;

/** What a plan does with a server whose rendered user-data no longer matches the one it booted with. */
public enum UserDataPolicy {
  /** Replace the server so it boots with the new user-data. */
  REPLACE,
  /**
   * Keep the server and report the drift in the plan; a person decides when to replace it. The default: adding a
   * node changes every node's {@code /etc/hosts} and the load balancer's upstreams, and that alone must not replace
   * (and wipe) the whole cluster.
   */
  REPORT_DRIFT
}
