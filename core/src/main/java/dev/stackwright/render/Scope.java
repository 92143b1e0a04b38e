package dev.stackwright.render;

import dev.stackwright.StackwrightException;
import dev.stackwright.model.Application;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.ServiceScope;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a service's hook sees. {@code secretSink} takes the values made from secrets, for template values; it is null
 * for a node hook, whose additions are rendered from templates and carry no secret of their own.
 */
record Scope(Cluster cluster, Application application, Optional<Node> node, Optional<RoleInstance> instance,
    String suffix, Map<String, String> secrets, Consumer<String> secretSink) implements ServiceScope {
  @Override
  public Optional<String> secret(String key) {
    return Optional.ofNullable(secrets.get(key));
  }

  @Override
  public String secretValue(String value) {
    if (secretSink == null) {
      throw new StackwrightException("a node hook made a value from a secret, which its boot steps would show in the "
          + "user-data's log; fix: give it to the templates through the service's template values instead");
    }
    secretSink.accept(value);
    return value;
  }
}
