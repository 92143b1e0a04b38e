package dev.stackwright.local;

/** What happened to one service of a local run. */
public enum LocalServiceState {
  /** Started by this call, and it answers. */
  STARTED,
  /** Was already running from an earlier apply; left alone. */
  RUNNING,
  /** Was running; re-read its changed config without a restart (nginx's SIGHUP); the detail says which file. */
  RELOADED,
  /** Was running; stopped and started again because a file it reads changed; the detail says which. */
  RESTARTED,
  /** Was running the application; restarted on the application's code copied again (a new version). */
  REDEPLOYED,
  /** Cannot run on this machine; the detail says why. */
  SKIPPED,
  /** Stopped by this call. */
  STOPPED,
  /** Not running (status or destroy found nothing alive). */
  NOT_RUNNING,
  /** Should run but did not start or did not answer in time; the detail says why and where its log is. */
  FAILED
}
