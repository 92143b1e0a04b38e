package dev.stackwright.ssh.internal;

import dev.stackwright.spi.BackendException;
import dev.stackwright.ssh.Target;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.sshd.client.session.ClientSession;

/**
 * Booting a node again in the middle of an update, then waiting, bounded, until it is back: a new boot (its boot id
 * and its PID 1's start time differ; a container shares the host's boot id) whose systemd says running or degraded.
 */
public final class Reboots {
  static final String MARK = "cat /proc/sys/kernel/random/boot_id; cut -d' ' -f22 /proc/1/stat";
  private static final Duration TRY = Duration.ofSeconds(20);
  private static final Duration PAUSE = Duration.ofSeconds(2);

  private Reboots() {}

  /** {@code systemctl reboot} on the node, as a cloud's VM is rebooted. */
  public static Rollout.Reboot overSsh(Duration timeout) {
    return (session, connector, target, via) -> {
      String before = mark(session, connector);
      // the channel may end without a status as the node goes down: what it says is not awaited
      Remote.run(session, Shell.asRoot(connector.user(), "systemctl reboot", TRY), null, TRY);
      Connector.closeQuietly(session);
      return awaitBack(connector, target, via, before, timeout);
    };
  }

  /** {@code restart} boots the node again by the backend's own means (a container restarted). */
  public static Rollout.Reboot by(Consumer<Target> restart, Duration timeout) {
    return (session, connector, target, via) -> {
      String before = mark(session, connector);
      Connector.closeQuietly(session);
      restart.accept(target);
      return awaitBack(connector, target, via, before, timeout);
    };
  }

  private static String mark(ClientSession session, Connector connector) throws IOException, Rollout.StepFailed {
    Remote.Result r = Remote.run(session, Shell.asRoot(connector.user(), MARK, TRY), null, TRY);
    if (!r.ok()) {
      throw new Rollout.StepFailed("read its boot before the reboot", r);
    }
    return r.output().strip();
  }

  private static ClientSession awaitBack(Connector connector, Target target, Optional<Target> via, String before,
      Duration timeout) throws Rollout.StepFailed {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no SSH yet";
    while (System.nanoTime() < deadline) {
      Rollout.sleep(PAUSE);
      ClientSession s;
      try {
        s = connector.open(target, via);
      } catch (BackendException e) {
        if (e.reason() == BackendException.Reason.HOST_KEY) {
          throw e;
        }
        last = "no SSH yet";
        continue;
      }
      try {
        Remote.Result r = Remote.run(s, Shell.asRoot(connector.user(), MARK + "; systemctl is-system-running || true",
            TRY), null, TRY);
        String[] lines = r.output().strip().split("\n");
        last = lines.length > 0 ? lines[lines.length - 1] : "";
        boolean newBoot = lines.length >= 3 && !String.join("\n", lines[0], lines[1]).strip().equals(before);
        if (newBoot && (last.equals("running") || last.equals("degraded"))) {
          return s;
        }
      } catch (IOException e) {
        last = e.getMessage();
      }
      Connector.closeQuietly(s);
    }
    throw new Rollout.StepFailed("reboot", new Remote.Result(Optional.empty(), "not back within "
        + timeout.toSeconds() + " s (last seen: " + last + ")", false));
  }
}
