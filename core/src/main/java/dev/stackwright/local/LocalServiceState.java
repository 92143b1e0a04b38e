package dev.stackwright.local;

/** What happened to one service of a local run. */
public enum LocalServiceState {
  /** Started by this call, and it answers. */
  STARTED,
  /** Was already running from an earlier apply; left alone. */
  RUNNING,
  /** Cannot run on this machine; the detail says why. */
  SKIPPED,
  /** Stopped by this call. */
  STOPPED,
  /** Not running (status or destroy found nothing alive). */
  NOT_RUNNING,
  /** Should run but did not start or did not answer in time; the detail says why and where its log is. */
  FAILED
}
