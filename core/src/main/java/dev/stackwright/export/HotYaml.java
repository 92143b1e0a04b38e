package dev.stackwright.export;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a tree of maps, lists, strings, numbers and {@link Fn intrinsic functions} as block-style YAML that any YAML
 * 1.1 or 1.2 parser reads back to the same tree: every string double-quoted with JSON-style escapes (so no value is
 * ever read as a number, a boolean, a date or a comment), or, for a multi-line text such as cloud-init user-data, a
 * literal block when its lines survive one unchanged.
 */
final class HotYaml {
  /** A key written without quotes: letters, digits, {@code _ - .}, starting with a letter or {@code _}. */
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final Pattern KEYWORDS = Pattern.compile(
      "(?i)y|n|yes|no|true|false|on|off|null|~");

  private HotYaml() {}

  /** A HOT intrinsic function, written in flow style: {@code {get_resource: "port_web-1"}}. */
  record Fn(String name, Object argument) {}

  /** A word written as it is, such as {@code RAW} or {@code ingress}: only for values known to be plain. */
  record Word(String text) {
    Word {
      if (!PLAIN_KEY.matcher(text).matches() || KEYWORDS.matcher(text).matches()) {
        throw new IllegalArgumentException("not a plain YAML word: " + text);
      }
    }
  }

  /** The mapping's entries at indentation 0. */
  static String write(Map<String, ?> document) {
    StringBuilder out = new StringBuilder();
    map(out, document, 0, "");
    return out.toString();
  }

  /** Writes the entries at {@code indent}; the first line starts with {@code firstPrefix} (a list item's dash). */
  private static void map(StringBuilder out, Map<String, ?> map, int indent, String firstPrefix) {
    boolean first = true;
    for (Map.Entry<String, ?> e : map.entrySet()) {
      out.append(first ? firstPrefix : " ".repeat(indent)).append(key(e.getKey())).append(':');
      first = false;
      value(out, e.getValue(), indent);
    }
  }

  /** A value after {@code key:} or {@code -}, the key or dash being at {@code indent}. */
  private static void value(StringBuilder out, Object v, int indent) {
    if (v instanceof Map<?, ?> m && !m.isEmpty()) {
      out.append('\n');
      map(out, asMap(m), indent + 2, " ".repeat(indent + 2));
    } else if (v instanceof List<?> l && !l.isEmpty()) {
      out.append('\n');
      list(out, l, indent + 2);
    } else if (v instanceof String s && literalBlockFits(s)) {
      out.append(' ').append(literalBlock(s, indent + 2));
    } else {
      out.append(' ').append(flow(v)).append('\n');
    }
  }

  private static void list(StringBuilder out, List<?> list, int indent) {
    for (Object item : list) {
      if (item instanceof Map<?, ?> m && !m.isEmpty()) {
        map(out, asMap(m), indent + 2, " ".repeat(indent) + "- ");
      } else {
        out.append(" ".repeat(indent)).append('-');
        value(out, item, indent);
      }
    }
  }

  /** A value on one line: a scalar, an empty collection, or a function with its arguments. */
  private static String flow(Object v) {
    if (v instanceof String s) {
      return quoted(s);
    } else if (v instanceof Word w) {
      return w.text();
    } else if (v instanceof Integer || v instanceof Long || v instanceof Boolean) {
      return v.toString();
    } else if (v instanceof Fn f) {
      return "{" + f.name() + ": " + flow(f.argument()) + "}";
    } else if (v instanceof List<?> l) {
      StringBuilder b = new StringBuilder("[");
      l.forEach(item -> b.append(b.length() > 1 ? ", " : "").append(flow(item)));
      return b.append(']').toString();
    } else if (v instanceof Map<?, ?> m && m.isEmpty()) {
      return "{}";
    }
    throw new IllegalArgumentException("no YAML form for a " + (v == null ? "null" : v.getClass().getName()));
  }

  private static String key(String k) {
    return PLAIN_KEY.matcher(k).matches() && !KEYWORDS.matcher(k).matches() ? k : quoted(k);
  }

  /**
   * A double-quoted scalar: JSON's escapes, which YAML's double-quoted style shares; everything outside printable
   * ASCII escaped, so no line break, BOM or character a YAML reader refuses reaches the file raw.
   */
  static String quoted(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            b.append((char) c);
          } else if (c <= 0xffff) {
            b.append(String.format("\\u%04x", c));
          } else {
            b.append(String.format("\\U%08x", c));
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /**
   * Whether a text reads back unchanged from a literal block: several lines of printable ASCII, none ending in a
   * space (a line of spaces would shrink to an empty one), the first with text not starting with a space (it sets
   * the block's indentation).
   */
  static boolean literalBlockFits(String s) {
    if (s.indexOf('\n') < 0 || s.chars().anyMatch(c -> c != '\n' && (c < 0x20 || c >= 0x7f))) {
      return false;
    }
    List<String> lines = List.of(s.split("\n", -1));
    return lines.stream().noneMatch(l -> l.endsWith(" "))
        && lines.stream().filter(l -> !l.isEmpty()).findFirst().map(l -> !l.startsWith(" ")).orElse(false);
  }

  /** {@code |} and the lines at {@code indent}; the chomping indicator keeps exactly the text's final line breaks. */
  private static String literalBlock(String s, int indent) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '\n') {
      end--;
    }
    int trailing = s.length() - end;
    String chomp = trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+";
    StringBuilder b = new StringBuilder(chomp).append('\n');
    String pad = " ".repeat(indent);
    for (String line : s.substring(0, end).split("\n", -1)) {
      b.append(line.isEmpty() ? "" : pad).append(line).append('\n');
    }
    for (int i = 1; i < trailing; i++) {
      b.append('\n');
    }
    return b.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> asMap(Map<?, ?> m) {
    return (Map<String, ?>) m;
  }
}
