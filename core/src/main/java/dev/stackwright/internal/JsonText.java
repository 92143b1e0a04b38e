package dev.stackwright.internal;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Writes a tree of maps, lists, strings, whole numbers, booleans and nulls as JSON (RFC 8259), two spaces an indent,
 * keys in the maps' order. Core has no JSON library and needs none for this: a plan is written, never read back. Every
 * string is escaped ({@code "} and {@code \}, the control characters, U+2028 and U+2029 that a JavaScript reader
 * would take for line ends, and a lone surrogate, which has no UTF-8 form), so any text a resource's name or a
 * reason holds comes out as valid JSON. An empty {@link Optional} or {@link OptionalInt} is {@code null}.
 */
public final class JsonText {
  private JsonText() {}

  /** The document, ending with a newline. */
  public static String write(Object value) {
    StringBuilder s = new StringBuilder();
    write(value, s, "");
    return s.append('\n').toString();
  }

  private static void write(Object value, StringBuilder s, String indent) {
    if (value instanceof Optional<?> o) {
      write(o.orElse(null), s, indent);
    } else if (value instanceof OptionalInt o) {
      write(o.isPresent() ? (Object) o.getAsInt() : null, s, indent);
    } else if (value == null) {
      s.append("null");
    } else if (value instanceof Map<?, ?> map) {
      object(map, s, indent);
    } else if (value instanceof Collection<?> list) {
      array(list, s, indent);
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      s.append(value);
    } else if (value instanceof String text) {
      string(text, s);
    } else {
      throw new IllegalArgumentException("JsonText writes maps, lists, strings, whole numbers, booleans and nulls,"
          + " not a " + value.getClass().getName());
    }
  }

  private static void object(Map<?, ?> map, StringBuilder s, String indent) {
    if (map.isEmpty()) {
      s.append("{}");
      return;
    }
    String inner = indent + "  ";
    s.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("a JSON object's keys are strings, not " + e.getKey());
      }
      s.append(first ? "\n" : ",\n").append(inner);
      string(key, s);
      s.append(": ");
      write(e.getValue(), s, inner);
      first = false;
    }
    s.append('\n').append(indent).append('}');
  }

  private static void array(Collection<?> list, StringBuilder s, String indent) {
    if (list.isEmpty()) {
      s.append("[]");
      return;
    }
    String inner = indent + "  ";
    s.append('[');
    boolean first = true;
    for (Object item : list) {
      s.append(first ? "\n" : ",\n").append(inner);
      write(item, s, inner);
      first = false;
    }
    s.append('\n').append(indent).append(']');
  }

  /** A JSON string literal of {@code v}. */
  static void string(String v, StringBuilder s) {
    s.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        case '\b' -> s.append("\\b");
        case '\f' -> s.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || lone(v, i)) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    s.append('"');
  }

  /** A surrogate that is not half of a pair. */
  private static boolean lone(String v, int i) {
    char c = v.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= v.length() || !Character.isLowSurrogate(v.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(v.charAt(i - 1));
    }
    return false;
  }
}
