package dev.stackwright.render;

import dev.stackwright.StackwrightException;
import dev.stackwright.model.Service;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
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
    Set<SecretName> needed = EnumSet.noneOf(SecretName.class);
    List<String> problems = new ArrayList<>();
    for (Service k : kinds) {
      for (String key : k.secrets()) {
        Optional<SecretName> name = java.util.Arrays.stream(SecretName.values()).filter(n -> n.key().equals(key))
            .findFirst();
        name.ifPresentOrElse(needed::add, () -> problems.add("service[" + k.name() + "].secret[" + key + "] is "
            + "not a secret stackwright keeps; fix: name one of " + java.util.Arrays.stream(SecretName.values())
            .map(SecretName::key).toList()));
      }
    }
    Map<SecretName, String> values = new EnumMap<>(SecretName.class);
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
}
