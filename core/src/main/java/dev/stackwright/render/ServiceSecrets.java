package dev.stackwright.render;

import dev.stackwright.StackwrightException;
import dev.stackwright.model.Service;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The secrets a cluster's services name ({@link Service#secrets()}), from the renderer's source. */
final class ServiceSecrets {
  private static final Pattern SECRET_TEXT = Pattern.compile("[A-Za-z0-9._~-]+");

  private ServiceSecrets() {}

  /** Asks the source for the secrets the cluster's services need; reports every missing or unfit one at once. */
  static Map<SecretName, String> resolve(SecretSource secrets, Set<Service> kinds) {
    List<String> problems = new ArrayList<>();
    Set<SecretName> needed = needed(kinds, problems);
    Map<SecretName, String> values = new LinkedHashMap<>();
    for (SecretName name : needed) {
      Optional<Secret> secret = secrets.find(name);
      if (secret.isEmpty()) {
        problems.add(name.key() + " is not set; fix: set " + name.environmentVariable() + ", or put "
            + name.key() + " in the secrets file, or use SecretSource.generatedIn(file)");
        continue;
      }
      String v = secret.get().reveal();
      if (v.length() < SecretName.MIN_LENGTH || !SECRET_TEXT.matcher(v).matches()) {
        // Never the value, nor where in it the bad character is.
        problems.add(name.key() + " is unfit for the configs it goes into; fix: use at least "
            + SecretName.MIN_LENGTH + " characters, only letters, digits and . _ ~ - (it is written into URLs, "
            + "INI and env files)");
        continue;
      }
      values.put(name, v);
    }
    if (!problems.isEmpty()) {
      throw new StackwrightException("cannot render without the cluster's secrets (" + problems.size()
          + (problems.size() == 1 ? " problem" : " problems") + "):\n  " + String.join("\n  ", problems));
    }
    return values;
  }

  /** Every secret the services name: stackwright's own first in their fixed order, then the services' own. */
  private static Set<SecretName> needed(Set<Service> kinds, List<String> problems) {
    Map<String, SecretName> declared = new LinkedHashMap<>();
    SecretName.builtIn().forEach(n -> declared.put(n.key(), n));
    for (Service k : kinds) {
      // Validation refuses a key declared twice with different lengths; here the first declaration wins.
      k.ownSecrets().forEach((key, length) -> {
        try {
          declared.putIfAbsent(key, SecretName.of(key, length));
        } catch (IllegalArgumentException e) {
          problems.add("service[" + k.name() + "]." + e.getMessage());
        }
      });
    }
    Set<SecretName> named = new HashSet<>();
    for (Service k : kinds) {
      for (String key : k.secrets()) {
        SecretName name = declared.get(key);
        if (name == null) {
          problems.add("service[" + k.name() + "].secret[" + key + "] is neither a secret stackwright keeps nor "
              + "one a service of the cluster declares; fix: name one of " + List.copyOf(declared.keySet())
              + ", or declare it with .secret(key, length)");
        } else {
          named.add(name);
        }
      }
    }
    Set<SecretName> ordered = new LinkedHashSet<>();
    declared.values().stream().filter(named::contains).forEach(ordered::add);
    return ordered;
  }
}
