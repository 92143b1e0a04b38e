package dev.stackwright.render.internal;

/** YAML scalars written by hand: the user-data is the only YAML we write, and it needs only quoted strings. */
public final class Yaml {
  private Yaml() {}

  /** A double-quoted YAML scalar; every character that is not printable ASCII is escaped. */
  public static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
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
