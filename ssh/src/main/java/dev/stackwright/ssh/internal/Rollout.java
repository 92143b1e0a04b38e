package dev.stackwright.ssh.internal;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.NodeCommand;
import dev.stackwright.spi.NodeFile;
import dev.stackwright.spi.NodeUpdate;
import dev.stackwright.ssh.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.client.session.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link NodeUpdate} on one node, in the order its javadoc gives: every file staged, then swapped in; the commands;
 * the reboot; the checks. A failure once a file was swapped puts the old files back, removes the added ones and runs
 * {@code revert}; the {@code BackendException} names the node, the step, how it ended and its output's last lines.
 * File contents go only to the channel's standard input: never to a message or a log.
 */
public final class Rollout {
  private static final Logger LOG = LoggerFactory.getLogger(Rollout.class);
  static final int LINES = 8;
  private static final Duration STEP = Duration.ofSeconds(60);
  private static final Duration PAUSE = Duration.ofSeconds(1);
  private final Connector connector;
  private final Target target;
  private final Optional<Target> via;
  private final NodeUpdate update;
  private final Reboot reboot;
  private ClientSession session;

  public Rollout(Connector connector, Target target, Optional<Target> via, NodeUpdate update, Reboot reboot) {
    this.connector = connector;
    this.target = target;
    this.via = via;
    this.update = update;
    this.reboot = reboot;
  }

  /** A step that failed: its name, and what it did. */
  public static final class StepFailed extends Exception {
    private static final long serialVersionUID = 1L;
    final String step;
    final transient Remote.Result result;

    public StepFailed(String step, Remote.Result result) {
      super(step);
      this.step = step;
      this.result = result;
    }
  }

  public void run() {
    long t0 = System.nanoTime();
    session = connector.open(target, via);
    LOG.debug("ssh timing {}: connect {} ms", target.node(), ms(t0));
    try {
      Set<String> added = stage();
      try {
        root("swap the files in", PushScript.swap(update.files()), STEP);
        for (NodeCommand c : update.commands()) {
          root(c.name(), c.command(), c.timeout());
        }
        if (update.reboot()) {
          session = reboot.reboot(session, connector, target, via);
        }
        for (NodeCommand c : update.checks()) {
          check(c);
        }
      } catch (StepFailed | IOException e) {
        throw undo(added, e);
      }
      quietly(PushScript.cleanup(update.files()));
    } finally {
      Connector.closeQuietly(session);
    }
  }

  /** Writes each file's temporary copy; returns the paths that are new. A failure removes the copies made. */
  private Set<String> stage() {
    Set<String> added = new LinkedHashSet<>();
    List<NodeFile> staged = new ArrayList<>();
    try {
      for (NodeFile f : update.files()) {
        staged.add(f);
        Remote.Result r = root("write " + f.path(), PushScript.stage(f), f.content().getBytes(StandardCharsets.UTF_8),
            STEP);
        if (r.output().strip().endsWith(PushScript.ADDS)) {
          added.add(f.path());
        }
      }
      return added;
    } catch (StepFailed | IOException e) {
      quietly(PushScript.cleanup(staged));
      throw failed(e, "nothing was changed on it");
    }
  }

  /** Puts the old files back, runs {@code revert}, and says so in the exception for {@code cause}. */
  private BackendException undo(Set<String> added, Exception cause) {
    List<String> undone = new ArrayList<>();
    try {
      if (!session.isOpen()) {
        session = connector.open(target, via);
      }
      Remote.Result back = Remote.run(session, Shell.asRoot(connector.user(), PushScript.restore(update.files(),
          added), STEP), null, STEP.plusSeconds(15));
      undone.add(back.ok() ? "its old files were put back" : "putting its old files back " + back.status() + ": "
          + back.lastLines(LINES));
      for (NodeCommand c : update.revert()) {
        Remote.Result r = Remote.run(session, Shell.asRoot(connector.user(), c.command(), c.timeout()), null,
            c.timeout().plusSeconds(15));
        undone.add(r.ok() ? "revert step " + c.name() + " ran" : "revert step " + c.name() + " " + r.status()
            + ": " + r.lastLines(LINES));
      }
    } catch (IOException | RuntimeException e) {
      undone.add("it could not be put back (" + e.getMessage() + "): each old file is kept beside its new one as"
          + " .NAME" + PushScript.OLD + "; apply again");
    }
    return failed(cause, String.join("; ", undone));
  }

  /** Each try of a check a short pause apart, until it passes or its time is up. */
  private void check(NodeCommand c) throws StepFailed, IOException {
    long deadline = System.nanoTime() + c.timeout().toNanos();
    while (true) {
      Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(1).toNanos()));
      long t0 = System.nanoTime();
      Remote.Result r = Remote.run(session, Shell.asRoot(connector.user(), c.command(), left), null,
          left.plusSeconds(15));
      LOG.debug("ssh timing {}: exec \"check {}\" {} ms", target.node(), c.name(), ms(t0));
      if (r.ok()) {
        return;
      }
      if (System.nanoTime() + PAUSE.toNanos() >= deadline) {
        throw new StepFailed("check " + c.name() + " (for " + c.timeout().toSeconds() + " s)", r);
      }
      sleep(PAUSE);
    }
  }

  private Remote.Result root(String step, String script, Duration timeout) throws StepFailed, IOException {
    return root(step, script, null, timeout);
  }

  private Remote.Result root(String step, String script, byte[] stdin, Duration timeout)
      throws StepFailed, IOException {
    long t0 = System.nanoTime();
    Remote.Result r = Remote.run(session, Shell.asRoot(connector.user(), script, timeout), stdin,
        timeout.plusSeconds(15));
    LOG.debug("ssh timing {}: exec \"{}\" {} ms", target.node(), step, ms(t0));
    if (!r.ok()) {
      throw new StepFailed(step, r);
    }
    return r;
  }

  private void quietly(String script) {
    try {
      long t0 = System.nanoTime();
      Remote.run(session, Shell.asRoot(connector.user(), script, STEP), null, STEP);
      LOG.debug("ssh timing {}: exec \"cleanup\" {} ms", target.node(), ms(t0));
    } catch (IOException | RuntimeException e) {
      // leftovers are dot files that the next push of the same file replaces
    }
  }

  private BackendException failed(Exception cause, String after) {
    if (cause instanceof StepFailed f) {
      String lines = f.result.lastLines(LINES);
      return new BackendException(Reason.NODE_FAILED, target.server(), "node " + target.shown() + ": step \""
          + f.step + "\" " + f.result.status() + (lines.isEmpty() ? "" : "; its last lines:\n" + lines + "\n")
          + "; " + after);
    }
    return new BackendException(Reason.NODE_FAILED, target.server(), "node " + target.shown() + ": the connection"
        + " failed during the update (" + cause.getMessage() + "); " + after, null, null, cause);
  }

  private static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException(Reason.NODE_FAILED, null, "interrupted");
    }
  }

  /** How a node is booted again in the middle of an update; returns a new session to it once it is back. */
  @FunctionalInterface
  public interface Reboot {
    ClientSession reboot(ClientSession session, Connector connector, Target target, Optional<Target> via)
        throws IOException, StepFailed;
  }
}
