package dev.stackwright.internal;

import java.util.Optional;

/**
 * Decides whether a value may be written into a config file: anything that could end a line, close a quote, start a
 * block or end a statement in nginx, INI, YAML, systemd or shell syntax is refused.
 */
public final class SafeText {
  private SafeText() {}

  /** Text safe to put in a message: what a terminal would not show as typed is a '?'. */
  public static String printable(String s) {
    return s.replaceAll("[^\\x20-\\x7e]", "?");
  }

  /** A description of the first character that could inject into a config file, such as "a newline". */
  public static Optional<String> firstUnsafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String what = describe(c);
      if (what != null) {
        return Optional.of(what + " at position " + (i + 1));
      }
    }
    return Optional.empty();
  }

  private static String describe(char c) {
    switch (c) {
      case '\n':
        return "a newline";
      case '\r':
        return "a carriage return";
      case '"':
        return "a double quote";
      case '\'':
        return "a single quote";
      case '`':
        return "a backtick";
      case ';':
        return "a semicolon";
      case '{':
      case '}':
        return "a brace";
      case '\\':
        return "a backslash";
      case '$':
        return "a dollar sign";
      case '#':
        return "a hash sign";
      case '\u0085':
      case '\u2028':
      case '\u2029':
        return "a Unicode line break";
      default:
        return c < 0x20 || c == 0x7f ? "a control character" : null;
    }
  }
}
