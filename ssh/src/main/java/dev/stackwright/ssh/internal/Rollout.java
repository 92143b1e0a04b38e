package dev.stackwright.ssh.internal;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.NodeCommand;
import dev.stackwright.spi.NodeFile;
import dev.stackwright.spi.NodeUpdate;
import dev.stackwright.ssh.Target;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.sshd.client.session.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link NodeUpdate} on one node, in the order its javadoc gives: every file staged, then swapped in; the commands;
 * the reboot; the checks. One exec does it all ({@link PushScript#push}), two when a reboot parts it, so a node costs
 * one login and one sudo rather than one per step and per check try. A failure once a file was swapped puts the old
 * files back, removes the added ones and runs {@code revert}; the {@code BackendException} names the node, the step,
 * how it ended and its output's last lines. File contents go only to the channel's standard input: never to a message
 * or a log.
 */
public final class Rollout {
  private static final Logger LOG = LoggerFactory.getLogger(Rollout.class);
  static final int LINES = 8;
  private static final Duration STEP = Duration.ofSeconds(60);
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
      List<NodeFile> files = update.files();
      if (!update.reboot()) {
        push(PushScript.push(files, update.commands(), update.checks(), files));
        return;
      }
      push(PushScript.push(files, update.commands(), List.of(), List.of()));
      try {
        session = reboot.reboot(session, connector, target, via);
      } catch (StepFailed | IOException e) {
        throw undo(e);
      }
      push(PushScript.push(List.of(), List.of(), update.checks(), files));
    } finally {
      Connector.closeQuietly(session);
    }
  }

  /**
   * Runs one exec of the push. A failure before its swap removes what it staged ("nothing was changed"); any other,
   * or an exec that gave no status (the swap may have happened), puts the old files back and runs {@code revert}.
   */
  private void push(PushScript.Exec exec) {
    StepMarks marks = new StepMarks(exec.mark());
    long t0 = System.nanoTime();
    Remote.Result r;
    try {
      r = Remote.run(session, Shell.asRoot(connector.user(), exec.script(), exec.timeout()), exec.stdin(),
          exec.timeout().plusSeconds(15), marks);
    } catch (IOException e) {
      throw undo(e);
    }
    logTimes(exec, marks, ms(t0));
    if (r.ok()) {
      return;
    }
    OptionalInt at = marks.last();
    StepFailed f = new StepFailed(at.isPresent() ? exec.steps().get(at.getAsInt()) : "run as root (sudo -n)",
        new Remote.Result(r.exit(), StepMarks.after(r.output(), exec.mark()), r.answered()));
    boolean nothingChanged = exec.swapAt() >= 0 && r.answered() && (at.isEmpty() || exec.beforeSwap(at.getAsInt()));
    if (nothingChanged) {
      quietly(PushScript.cleanup(update.files()));
      throw failed(f, "nothing was changed on it");
    }
    throw undo(f);
  }

  /** At DEBUG: the exec's time, each step's on the node, and the rest (channel, sudo, bash, transfer). */
  private void logTimes(PushScript.Exec exec, StepMarks marks, long totalMs) {
    if (!LOG.isDebugEnabled()) {
      return;
    }
    List<StepMarks.Mark> m = marks.marks();
    LOG.debug("ssh timing {}: exec \"push\" {} ms", target.node(), totalMs);
    for (int i = 0; i + 1 < m.size(); i++) {
      int step = m.get(i).index().orElse(-1);
      if (step >= 0) {
        LOG.debug("ssh timing {}: on node \"{}\" {} ms", target.node(), exec.steps().get(step),
            Math.round((m.get(i + 1).seconds() - m.get(i).seconds()) * 1000));
      }
    }
    if (m.size() >= 2) {
      LOG.debug("ssh timing {}: exec overhead {} ms", target.node(),
          totalMs - Math.round((m.get(m.size() - 1).seconds() - m.get(0).seconds()) * 1000));
    }
  }

  /** Puts the old files back, runs {@code revert}, and says so in the exception for {@code cause}. */
  private BackendException undo(Exception cause) {
    List<String> undone = new ArrayList<>();
    try {
      if (!session.isOpen()) {
        session = connector.open(target, via);
      }
      Remote.Result back = Remote.run(session, Shell.asRoot(connector.user(), PushScript.restore(update.files()),
          STEP), null, STEP.plusSeconds(15));
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

  private void quietly(String script) {
    try {
      Remote.run(session, Shell.asRoot(connector.user(), script, STEP), null, STEP);
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
