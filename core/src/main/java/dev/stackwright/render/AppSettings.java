package dev.stackwright.render;

import dev.stackwright.StackwrightException;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings services give the application ({@link Service#appSettings()}), as the application's environment file
 * lists them: one {@code name} and {@code value} each, the value one per instance joined by ",".
 */
final class AppSettings {
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
  /** What a double-quoted value of an env file read by both systemd and sh can hold as it is. */
  private static final Pattern VALUE = Pattern.compile("[^\"\\\\$`\\n\\r]*");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)(?::([a-z0-9_]+))?}");

  private AppSettings() {}

  /** The settings of the services the cluster has, in the services' order, then each one's. */
  static List<Map<String, Object>> of(Cluster cluster, List<Service> services) {
    List<Map<String, Object>> settings = new ArrayList<>();
    for (Service s : services) {
      List<RoleInstance> instances = cluster.instances(s);
      if (instances.isEmpty()) {
        continue;
      }
      s.appSettings().forEach((name, template) -> {
        String where = "service[" + s.name() + "].appSetting[" + name + "]";
        if (!NAME.matcher(name).matches()) {
          throw new StackwrightException(where + " is not an environment variable's name; write it like "
              + "\"CACHE_URL\" (capitals, digits and _, starting with a capital)");
        }
        List<String> values = new ArrayList<>();
        instances.forEach(r -> values.add(value(s, r, template, where)));
        settings.add(Map.of("name", name, "value", String.join(",", values)));
      });
    }
    return settings;
  }

  private static String value(Service s, RoleInstance r, String template, String where) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(placeholder(s, r, m.group(1), m.group(2), where)));
    }
    m.appendTail(out);
    String value = out.toString();
    if (!VALUE.matcher(value).matches()) {
      throw new StackwrightException(where + " has a quote, backslash, $, backquote or line break, which the "
          + "environment file cannot hold as it is; fix: leave them out of the value");
    }
    return value;
  }

  private static String placeholder(Service s, RoleInstance r, String name, String port, String where) {
    switch (name) {
      case "address":
        return r.address().toString();
      case "name":
        return r.name();
      case "port":
        if (port != null) {
          return s.port(port).map(p -> String.valueOf(p.number())).orElseThrow(() -> new StackwrightException(
              where + " names port " + port + ", which the service does not have; fix: name one of "
                  + s.ports().stream().map(ServicePort::name).toList()));
        }
        break;
      default:
        break;
    }
    throw new StackwrightException(where + " has the placeholder {" + name + (port == null ? "" : ":" + port)
        + "}, which stackwright does not know; fix: use {address}, {name} or {port:NAME}");
  }
}
