package dev.stackwright.report;

/**
 * Text for Graphviz DOT: quoted ids and labels, and the text of HTML-like labels. Any text may go in (a service's
 * title and an access's purpose are free text); nothing in it can end a string, open a tag or start an escape.
 */
final class Dot {
  private Dot() {}

  /**
   * {@code s} as a quoted DOT string: {@code "} and {@code \} escaped, a newline as DOT's {@code \n} (a line break in
   * a label), any other control or line-break character as {@code ?}. Equal strings give equal ids, different ones
   * different ids.
   */
  static String quoted(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> b.append(control(c) ? '?' : c);
      }
    }
    return b.append('"').toString();
  }

  /** {@code s} as the text or an attribute value of an HTML-like label: XML's five entities, controls as {@code ?}. */
  static String html(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(control(c) ? '?' : c);
      }
    }
    return b.toString();
  }

  /** XML 1.0 allows no C0 control but tab and newline; the Unicode line breaks would break a DOT line. */
  private static boolean control(char c) {
    return c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }
}
