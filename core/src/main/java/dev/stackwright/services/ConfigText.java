package dev.stackwright.services;

import dev.stackwright.internal.CommandWords;
import dev.stackwright.local.LocalEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the few settings the local run needs out of rendered config text: where a service listens, and the commands
 * and environment of systemd units and env files. Read-only: the files themselves are never changed here.
 */
final class ConfigText {
  private ConfigText() {}

  private static final Pattern NGINX_LISTEN = Pattern.compile("(?<![\\w$])listen\\s+([^;\\s]+)[^;]*;");

  /** Every {@code listen} of an nginx config, as address:port; a bare port has the host "*". */
  static List<LocalEndpoint> nginxListens(String conf) {
    List<LocalEndpoint> out = new ArrayList<>();
    Matcher m = NGINX_LISTEN.matcher(stripHashComments(conf));
    while (m.find()) {
      String v = m.group(1);
      int colon = v.lastIndexOf(':');
      if (colon < 0) {
        if (v.chars().allMatch(Character::isDigit)) {
          out.add(new LocalEndpoint("*", Integer.parseInt(v)));
        } else {
          out.add(new LocalEndpoint(v, 80));
        }
      } else {
        out.add(new LocalEndpoint(v.substring(0, colon), Integer.parseInt(v.substring(colon + 1))));
      }
    }
    return out;
  }

  /** True when an nginx config sets {@code directive} at all (outside comments). */
  static boolean nginxHas(String conf, String directive) {
    return Pattern.compile("(?m)^\\s*" + Pattern.quote(directive) + "\\s").matcher(stripHashComments(conf)).find();
  }

  private static final Pattern GUNICORN_BIND = Pattern.compile(
      "(?m)^\\s*bind\\s*=\\s*(\\[[^\\]]*\\]|\"[^\"]*\"|'[^']*')");
  private static final Pattern QUOTED = Pattern.compile("[\"']([^\"']+)[\"']");

  /** The addresses of {@code bind = ...} in a gunicorn.conf.py (a string or a list of strings). */
  static List<LocalEndpoint> gunicornBinds(String conf) {
    List<LocalEndpoint> out = new ArrayList<>();
    Matcher m = GUNICORN_BIND.matcher(conf);
    if (m.find()) {
      Matcher q = QUOTED.matcher(m.group(1));
      while (q.find()) {
        endpoint(q.group(1), 8000).ifPresent(out::add);
      }
    }
    return out;
  }

  /** {@code host:port}, {@code host} (with the default port); empty for unix sockets. */
  static Optional<LocalEndpoint> endpoint(String text, int defaultPort) {
    String t = text.strip();
    if (t.startsWith("unix:") || t.startsWith("/")) {
      return Optional.empty();
    }
    int colon = t.lastIndexOf(':');
    if (colon < 0) {
      return Optional.of(new LocalEndpoint(t, defaultPort));
    }
    try {
      return Optional.of(new LocalEndpoint(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A Python assignment of a string, {@code pidfile = "/run/x.pid"}. */
  static Optional<String> pythonString(String conf, String name) {
    Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s*=\\s*[\"']([^\"']*)[\"']").matcher(conf);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** {@code key = value} lines of a flat file such as rabbitmq.conf (sysctl format); later keys win. */
  static Map<String, String> keyValues(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
        continue;
      }
      int eq = l.indexOf('=');
      if (eq > 0) {
        out.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
      }
    }
    return out;
  }

  /** The sections of an INI file (CouchDB's local.ini): section name to its keys, in order. */
  static Map<String, Map<String, String>> ini(String text) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Map<String, String> current = out.computeIfAbsent("", k -> new LinkedHashMap<>());
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith(";") || l.startsWith("#")) {
        continue;
      }
      if (l.startsWith("[") && l.endsWith("]")) {
        current = out.computeIfAbsent(l.substring(1, l.length() - 1).strip(), k -> new LinkedHashMap<>());
        continue;
      }
      int eq = l.indexOf('=');
      if (eq > 0) {
        current.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
      }
    }
    return out;
  }

  /**
   * An env file as systemd and /bin/sh both read the simple cases: {@code KEY=value}, {@code KEY="value"},
   * {@code export KEY=value}; comments and blank lines skipped; {@code ${OTHER}} and {@code $OTHER} expanded from keys
   * read so far.
   */
  static Map<String, String> envFile(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      if (l.startsWith("export ")) {
        l = l.substring(7).strip();
      }
      int eq = l.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = l.substring(0, eq).strip();
      String value = l.substring(eq + 1).strip();
      boolean single = value.length() >= 2 && value.startsWith("'") && value.endsWith("'");
      if (value.length() >= 2 && (single || value.startsWith("\"") && value.endsWith("\""))) {
        value = value.substring(1, value.length() - 1);
      }
      out.put(key, single ? value : expand(value, out));
    }
    return out;
  }

  private static final Pattern VAR = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");

  /** Expands {@code ${NAME}} and {@code $NAME} from {@code env}; unknown names become empty, as in sh. */
  static String expand(String value, Map<String, String> env) {
    Matcher m = VAR.matcher(value);
    StringBuilder s = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      m.appendReplacement(s, Matcher.quoteReplacement(env.getOrDefault(name, "")));
    }
    m.appendTail(s);
    return s.toString();
  }

  /** A systemd unit's [Service] keys; a key given twice keeps every value, in order. */
  static Map<String, List<String>> unitService(String unit) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    boolean inService = false;
    StringBuilder continued = null;
    for (String raw : unit.split("\n")) {
      String l = raw.strip();
      if (continued != null) {
        continued.append(' ').append(l.endsWith("\\") ? l.substring(0, l.length() - 1) : l);
        if (!l.endsWith("\\")) {
          add(out, continued.toString());
          continued = null;
        }
        continue;
      }
      if (l.startsWith("[")) {
        inService = l.equals("[Service]");
        continue;
      }
      if (!inService || l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
        continue;
      }
      if (l.endsWith("\\")) {
        continued = new StringBuilder(l.substring(0, l.length() - 1));
        continue;
      }
      add(out, l);
    }
    return out;
  }

  private static void add(Map<String, List<String>> out, String line) {
    int eq = line.indexOf('=');
    if (eq > 0) {
      out.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
    }
  }

  /** Splits a command line the way systemd and sh do for the simple cases (see {@link CommandWords}). */
  static List<String> words(String command) {
    return CommandWords.split(command);
  }

  private static String stripHashComments(String text) {
    return text.replaceAll("(?m)#.*$", "");
  }
}
