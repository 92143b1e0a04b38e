package dev.stackwright.openstack.internal;

import dev.stackwright.StackwrightException;

/** A server Nova put in ERROR: its fault, and the tail of its console log. */
public final class ServerFailedException extends StackwrightException {
  private static final long serialVersionUID = 1L;

  private final String serverId;
  private final String fault;
  private final String consoleTail;

  public ServerFailedException(String what, String serverId, String fault, String consoleTail) {
    super(what + " (" + serverId + ") went to ERROR: " + fault + "\n--- last lines of its console log ---\n"
        + (consoleTail.isBlank() ? "(empty)" : consoleTail.stripTrailing())
        + "\n--- fix: see the fault above; 'openstack server show " + serverId + "' has the details."
        + " The next apply replaces the server");
    this.serverId = serverId;
    this.fault = fault;
    this.consoleTail = consoleTail;
  }

  public String serverId() {
    return serverId;
  }

  public String fault() {
    return fault;
  }

  public String consoleTail() {
    return consoleTail;
  }
}
