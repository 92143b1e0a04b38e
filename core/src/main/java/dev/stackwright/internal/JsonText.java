package dev.stackwright.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A small JSON reader and writer for what stackwright keeps and prints (the in-memory cloud's state, a plan as data):
 * objects are {@link Map}s of strings, arrays {@link List}s, numbers {@link Long}s (whole) or {@link Double}s, and
 * {@code true}/{@code false}/{@code null} as Java has them; the writer also takes an empty {@link Optional} as null.
 * Core keeps no JSON library: Jackson reaches its class path only through Jinjava, and this is all it needs. Every
 * string written is escaped ({@code "}, {@code \}, the control characters, U+2028 and U+2029 that a JavaScript reader
 * takes for line ends, a lone surrogate), so any name or reason comes out as valid JSON.
 */
public final class JsonText {
  /** Deeper than any file stackwright writes; a deeper one is refused rather than allowed to overflow the stack. */
  private static final int MAX_DEPTH = 256;

  private final String text;
  private int at;
  private int depth;

  private JsonText(String text) {
    this.text = text;
  }

  /** The value {@code text} holds; an {@link IllegalArgumentException} naming the line and column of a fault. */
  public static Object parse(String text) {
    JsonText p = new JsonText(text);
    Object value = p.value();
    p.blanks();
    if (p.at < text.length()) {
      throw p.error("text after the value");
    }
    return value;
  }

  /** {@code value} as indented JSON, ending with a new line; map keys in the map's own order. */
  public static String write(Object value) {
    StringBuilder s = new StringBuilder();
    write(value, s, "");
    return s.append('\n').toString();
  }

  // ---- reading ----

  private Object value() {
    blanks();
    if (at >= text.length()) {
      throw error("the text ends where a value should be");
    }
    char c = text.charAt(at);
    return switch (c) {
      case '{' -> nested(this::object);
      case '[' -> nested(this::array);
      case '"' -> string();
      case 't' -> word("true", Boolean.TRUE);
      case 'f' -> word("false", Boolean.FALSE);
      case 'n' -> word("null", null);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected '" + c + "'");
      }
    };
  }

  private Object nested(java.util.function.Supplier<Object> container) {
    if (++depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH + " levels");
    }
    Object value = container.get();
    depth--;
    return value;
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    at++;
    blanks();
    if (peek() == '}') {
      at++;
      return map;
    }
    while (true) {
      blanks();
      if (peek() != '"') {
        throw error("expected a quoted key");
      }
      String key = string();
      blanks();
      expect(':');
      map.put(key, value());
      blanks();
      if (peek() == ',') {
        at++;
      } else {
        expect('}');
        return map;
      }
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    at++;
    blanks();
    if (peek() == ']') {
      at++;
      return list;
    }
    while (true) {
      list.add(value());
      blanks();
      if (peek() == ',') {
        at++;
      } else {
        expect(']');
        return list;
      }
    }
  }

  private String string() {
    StringBuilder s = new StringBuilder();
    at++;
    while (true) {
      if (at >= text.length()) {
        throw error("a string is not closed");
      }
      char c = text.charAt(at++);
      if (c == '"') {
        return s.toString();
      }
      if (c < 0x20) {
        throw error("a control character inside a string");
      }
      s.append(c == '\\' ? escaped() : c);
    }
  }

  private char escaped() {
    if (at >= text.length()) {
      throw error("a string is not closed");
    }
    char c = text.charAt(at++);
    return switch (c) {
      case '"', '\\', '/' -> c;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> {
        if (at + 4 > text.length()) {
          throw error("a \\u escape needs four hex digits");
        }
        try {
          char u = (char) Integer.parseInt(text.substring(at, at + 4), 16);
          at += 4;
          yield u;
        } catch (NumberFormatException e) {
          throw error("a \\u escape needs four hex digits");
        }
      }
      default -> throw error("unknown escape \\" + c);
    };
  }

  private Object number() {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    String n = text.substring(start, at);
    try {
      return n.matches("-?\\d+") ? (Object) Long.parseLong(n) : (Object) Double.parseDouble(n);
    } catch (NumberFormatException e) {
      at = start;
      throw error("not a number: " + n);
    }
  }

  private Object word(String word, Object value) {
    if (!text.startsWith(word, at)) {
      throw error("unexpected '" + text.charAt(at) + "'");
    }
    at += word.length();
    return value;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    at++;
  }

  private char peek() {
    if (at >= text.length()) {
      throw error("the text ends too early");
    }
    return text.charAt(at);
  }

  private void blanks() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private IllegalArgumentException error(String what) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < Math.min(at, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new IllegalArgumentException("not JSON at line " + line + ", column " + column + ": " + what);
  }

  // ---- writing ----

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
    } else if (value instanceof Double d && Double.isFinite(d)) {
      s.append(d);
    } else if (value instanceof String text) {
      string(text, s);
    } else {
      throw new IllegalArgumentException("JsonText writes maps, lists, strings, numbers, booleans and nulls,"
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
