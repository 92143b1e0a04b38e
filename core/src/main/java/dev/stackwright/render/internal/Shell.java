package dev.stackwright.render.internal;

/** Shell words for the commands in the user-data. */
public final class Shell {
  private Shell() {}

  /** {@code s} as one single-quoted sh word. */
  public static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
