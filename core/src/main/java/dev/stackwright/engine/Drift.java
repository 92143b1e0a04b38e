package dev.stackwright.engine;

import dev.stackwright.spi.ResourceId;
import java.util.Objects;

/**
 * A difference the plan keeps: a server whose files changed, on a host kind whose policy is to report drift
 * ({@code keptByPolicy}), or on a backend that cannot change a running server (not kept by choice: the files the model
 * gives never reach the node, which {@code plan --detailed-exitcode} counts as pending). {@code reason} names the
 * changed files and how to apply them.
 */
public record Drift(ResourceId id, String reason, boolean keptByPolicy) {
  /** Drift a host's policy keeps. */
  public Drift(ResourceId id, String reason) {
    this(id, reason, true);
  }

  public Drift {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return "! drift " + id + ": " + reason;
  }
}
