package dev.stackwright.ssh.internal;

import java.time.Duration;

/** Shell text for a node: quoting, and a script run as root within a time, as the login user may. */
public final class Shell {
  private Shell() {}

  /** {@code text} as one single-quoted shell word. */
  public static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  /**
   * The exec request that runs {@code script} with {@code bash -c} as root: directly when {@code user} is root, else
   * through {@code sudo -n} (a cloud image's user has passwordless sudo; -n fails at once rather than wait for a
   * password). {@code timeout} kills it on the node itself (exit 124), so a hung step does not run on after we gave up.
   */
  public static String asRoot(String user, String script, Duration timeout) {
    long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
    String sudo = user.equals("root") ? "" : "sudo -n ";
    return sudo + "timeout -k 5 " + seconds + " bash -c " + quote(script);
  }
}
