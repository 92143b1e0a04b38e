package dev.stackwright.nodes.internal;

import java.util.Optional;

/**
 * The process making a resource, recorded in its state before the host is touched ({@code pid@start-millis}), so
 * that another process reading the state can tell a making in flight (its maker alive) from one a killed process left
 * unfinished. The start time guards against a reused pid.
 */
final class Maker {
  static final String KEY = "maker";

  private Maker() {}

  /** This process, as recorded. */
  static String current() {
    return of(ProcessHandle.current());
  }

  /** Whether the process {@code recorded} names is still running; a malformed or absent record is no process. */
  static boolean alive(String recorded) {
    if (recorded == null || !recorded.matches("\\d+@\\d+")) {
      return false;
    }
    long pid = Long.parseLong(recorded.substring(0, recorded.indexOf('@')));
    Optional<ProcessHandle> p = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    return p.isPresent() && of(p.get()).equals(recorded);
  }

  /** Whether {@code recorded} names another process, still running: the making is in flight there. */
  static boolean elsewhere(String recorded) {
    return alive(recorded) && !recorded.equals(current());
  }

  static String of(ProcessHandle p) {
    return p.pid() + "@" + p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
  }
}
