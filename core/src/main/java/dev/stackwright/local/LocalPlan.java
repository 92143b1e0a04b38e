package dev.stackwright.local;

import java.util.List;

/**
 * What a local apply would do to what runs now: one line per process that would start, reload, restart, redeploy or
 * stop, and per node the application would be copied to again, each with its reason ({@code reload
 * nginx@webserver-1: /etc/nginx/sites-enabled/stackwright-webserver.conf changed -> reload nginx}). Empty when what
 * runs is the model.
 */
public final class LocalPlan {
  private final List<String> changes;

  public LocalPlan(List<String> changes) {
    this.changes = List.copyOf(changes);
  }

  public List<String> changes() {
    return changes;
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** The changes, one a line, or "No changes: what runs is the model." */
  @Override
  public String toString() {
    if (changes.isEmpty()) {
      return "No changes: what runs is the model.\n";
    }
    return "Local run changes (" + changes.size() + "):\n  " + String.join("\n  ", changes) + "\n";
  }
}
