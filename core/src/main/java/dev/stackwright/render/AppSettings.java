package dev.stackwright.render;

import dev.stackwright.StackwrightException;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings services give the application ({@link Service#appSettings()}), as the application's environment file
 * lists them: one {@code name} and {@code value} each, the value one per instance joined by ",". A value made from a
 * secret ({@code {secret:KEY}}) is registered as derived from one, so it is never logged and its file is secret.
 */
final class AppSettings {
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
  /** What a double-quoted value of an env file read by both systemd and sh can hold as it is. */
  private static final Pattern VALUE = Pattern.compile("[^\"\\\\$`\\n\\r]*");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)(?::([a-z0-9_]+))?}");

  private AppSettings() {}

  /**
   * The settings of the services the cluster has, in the services' order, then each one's.
   *
   * @param secrets the cluster's secrets by key
   * @param derived told every value made from a secret
   */
  static List<Map<String, Object>> of(Cluster cluster, List<Service> services, Map<String, String> secrets,
      Consumer<String> derived) {
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
        instances.forEach(r -> values.add(value(s, r, template, where, secrets)));
        String value = String.join(",", values);
        if (PLACEHOLDER.matcher(template).results().anyMatch(m -> m.group(1).equals("secret"))) {
          derived.accept(value);
        }
        settings.add(Map.of("name", name, "value", value));
      });
    }
    return settings;
  }

  private static String value(Service s, RoleInstance r, String template, String where,
      Map<String, String> secrets) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(placeholder(s, r, m.group(1), m.group(2), where,
          secrets)));
    }
    m.appendTail(out);
    String value = out.toString();
    if (!VALUE.matcher(value).matches()) {
      // A secret is letters, digits and . _ ~ - (ServiceSecrets), so the bad character is the template's own.
      throw new StackwrightException(where + " has a quote, backslash, $, backquote or line break, which the "
          + "environment file cannot hold as it is; fix: leave them out of the value");
    }
    return value;
  }

  private static String placeholder(Service s, RoleInstance r, String name, String port, String where,
      Map<String, String> secrets) {
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
      case "secret":
        if (port != null) {
          return secret(s, port, where, secrets);
        }
        break;
      default:
        break;
    }
    throw new StackwrightException(where + " has the placeholder {" + name + (port == null ? "" : ":" + port)
        + "}, which stackwright does not know; fix: use {address}, {name}, {port:NAME} or {secret:KEY}");
  }

  private static String secret(Service s, String key, String where, Map<String, String> secrets) {
    String value = s.secrets().contains(key) ? secrets.get(key) : null;
    if (value == null) {
      throw new StackwrightException(where + " names secret " + key + ", which service " + s.name() + " does not "
          + "name; fix: name one of " + s.secrets() + ", or declare it with .secret(key, length)");
    }
    return value;
  }
}
