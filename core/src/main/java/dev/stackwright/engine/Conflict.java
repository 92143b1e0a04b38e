package dev.stackwright.engine;

import dev.stackwright.spi.ResourceId;
import java.util.Objects;

/**
 * Something that bears one of the cluster's names but shows it is not the cluster's own: a server group holding a
 * server of someone else's, a keypair with another public key that none of the cluster's servers was booted with.
 * Or one of the cluster's own that a plan must not touch ({@link NetworkConflicts}): an owned network with someone
 * else's port on it, a subnet whose range changed. A plan names it and the fix; it is never replaced or deleted, and
 * a plan with conflicts is not applied.
 *
 * @param id the logical id whose name it bears
 * @param cloudId the cloud's id of the look-alike
 * @param name its name in the cloud
 * @param reason what shows it is not the cluster's, or why the plan must leave it as it is
 * @param fix what the user can do about it
 */
public record Conflict(ResourceId id, String cloudId, String name, String reason, String fix) {
  public Conflict {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(cloudId, "cloudId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(fix, "fix");
  }

  @Override
  public String toString() {
    return id + " (" + name + ", cloud id " + cloudId + "): " + reason + "; fix: " + fix;
  }
}
