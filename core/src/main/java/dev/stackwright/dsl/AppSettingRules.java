package dev.stackwright.dsl;

import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import dev.stackwright.services.BuiltInServices;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings services give the application ({@link Service#appSettings()}), checked before anything renders: a
 * name an env file read by both systemd and sh can set, that neither the environment file's own lines nor the shell
 * or the loader use, and that no other service sets; a value the file can hold as it is, with placeholders the
 * renderer knows, ports the service has and secrets it names. The renderer keeps its own check as a backstop.
 */
final class AppSettingRules {
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
  /** What a double-quoted value of an env file read by both systemd and sh can hold as it is. */
  private static final Pattern VALUE = Pattern.compile("[^\"\\\\$`\\n\\r]*");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)(?::([a-z0-9_]+))?}");
  /** Names sh, the dynamic loader, Python or the locale read: set from the env file they would change every step. */
  private static final Set<String> SYSTEM = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "IFS", "PWD",
      "OLDPWD", "ENV", "BASH_ENV", "CDPATH", "PS4", "TMPDIR", "LANG", "TZ", "TERM");
  private static final List<String> SYSTEM_PREFIXES = List.of("LD_", "LC_", "PYTHON", "SYSTEMD_");

  private final Problems problems;
  private final Set<String> environment = BuiltInServices.applicationEnvironment();
  private final Map<String, String> setBy = new HashMap<>();

  private AppSettingRules(Problems problems) {
    this.problems = problems;
  }

  static void check(List<Service> services, Problems problems) {
    AppSettingRules rules = new AppSettingRules(problems);
    services.forEach(rules::check);
  }

  private void check(Service s) {
    s.appSettings().forEach((name, value) -> {
      String path = "service[" + s.name() + "].appSetting[" + Texts.printable(name) + "]";
      if (name(s, path, name)) {
        value(s, path, value);
      }
    });
  }

  private boolean name(Service s, String path, String name) {
    if (!NAME.matcher(name).matches()) {
      problems.problem(path, name, "is not an environment variable's name", "write it like \"CACHE_URL\": a "
          + "capital, then capitals, digits and _, at most 64");
      return false;
    }
    if (environment.contains(name)) {
      problems.problem(path, name, "is set by the application's environment file itself " + environment,
          "give the setting a name of the service's own, such as \"" + s.name().toUpperCase() + "_URL\"");
      return false;
    }
    if (SYSTEM.contains(name) || SYSTEM_PREFIXES.stream().anyMatch(name::startsWith)) {
      problems.problem(path, name, "is read by the shell, the loader, Python or the locale of every step that "
          + "reads the environment file", "give the setting a name of the service's own, such as \""
          + s.name().toUpperCase() + "_URL\"");
      return false;
    }
    String earlier = setBy.putIfAbsent(name, s.name());
    if (earlier != null) {
      problems.problem(path, name, "is set by service " + earlier + " too, and the file keeps one line of a name",
          "give the setting a name of this service's own");
      return false;
    }
    return true;
  }

  private void value(Service s, String path, String value) {
    if (!VALUE.matcher(value).matches()) {
      problems.problem(path, value, "has a quote, backslash, $, backquote or line break, which "
          + "the environment file cannot hold as it is", "leave them out of the value");
    }
    List<String> ports = s.ports().stream().map(ServicePort::name).toList();
    Matcher m = PLACEHOLDER.matcher(value);
    while (m.find()) {
      String port = m.group(2);
      if (m.group(1).equals("port") && port != null && s.port(port).isEmpty()) {
        problems.problem(path, m.group(), "names port " + port + ", which service " + s.name() + " does not have",
            ports.isEmpty() ? "declare it with .port(ServicePort.tcp(...))" : "name one of " + ports);
      } else if (m.group(1).equals("secret") && port != null && !s.secrets().contains(port)) {
        problems.problem(path, m.group(), "names secret " + port + ", which service " + s.name() + " neither "
            + "declares nor names", (s.secrets().isEmpty() ? "" : "name one of " + s.secrets() + ", or ")
            + "declare it with .secret(key, length)");
      } else if (!known(m.group(1), port)) {
        problems.problem(path, m.group(), "is a placeholder stackwright does not know",
            "use {address}, {name}, {port:NAME} or {secret:KEY}");
      }
    }
  }

  private static boolean known(String kind, String argument) {
    if (kind.equals("port") || kind.equals("secret")) {
      return argument != null;
    }
    return argument == null && (kind.equals("address") || kind.equals("name"));
  }
}
