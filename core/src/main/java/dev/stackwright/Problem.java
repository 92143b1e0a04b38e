package dev.stackwright;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with a topology: where it is (a path such as {@code role[worker].subnet}), the offending value
 * when there is one, what is wrong, and how to fix it.
 */
public final class Problem {
  private final String path;
  private final String value;
  private final String message;
  private final String fix;

  private Problem(String path, String value, String message, String fix) {
    this.path = Objects.requireNonNull(path, "path");
    this.value = value;
    this.message = Objects.requireNonNull(message, "message");
    this.fix = Objects.requireNonNull(fix, "fix");
  }

  /** A problem about a value the user wrote. */
  public static Problem of(String path, Object value, String message, String fix) {
    return new Problem(path, value == null ? null : String.valueOf(value), message, fix);
  }

  /** A problem about something missing, so there is no value to show. */
  public static Problem missing(String path, String message, String fix) {
    return new Problem(path, null, message, fix);
  }

  public String path() {
    return path;
  }

  public Optional<String> value() {
    return Optional.ofNullable(value);
  }

  public String message() {
    return message;
  }

  public String fix() {
    return fix;
  }

  /**
   * {@code [role[worker].subnet] "10.0.1000" is not a /24 prefix; fix: write three octets such as "10.0.100"}. Always
   * one line: the path, message and fix repeat names the user wrote, so they are escaped like the value.
   */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("[").append(printable(path)).append("] ");
    if (value != null) {
      s.append('"').append(printable(value)).append("\" ");
    }
    return s.append(printable(message)).append("; fix: ").append(printable(fix)).toString();
  }

  /**
   * Control characters (and the Unicode line and paragraph separators) are shown escaped, so a hostile name cannot
   * break the report it appears in or forge a line of its own.
   */
  private static String printable(String v) {
    StringBuilder s = new StringBuilder();
    for (char c : v.toCharArray()) {
      if (c == '\n') {
        s.append("\\n");
      } else if (c == '\r') {
        s.append("\\r");
      } else if (c == '\t') {
        s.append("\\t");
      } else if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
        s.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Problem p && path.equals(p.path) && Objects.equals(value, p.value)
        && message.equals(p.message) && fix.equals(p.fix);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, value, message, fix);
  }
}
