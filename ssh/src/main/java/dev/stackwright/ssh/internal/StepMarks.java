package dev.stackwright.ssh.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The standard output of a {@link PushScript.Exec}: a line {@code MARK step INDEX TIME} as each step starts and
 * {@code MARK end TIME} once all are done ({@code TIME}: the node's clock, bash's {@code EPOCHREALTIME}). Says which step
 * ran last (the one that failed, when the script did) and how long each took on the node. Bounded: only marks come
 * here, and no more than {@link #MAX} bytes are kept.
 */
final class StepMarks extends OutputStream {
  private static final int MAX = 64 * 1024;
  private final String mark;
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

  StepMarks(String mark) {
    this.mark = mark;
  }

  @Override
  public synchronized void write(int b) {
    if (buf.size() < MAX) {
      buf.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    buf.write(b, off, Math.max(0, Math.min(len, MAX - buf.size())));
  }

  /** A step's start, or the end ({@code index} empty), at {@code seconds} on the node's clock (NaN when unknown). */
  record Mark(OptionalInt index, double seconds) {}

  synchronized List<Mark> marks() {
    List<Mark> out = new ArrayList<>();
    for (String line : buf.toString(StandardCharsets.UTF_8).split("\n")) {
      String[] w = line.strip().split(" ");
      if (w.length < 2 || !w[0].equals(mark)) {
        continue;
      }
      if (w[1].equals("step") && w.length >= 3 && w[2].matches("\\d{1,6}")) {
        out.add(new Mark(OptionalInt.of(Integer.parseInt(w[2])), time(w, 3)));
      } else if (w[1].equals("end")) {
        out.add(new Mark(OptionalInt.empty(), time(w, 2)));
      }
    }
    return out;
  }

  /** The index of the last step that started; empty when none did (the script never ran: sudo refused, say). */
  OptionalInt last() {
    List<Mark> m = marks();
    for (int i = m.size() - 1; i >= 0; i--) {
      if (m.get(i).index().isPresent()) {
        return m.get(i).index();
      }
    }
    return OptionalInt.empty();
  }

  private static double time(String[] w, int at) {
    if (w.length <= at) {
      return Double.NaN;
    }
    try {
      // EPOCHREALTIME's decimal point follows the locale: a comma in some
      return Double.parseDouble(w[at].replace(',', '.'));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** {@code output} after the last line that is {@code mark} alone: what the last step printed. */
  static String after(String output, String mark) {
    int at = output.lastIndexOf("\n" + mark + "\n");
    if (at >= 0) {
      return output.substring(at + mark.length() + 2);
    }
    return output.startsWith(mark + "\n") ? output.substring(mark.length() + 1) : output;
  }
}
