package dev.stackwright.ssh.internal;

import dev.stackwright.spi.NodeFile;
import java.util.List;
import java.util.Set;

/**
 * The shell steps of a push. Each file is first written beside its target under a dot name that no conf directory's
 * glob takes ({@code .NAME.stackwright-new}), with its owner and mode by name ({@code install -o -g -m}, so no ids
 * are needed), from the channel's standard input, never from the command line (a secret would show in {@code ps}).
 * Then every file is renamed over its target ({@code mv -T}: atomic, onto an existing file too), the old one kept as a
 * hard link {@code .NAME.stackwright-old}, so that a failure can put it back. File contents never appear here.
 */
public final class PushScript {
  static final String NEW = ".stackwright-new";
  static final String OLD = ".stackwright-old";
  /** What {@link #stage} prints last for a file that replaces one, and for one that is added. */
  public static final String REPLACES = "replaces";
  public static final String ADDS = "adds";

  private PushScript() {}

  /** Writes standard input to the file's temporary name; prints {@link #REPLACES} or {@link #ADDS}. */
  public static String stage(NodeFile f) {
    String t = Shell.quote(f.path());
    String n = Shell.quote(temporary(f.path(), NEW));
    String o = Shell.quote(temporary(f.path(), OLD));
    String[] owner = f.owner().split(":");
    return "set -eu\n"
        + "if [ -d " + t + " ] && [ ! -L " + t + " ]; then echo " + t + " is a directory, not a file >&2; exit 1; fi\n"
        + "mkdir -p -- " + Shell.quote(directory(f.path())) + "\n"
        + "rm -f -- " + o + " " + n + "\n"
        // written 0600 by root while its content arrives, then given its owner and mode
        + "(umask 077 && install -o " + owner[0] + " -g " + owner[1] + " -m " + String.format("%04o", f.mode())
        + " /dev/stdin " + n + ")\n"
        + "if [ -e " + t + " ] || [ -L " + t + " ]; then echo " + REPLACES + "; else echo " + ADDS + "; fi\n";
  }

  /**
   * Renames every staged file over its target, keeping each old one; stops at the first that fails. It ignores
   * SIGHUP and SIGPIPE: when the run that sent it dies (a kill -9 of the apply, a dropped connection), sshd hangs up
   * on the session, and the renames still all happen, so the node never holds half of a change's files.
   */
  public static String swap(List<NodeFile> files) {
    StringBuilder s = new StringBuilder("set -eu\ntrap '' HUP PIPE\n");
    s.append("sync --");
    files.forEach(f -> s.append(' ').append(Shell.quote(temporary(f.path(), NEW))));
    s.append(" || true\n");
    for (NodeFile f : files) {
      String t = Shell.quote(f.path());
      s.append("if [ -e ").append(t).append(" ] || [ -L ").append(t).append(" ]; then ln -P -f -- ").append(t)
          .append(' ').append(Shell.quote(temporary(f.path(), OLD))).append("; fi\n");
      s.append("mv -f -T -- ").append(Shell.quote(temporary(f.path(), NEW))).append(' ').append(t).append('\n');
    }
    return s.toString();
  }

  /**
   * Puts every old file back and removes the added ones ({@code added}: their paths) and every temporary file; goes
   * on past a failure, exiting 1 if any. A file whose swap never happened has no old copy and is left as it is.
   */
  public static String restore(List<NodeFile> files, Set<String> added) {
    StringBuilder s = new StringBuilder("rc=0\n");
    for (NodeFile f : files) {
      String t = Shell.quote(f.path());
      String n = Shell.quote(temporary(f.path(), NEW));
      String o = Shell.quote(temporary(f.path(), OLD));
      if (added.contains(f.path())) {
        s.append("rm -f -- ").append(t).append(' ').append(n).append(" || rc=1\n");
      } else {
        s.append("if [ -e ").append(o).append(" ] || [ -L ").append(o).append(" ]; then mv -f -T -- ").append(o)
            .append(' ').append(t).append(" || rc=1; fi\n");
        s.append("rm -f -- ").append(n).append(" || rc=1\n");
      }
    }
    return s.append("exit $rc\n").toString();
  }

  /** Removes the old copies and any temporary file left, once the update has succeeded. */
  public static String cleanup(List<NodeFile> files) {
    StringBuilder s = new StringBuilder("rm -f --");
    for (NodeFile f : files) {
      s.append(' ').append(Shell.quote(temporary(f.path(), OLD))).append(' ')
          .append(Shell.quote(temporary(f.path(), NEW)));
    }
    return s.append('\n').toString();
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
