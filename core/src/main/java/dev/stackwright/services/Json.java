package dev.stackwright.services;

import java.util.Map;

/** Writes the maps of strings that pouchdb-server's config.json needs; nothing more. */
final class Json {
  private Json() {}

  static String write(Object value) {
    StringBuilder s = new StringBuilder();
    write(value, s, "");
    return s.append('\n').toString();
  }

  private static void write(Object value, StringBuilder s, String indent) {
    if (value instanceof Map<?, ?> map) {
      s.append("{");
      String inner = indent + "  ";
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        s.append(first ? "\n" : ",\n").append(inner);
        string(String.valueOf(e.getKey()), s);
        s.append(": ");
        write(e.getValue(), s, inner);
        first = false;
      }
      s.append(first ? "}" : "\n" + indent + "}");
    } else {
      string(String.valueOf(value), s);
    }
  }

  private static void string(String v, StringBuilder s) {
    s.append('"');
    for (char c : v.toCharArray()) {
      if (c == '"' || c == '\\') {
        s.append('\\').append(c);
      } else if (c < 0x20) {
        s.append(String.format("\\u%04x", (int) c));
      } else {
        s.append(c);
      }
    }
    s.append('"');
  }
}
