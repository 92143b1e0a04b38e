package dev.stackwright.engine;

/** What a plan does to one resource. */
public enum Action {
  CREATE("create", "+"),
  UPDATE("update in place", "~"),
  REPLACE("replace", "-/+"),
  DELETE("delete", "-"),
  /** A server an earlier run started and did not see finish: wait until it is ACTIVE (or fails). */
  AWAIT("wait for", "…"),
  /** A running server given its changed files, its units reloaded or restarted, its application redeployed. */
  RECONFIGURE("reconfigure", "~>"),
  /** A running server booted again with new user-data, keeping its id, port and addresses. */
  REBUILD("rebuild", "<->");

  private final String verb;
  private final String symbol;

  Action(String verb, String symbol) {
    this.verb = verb;
    this.symbol = symbol;
  }

  /** As a plan prints it: {@code create}, {@code update in place}... */
  public String verb() {
    return verb;
  }

  /** The margin mark of a plan line, as terraform prints it: {@code +}, {@code ~}, {@code -/+}, {@code -}. */
  public String symbol() {
    return symbol;
  }
}
