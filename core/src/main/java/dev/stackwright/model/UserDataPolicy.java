package dev.stackwright.model;

/** What a plan does with a server whose rendered user-data no longer matches the one it booted with. */
public enum UserDataPolicy {
  /** Replace the server so it boots with the new user-data. The default. */
  REPLACE,
  /** Keep the server and report the drift in the plan; a person decides when to replace it. */
  REPORT_DRIFT
}
