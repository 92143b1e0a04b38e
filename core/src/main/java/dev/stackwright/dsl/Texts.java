package dev.stackwright.dsl;

import dev.stackwright.internal.SafeText;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of names and of text written into config files as it is. */
final class Texts {
  /** Room for "-NNN" after a name, within the 63 characters of a DNS label. */
  static final int MAX_NAME = 50;
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
  /**
   * Host names every machine gives itself in /etc/hosts: a role of one instance gets its own name there, so a role
   * (or host) with one of these names would send the machine's own name to another address.
   */
  private static final Set<String> SYSTEM_HOST_NAMES = Set.of("localhost", "ip6-localhost", "ip6-loopback",
      "ip6-allnodes", "ip6-allrouters", "ip6-localnet", "ip6-mcastprefix");

  private Texts() {}

  /** A name that becomes part of host names, resource names and config files. */
  static boolean name(Problems problems, String path, String name, String example) {
    if (name == null || name.isEmpty()) {
      problems.missing(path, "is empty", "give it a name such as \"" + example + "\"");
      return false;
    }
    Optional<String> unsafe = SafeText.firstUnsafe(name);
    if (unsafe.isPresent()) {
      problems.problem(path, name, "contains " + unsafe.get() + ", which would break the config files it is "
          + "written into", "use lower-case letters, digits, '-' and '_', such as \"" + example + "\"");
      return false;
    }
    if (!NAME.matcher(name).matches() || name.length() > MAX_NAME || name.endsWith("-") || name.endsWith("_")) {
      problems.problem(path, name, "is not a valid DNS label once '_' becomes '-'",
          "start with a lower-case letter, use only lower-case letters, digits, '-' and '_', end with a letter or "
              + "digit, at most " + MAX_NAME + " characters, such as \"" + example + "\"");
      return false;
    }
    return true;
  }

  /** A role's or host's name: a name, and none that /etc/hosts gives the machine itself. */
  static boolean machineName(Problems problems, String path, String name, String example) {
    if (!name(problems, path, name, example)) {
      return false;
    }
    if (SYSTEM_HOST_NAMES.contains(name)) {
      problems.problem(path, name, "is a name every machine gives itself in /etc/hosts, which would send it to "
          + "another machine's address", "rename it, such as \"" + example + "2\"");
      return false;
    }
    return true;
  }

  /** A value written into a config file as it is: an image name, a URL, a path. */
  static boolean text(Problems problems, String path, String value, String example) {
    if (value == null || value.isBlank()) {
      problems.missing(path, "is empty", "set it, such as \"" + example + "\"");
      return false;
    }
    Optional<String> unsafe = SafeText.firstUnsafe(value);
    if (unsafe.isPresent()) {
      problems.problem(path, value, "contains " + unsafe.get() + ", which would break the config files it is "
          + "written into", "remove it; such as \"" + example + "\"");
      return false;
    }
    return true;
  }

  /** A name as it may be shown in the exception's title: anything unsafe replaced. */
  static String printable(String name) {
    return name == null ? "(unnamed)"
        : SafeText.firstUnsafe(name).isPresent() ? name.replaceAll("[^A-Za-z0-9_.-]", "?") : name;
  }
}
