package dev.stackwright.ssh.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/** One command on a node over an open session: its exit status (none when the channel ended without one) and output. */
public final class Remote {
  /** The most of a command's output kept: its end, where the reason of a failure is. */
  static final int KEPT = 16 * 1024;

  private Remote() {}

  /** What a command did; {@code exit} is empty when no status came (the channel ended or the wait ran out). */
  public record Result(Optional<Integer> exit, String output, boolean answered) {
    public boolean ok() {
      return exit.filter(e -> e == 0).isPresent();
    }

    /** {@code exited 1}, {@code timed out on the node (exit 124)}, {@code gave no exit status}. */
    public String status() {
      if (!answered) {
        return "did not end in time";
      }
      return exit.map(e -> e == 124 ? "timed out on the node (exit 124)" : "exited " + e)
          .orElse("ended without an exit status");
    }

    /** The output's last {@code n} non-blank lines, for a message. */
    public String lastLines(int n) {
      List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
  }

  /**
   * Runs {@code command} (an exec request), giving it {@code stdin} (none: an empty input) and waiting at most
   * {@code wait}. A null exit status counts as a failure (MINA gives it only once the channel is closed).
   */
  public static Result run(ClientSession session, String command, byte[] stdin, Duration wait) throws IOException {
    return run(session, command, stdin, wait, null);
  }

  /**
   * As {@link #run(ClientSession, String, byte[], Duration)}, standard output going to {@code stdout} when given (the
   * result's output is then standard error alone).
   */
  public static Result run(ClientSession session, String command, byte[] stdin, Duration wait, OutputStream stdout)
      throws IOException {
    try (ChannelExec ch = session.createExecChannel(command)) {
      Tail out = new Tail();
      ch.setOut(stdout == null ? out : stdout);
      ch.setErr(out);
      ch.open().verify(wait);
      try (OutputStream in = ch.getInvertedIn()) {
        if (stdin != null) {
          in.write(stdin);
          in.flush();
        }
      } // closing it sends EOF: a command reading its input ends
      Set<ClientChannelEvent> events = ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), wait);
      boolean closed = events.contains(ClientChannelEvent.CLOSED);
      return new Result(closed ? Optional.ofNullable(ch.getExitStatus()) : Optional.empty(), out.text(), closed);
    }
  }

  /** The end of what a command printed, standard output and error together; at most {@link #KEPT} bytes. */
  static final class Tail extends OutputStream {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      buf.write(b);
      trim();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      buf.write(b, off, len);
      trim();
    }

    private void trim() {
      if (buf.size() > 2 * KEPT) {
        byte[] all = buf.toByteArray();
        buf.reset();
        buf.write(all, all.length - KEPT, KEPT);
      }
    }

    synchronized String text() {
      byte[] all = buf.toByteArray();
      int from = Math.max(0, all.length - KEPT);
      return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }
  }
}
