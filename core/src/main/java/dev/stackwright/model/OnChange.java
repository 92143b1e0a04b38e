package dev.stackwright.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What a change of one file needs on a running node: nothing, a reload or restart of a systemd unit, the
 * application's (its units restarted; with a new version of it, a redeploy first: fetch, migrate, collect static
 * files), or a fresh boot. A unit may name the
 * role's suffix as {@code {suffix}}, like a file's path.
 */
public record OnChange(Action action, Optional<String> unit) {
  public enum Action {
    NOTHING,
    RELOAD,
    RESTART,
    REDEPLOY,
    REBOOT
  }

  public static final OnChange NOTHING = new OnChange(Action.NOTHING, Optional.empty());
  public static final OnChange REDEPLOY = new OnChange(Action.REDEPLOY, Optional.empty());
  public static final OnChange REBOOT = new OnChange(Action.REBOOT, Optional.empty());

  public OnChange {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(unit, "unit");
    boolean needsUnit = action == Action.RELOAD || action == Action.RESTART;
    if (needsUnit != unit.isPresent()) {
      throw new IllegalArgumentException(action + (needsUnit ? " needs a unit" : " takes no unit"));
    }
  }

  public static OnChange reload(String unit) {
    return new OnChange(Action.RELOAD, Optional.of(unit));
  }

  public static OnChange restart(String unit) {
    return new OnChange(Action.RESTART, Optional.of(unit));
  }

  @Override
  public String toString() {
    return unit.map(u -> action.name().toLowerCase(java.util.Locale.ROOT) + " " + u)
        .orElse(action.name().toLowerCase(java.util.Locale.ROOT));
  }
}
