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
        + (ServerBuilds.placementFault(fault) ? " No host took it on any boot: the next apply meets the same"
            + " cloud, so lower the host kind's count, spread it softly (soft-anti-affinity) or free hypervisors"
            : " The next apply replaces the server"));
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

  /** True when Nova found no host for the server (its fault says so), which a new boot meets again. */
  public boolean noHost() {
    return ServerBuilds.placementFault(fault);
  }

  public String consoleTail() {
    return consoleTail;
  }
}
