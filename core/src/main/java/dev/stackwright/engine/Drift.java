package dev.stackwright.engine;

import dev.stackwright.spi.ResourceId;
import java.util.Objects;

/**
 * A difference the plan keeps on purpose: a server whose user-data changed, on a host kind whose policy is to report
 * drift rather than replace. {@code reason} names the changed files and how to apply them.
 */
public record Drift(ResourceId id, String reason) {
  public Drift {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return "! drift " + id + ": " + reason;
  }
}
