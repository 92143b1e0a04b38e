package dev.stackwright.ssh.internal;

import dev.stackwright.spi.NodeCommand;
import dev.stackwright.spi.NodeFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The shell of a push, as few execs as its steps allow: one script stages every file, swaps them in, runs the
 * commands and the checks (each check's retries on the node, a second apart until its time is up) and removes the old
 * copies, naming each step on standard output as it starts ({@link Exec}), the steps' own output going to standard
 * error. A file is first written beside its target under a dot name that no conf directory's glob takes
 * ({@code .NAME.stackwright-new}), with its owner and mode by name ({@code install -o -g -m}), from the channel's
 * standard input, its bytes counted ({@code head -c}), never from the command line (a secret would show in
 * {@code ps}). Then every file is renamed over its target ({@code mv -T}: atomic), the old one kept as a hard link
 * {@code .NAME.stackwright-old}, or, for a file that did not exist, an empty {@code .NAME.stackwright-added} made, so
 * that {@link #restore} knows on the node itself what to put back. File contents never appear here.
 */
public final class PushScript {
  static final String NEW = ".stackwright-new";
  static final String OLD = ".stackwright-old";
  static final String ADDED = ".stackwright-added";
  /** Between the last check's end and our giving up on the whole script: the stage, the swap and the cleanup. */
  private static final Duration SLACK = Duration.ofSeconds(60);

  private PushScript() {}

  /**
   * One exec: its script, the names of its steps (a step's index is what the node prints as it starts it), the index
   * of the swap ({@code -1} when it stages nothing: a failure before it changed nothing), its standard input (the
   * files' contents, one after another) and the time the whole may take.
   */
  public record Exec(String script, List<String> steps, int swapAt, byte[] stdin, Duration timeout, String mark) {
    /** Whether a failure in step {@code index} came before any file was renamed. */
    public boolean beforeSwap(int index) {
      return swapAt >= 0 && index < swapAt;
    }
  }

  /**
   * Stages and swaps {@code files} (none: no stage, no swap), runs {@code commands}, then {@code checks}, then removes
   * the old copies and temporaries of {@code cleanup}. Stops at the first step that fails, exiting with its status.
   */
  public static Exec push(List<NodeFile> files, List<NodeCommand> commands, List<NodeCommand> checks,
      List<NodeFile> cleanup) {
    String mark = "stackwright-step-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    List<String> steps = new ArrayList<>();
    StringBuilder s = new StringBuilder(preamble(mark));
    Duration timeout = SLACK;
    int swapAt = -1;
    List<byte[]> contents = new ArrayList<>();
    if (!files.isEmpty()) {
      s.append(forget(files));
      for (NodeFile f : files) {
        byte[] bytes = f.content().getBytes(StandardCharsets.UTF_8);
        contents.add(bytes);
        s.append(step(steps, "write " + f.path())).append(stage(f, bytes.length));
      }
      swapAt = steps.size();
      s.append(step(steps, "swap the files in")).append(swap(files));
    }
    for (NodeCommand c : commands) {
      s.append(step(steps, c.name())).append(command(c));
      timeout = timeout.plus(c.timeout()).plusSeconds(5);
    }
    for (NodeCommand c : checks) {
      s.append(step(steps, "check " + c.name() + " (for " + c.timeout().toSeconds() + " s)")).append(check(c));
      timeout = timeout.plus(c.timeout()).plusSeconds(5);
    }
    if (!cleanup.isEmpty()) {
      s.append(step(steps, "remove the old copies")).append(cleanup(cleanup)).append(" || true\n");
    }
    s.append("printf '%s end %s\\n' \"$M\" \"${EPOCHREALTIME:-}\" >&3\nexit 0\n");
    return new Exec(s.toString(), List.copyOf(steps), swapAt, concat(contents), timeout, mark);
  }

  /** Standard output (fd 3 once moved) carries only the step marks; the steps' output goes to standard error. */
  private static String preamble(String mark) {
    return "set -u\nexec 3>&1 1>&2\nM=" + mark + "\n"
        + "step() { printf '%s step %s %s\\n' \"$M\" \"$1\" \"${EPOCHREALTIME:-}\" >&3; printf '\\n%s\\n' \"$M\"; }\n";
  }

  private static String step(List<String> steps, String name) {
    steps.add(name);
    return "step " + (steps.size() - 1) + "\n";
  }

  /** Left from a push that was cut off after its swap: every file's, before any is staged, so none is put back later. */
  private static String forget(List<NodeFile> files) {
    StringBuilder s = new StringBuilder("rm -f --");
    for (NodeFile f : files) {
      for (String suffix : List.of(OLD, NEW, ADDED)) {
        s.append(' ').append(Shell.quote(temporary(f.path(), suffix)));
      }
    }
    return s.append(" || exit 1\n").toString();
  }

  /** Writes the next {@code length} bytes of standard input to the file's temporary name, 0600 while it arrives. */
  static String stage(NodeFile f, int length) {
    String t = Shell.quote(f.path());
    String n = Shell.quote(temporary(f.path(), NEW));
    String[] owner = f.owner().split(":");
    return "( set -eu\n"
        + "if [ -d " + t + " ] && [ ! -L " + t + " ]; then echo " + t + " is a directory, not a file; exit 1; fi\n"
        + "mkdir -p -- " + Shell.quote(directory(f.path())) + "\n"
        + "head -c " + length + " | (umask 077 && install -o " + owner[0] + " -g " + owner[1] + " -m "
        + String.format("%04o", f.mode()) + " /dev/stdin " + n + ")\n"
        + "got=$(stat -c %s -- " + n + ")\n"
        + "if [ \"$got\" != " + length + " ]; then echo " + n + " got $got of " + length + " bytes; exit 1; fi\n"
        + ") || exit $?\n";
  }

  /**
   * Renames every staged file over its target, keeping each old one (or noting it added); stops at the first that
   * fails. It ignores SIGHUP and SIGPIPE: when the run that sent it dies (a kill -9 of the apply, a dropped
   * connection), the renames still all happen, so the node never holds half of a change's files.
   */
  static String swap(List<NodeFile> files) {
    StringBuilder s = new StringBuilder("( trap '' HUP PIPE\nset -eu\n");
    s.append("sync --");
    files.forEach(f -> s.append(' ').append(Shell.quote(temporary(f.path(), NEW))));
    s.append(" || true\n");
    for (NodeFile f : files) {
      String t = Shell.quote(f.path());
      s.append("if [ -e ").append(t).append(" ] || [ -L ").append(t).append(" ]; then ln -P -f -- ").append(t)
          .append(' ').append(Shell.quote(temporary(f.path(), OLD))).append("; else : > ")
          .append(Shell.quote(temporary(f.path(), ADDED))).append("; fi\n");
      s.append("mv -f -T -- ").append(Shell.quote(temporary(f.path(), NEW))).append(' ').append(t).append('\n');
    }
    return s.append(") || exit $?\n").toString();
  }

  /** A command within its time, killed on the node when it runs over (exit 124); its input empty. */
  private static String command(NodeCommand c) {
    return "timeout -k 5 " + seconds(c.timeout()) + " bash -c " + Shell.quote(c.command()) + " </dev/null 3>&-"
        + " || exit $?\n";
  }

  /** Tries a second apart until one passes or the check's time is up; then prints the last try's output. */
  private static String check(NodeCommand c) {
    long limit = seconds(c.timeout());
    return "deadline=$((SECONDS + " + limit + "))\n"
        + "while :; do\n"
        + "  left=$((deadline - SECONDS)); [ \"$left\" -ge 1 ] || left=1\n"
        + "  out=$(timeout -k 5 \"$left\" bash -c " + Shell.quote(c.command()) + " </dev/null 2>&1 3>&-) && break\n"
        + "  rc=$?\n"
        + "  if [ $((SECONDS + 1)) -ge \"$deadline\" ]; then printf '%s\\n' \"$out\"; exit \"$rc\"; fi\n"
        + "  sleep 1\n"
        + "done\n";
  }

  /**
   * Puts every old file back and removes the added ones and every temporary file; goes on past a failure, exiting 1
   * if any. A file whose swap never happened has neither an old copy nor an added mark and is left as it is.
   */
  public static String restore(List<NodeFile> files) {
    StringBuilder s = new StringBuilder("rc=0\n");
    for (NodeFile f : files) {
      String t = Shell.quote(f.path());
      String o = Shell.quote(temporary(f.path(), OLD));
      String a = Shell.quote(temporary(f.path(), ADDED));
      s.append("if [ -e ").append(a).append(" ]; then rm -f -- ").append(t).append(' ').append(a)
          .append(" || rc=1; elif [ -e ").append(o).append(" ] || [ -L ").append(o).append(" ]; then mv -f -T -- ")
          .append(o).append(' ').append(t).append(" || rc=1; fi\n");
      s.append("rm -f -- ").append(Shell.quote(temporary(f.path(), NEW))).append(" || rc=1\n");
    }
    return s.append("exit $rc\n").toString();
  }

  /** Removes the old copies, the added marks and any temporary file left, once the update has succeeded. */
  public static String cleanup(List<NodeFile> files) {
    StringBuilder s = new StringBuilder("rm -f --");
    for (NodeFile f : files) {
      for (String suffix : List.of(OLD, NEW, ADDED)) {
        s.append(' ').append(Shell.quote(temporary(f.path(), suffix)));
      }
    }
    return s.toString();
  }

  static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }

  private static byte[] concat(List<byte[]> parts) {
    byte[] out = new byte[parts.stream().mapToInt(p -> p.length).sum()];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** {@code /etc/nginx/nginx.conf} to {@code /etc/nginx/.nginx.conf.stackwright-new} (suffix {@code .stackwright-new}). */
  static String temporary(String path, String suffix) {
    int slash = path.lastIndexOf('/');
    return path.substring(0, slash + 1) + "." + path.substring(slash + 1) + suffix;
  }

  static String directory(String path) {
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }
}
