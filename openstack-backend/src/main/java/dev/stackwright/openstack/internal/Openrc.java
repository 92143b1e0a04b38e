package dev.stackwright.openstack.internal;

import dev.stackwright.StackwrightException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code export OS_X=value} lines of an openrc file without running it: quoted and bare values; a value
 * that expands a shell variable (Horizon's {@code $OS_PASSWORD_INPUT}) is left out, as is everything that is not an
 * export of an {@code OS_} variable.
 */
public final class Openrc {
  private static final Pattern EXPORT =
      Pattern.compile("^\\s*(?:export\\s+)?(OS_[A-Z0-9_]+)=(\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|([^\\s;#]*))");

  private Openrc() {}

  public static Map<String, String> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StackwrightException("cannot read openrc file " + file + ": " + e.getMessage()
          + "; pass the path of a readable file (the cloud's demo-openrc, or the one Horizon offers)", e);
    }
    return parse(text);
  }

  public static Map<String, String> parse(String text) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      Matcher m = EXPORT.matcher(line);
      if (!m.find()) {
        continue;
      }
      String value;
      if (m.group(3) != null) {
        value = m.group(3).replaceAll("\\\\(.)", "$1");
        if (m.group(3).contains("$")) {
          continue;
        }
      } else if (m.group(4) != null) {
        value = m.group(4);
      } else {
        value = m.group(5);
        if (value.contains("$")) {
          continue;
        }
      }
      vars.put(m.group(1), value);
    }
    return vars;
  }
}
