package dev.stackwright.dsl;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the application's code comes from and lives, allowed by what each is for. The user-data, run as root, makes
 * the home, links it to a source path, and chowns all of it to the application's user; the static servers serve the
 * static root to the world. So the home and a source path are directories of the application's own (below /srv, /opt
 * or /home, named for it), the static root is the home's static directory or another of the application's own outside
 * the home, and a source that is no path is a URL git clones, of a form no part of which git or ssh read as an option.
 */
final class AppPaths {
  /** Absolute, of plain components: no space, no quote, no empty, "." or ".." segment, none starting with '.'. */
  private static final Pattern PLAIN_PATH = Pattern.compile("(/[A-Za-z0-9_@+-][A-Za-z0-9_.@+-]*)+");
  private static final List<String> OWN_ROOTS = List.of("/srv/", "/opt/", "/home/");
  private static final String HOST = "[A-Za-z0-9][A-Za-z0-9.-]*";
  private static final String URL_PATH = "[A-Za-z0-9._~/+@%-]*";
  /** https://, ssh:// or git://, an optional user, a host that starts with a letter or digit, a path. */
  private static final Pattern GIT_URL = Pattern.compile("(https|ssh|git)://([A-Za-z0-9._-]+@)?" + HOST
      + "(:[0-9]{1,5})?/" + URL_PATH);
  /** git's scp-like form user@host:path, whose path does not start with '-'. */
  private static final Pattern SCP_LIKE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*@" + HOST
      + ":[A-Za-z0-9._~/+@%]" + URL_PATH);

  private AppPaths() {}

  /** A directory named for application {@code app} (its name, or its name and a '-', '_' or '.' suffix). */
  static boolean ownDirectory(String path, String app, List<String> roots) {
    if (!PLAIN_PATH.matcher(path).matches()) {
      return false;
    }
    for (String root : roots) {
      if (path.startsWith(root)) {
        String dir = path.substring(root.length()).split("/")[0];
        return dir.equals(app) || dir.startsWith(app + "-") || dir.startsWith(app + "_")
            || dir.startsWith(app + ".");
      }
    }
    return false;
  }

  static boolean homeAllowed(String home, String app) {
    return ownDirectory(home, app, OWN_ROOTS);
  }

  /** {@code inner} is {@code outer} or a path below it. */
  static boolean within(String inner, String outer) {
    return inner.equals(outer) || inner.startsWith(outer + "/");
  }

  static boolean gitUrl(String source) {
    return GIT_URL.matcher(source).matches() || SCP_LIKE.matcher(source).matches();
  }

  /** A path source: the home itself, or a directory of the application's own that neither holds nor is in it. */
  static boolean sourcePathAllowed(String source, String home, String app) {
    return source.equals(home) || ownDirectory(source, app, OWN_ROOTS) && apart(source, home);
  }

  /** The home's static directory (or below it), or a directory of the application's own apart from the home. */
  static boolean staticRootAllowed(String root, String home, String app) {
    if (!PLAIN_PATH.matcher(root).matches()) {
      return false;
    }
    boolean own = ownDirectory(root, app, OWN_ROOTS) || ownDirectory(root, app, List.of("/var/www/"));
    return within(root, home + "/static") || own && apart(root, home);
  }

  private static boolean apart(String path, String home) {
    return !within(path, home) && !within(home, path);
  }

  /** The first of {@code candidates} that is not {@code refused} (trailing '/' aside), for a fix's example. */
  static String suggest(String refused, String... candidates) {
    String r = refused == null ? "" : refused.replaceAll("/+$", "");
    for (String c : candidates) {
      if (!c.equals(r)) {
        return c;
      }
    }
    return candidates[candidates.length - 1] + "2";
  }
}
