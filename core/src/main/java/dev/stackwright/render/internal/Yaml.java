package dev.stackwright.render.internal;

/** YAML scalars written by hand: the user-data is the only YAML we write, and it needs only quoted strings. */
public final class Yaml {
  private Yaml() {}

  /** A double-quoted YAML scalar; every character that is not printable ASCII is escaped. */
  public static String quote(String s) {
    StringBuilder q = new StringBuilder(s.length() + 8).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          q.append("\\\"");
          break;
        case '\\':
          q.append("\\\\");
          break;
        case '\n':
          q.append("\\n");
          break;
        case '\t':
          q.append("\\t");
          break;
        default:
          if (c < 0x20 || c >= 0x7f) {
            q.append(String.format("\\u%04x", (int) c));
          } else {
            q.append(c);
          }
      }
    }
    return q.append('"').toString();
  }
}
