package dev.stackwright.model;

/** What a plan does with a server whose rendered user-data no longer matches the one it booted with. */
public enum UserDataPolicy {
  /**
   * Keep the server and give it what changed: the changed files pushed, the units that own them reloaded or
   * restarted, the application redeployed; rebuilt in place (same port and addresses) when its services or packages
   * change. The default: adding a node changes every node's {@code /etc/hosts} and the load balancer's upstreams,
   * which must reach the running nodes without replacing (and wiping) the whole cluster. On a backend that cannot
   * change a running server, the change is reported as drift.
   */
  RECONFIGURE,
  /** Replace the server so it boots with the new user-data. */
  REPLACE,
  /** Keep the server as it is and report the drift in the plan; a person decides what to do. */
  REPORT_DRIFT
}
