package dev.stackwright.engine;

import dev.stackwright.internal.JsonText;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link Outputs} as JSON: every key always present (an absent value is {@code null}), in a fixed order, so a script
 * reads one shape; written by the same {@link JsonText} as the plan.
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
    return JsonText.write(m);
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
}
