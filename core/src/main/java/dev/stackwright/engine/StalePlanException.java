package dev.stackwright.engine;

import dev.stackwright.StackwrightException;

/** The cloud changed between showing a plan and applying it; nothing was applied. */
public class StalePlanException extends StackwrightException {
  private static final long serialVersionUID = 1L;

  public StalePlanException(String cluster, Plan approved, Plan now) {
    super("The plan for cluster \"" + cluster + "\" is stale: the cloud changed since it was shown (approved: "
        + approved.summary() + "; now: " + now.summary() + "). Nothing was applied; plan again and review it.");
  }
}
