package dev.stackwright.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Outputs} as JSON: every key always present (an absent value is {@code null}), in a fixed order, so a script
 * reads one shape. Strings, booleans, numbers, lists and maps only; nothing else needs writing here.
 */
final class OutputsJson {
  private OutputsJson() {}

  static String write(Outputs o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", Outputs.JSON_FORMAT);
    m.put("cluster", o.cluster());
    m.put("backend", o.backend());
    m.put("reachable", o.note().isEmpty());
    m.put("note", o.note().orElse(null));
    m.put("load_balancer_url", o.loadBalancerUrl().orElse(null));
    m.put("admin_url", o.adminUrl().orElse(null));
    m.put("floating_ips", o.floatingIps().stream().map(f -> Map.of("node", f.node(), "address", f.address()))
        .map(OutputsJson::sorted).toList());
    m.put("ssh", o.ssh().map(OutputsJson::ssh).orElse(null));
    StringBuilder s = new StringBuilder();
    value(m, s, "");
    return s.append('\n').toString();
  }

  private static Map<String, Object> ssh(Outputs.Ssh ssh) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("user", ssh.user());
    m.put("host", ssh.host());
    m.put("identity_file", ssh.identityFile().map(Object::toString).orElse(null));
    m.put("command", ssh.command());
    m.put("inner_node", ssh.innerNode().orElse(null));
    m.put("inner_command", ssh.innerCommand().orElse(null));
    return m;
  }

  private static Map<String, Object> sorted(Map<String, String> m) {
    return new java.util.TreeMap<>(m);
  }

  private static void value(Object v, StringBuilder s, String indent) {
    if (v == null) {
      s.append("null");
    } else if (v instanceof Map<?, ?> map) {
      object(map, s, indent);
    } else if (v instanceof List<?> list) {
      array(list, s, indent);
    } else if (v instanceof Boolean || v instanceof Integer) {
      s.append(v);
    } else if (v instanceof Optional<?>) {
      throw new IllegalArgumentException("an Optional reached the JSON writer; unwrap it to a value or null");
    } else {
      string(v.toString(), s);
    }
  }

  private static void object(Map<?, ?> map, StringBuilder s, String indent) {
    if (map.isEmpty()) {
      s.append("{}");
      return;
    }
    String inner = indent + "  ";
    String sep = "{\n";
    for (Map.Entry<?, ?> e : map.entrySet()) {
      s.append(sep).append(inner);
      string(e.getKey().toString(), s);
      s.append(": ");
      value(e.getValue(), s, inner);
      sep = ",\n";
    }
    s.append('\n').append(indent).append('}');
  }

  private static void array(List<?> list, StringBuilder s, String indent) {
    if (list.isEmpty()) {
      s.append("[]");
      return;
    }
    String inner = indent + "  ";
    String sep = "[\n";
    for (Object item : list) {
      s.append(sep).append(inner);
      value(item, s, inner);
      sep = ",\n";
    }
    s.append('\n').append(indent).append(']');
  }

  private static void string(String v, StringBuilder s) {
    s.append('"');
    for (char c : v.toCharArray()) {
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    s.append('"');
  }
}
