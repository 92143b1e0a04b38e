package dev.stackwright.engine;

import dev.stackwright.StackwrightException;
import java.util.stream.Collectors;

/** A plan names resources that bear the cluster's names but are not its own; nothing was applied. */
public class PlanConflictException extends StackwrightException {
  private static final long serialVersionUID = 1L;

  public PlanConflictException(Plan plan) {
    super("Cluster \"" + plan.cluster() + "\" is not applied: " + plan.conflicts().size() + " resource"
        + (plan.conflicts().size() == 1 ? " bears" : "s bear") + " its names but "
        + (plan.conflicts().size() == 1 ? "is" : "are") + " not its own, and stackwright never changes or deletes"
        + " what is not its own. Nothing was applied.\n"
        + plan.conflicts().stream().map(c -> "  " + c).collect(Collectors.joining("\n")));
  }
}
