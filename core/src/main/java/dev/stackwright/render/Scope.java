package dev.stackwright.render;

import dev.stackwright.StackwrightException;
import dev.stackwright.model.Application;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.ServiceScope;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a service's hook sees. {@code secretSink} takes the values made from secrets, for template values; it is null
 * for a node hook or instance values, whose results carry no secret of their own. {@code factReads}, when not null,
 * notes a node hook asking for a pending MAC or floating IP (values made once per cluster are compared instead:
 * {@link PendingFacts}).
 */
record Scope(Cluster cluster, Application application, Optional<Node> node, Optional<RoleInstance> instance,
    String suffix, Map<String, String> secrets, Consumer<String> secretSink, NetworkFacts facts, FactReads factReads)
    implements ServiceScope {
  /** A scope before the cloud told anything of the nodes' ports. */
  Scope(Cluster cluster, Application application, Optional<Node> node, Optional<RoleInstance> instance,
      String suffix, Map<String, String> secrets, Consumer<String> secretSink) {
    this(cluster, application, node, instance, suffix, secrets, secretSink, NetworkFacts.none(), null);
  }

  @Override
  public Optional<String> mac(String node) {
    if (factReads != null && facts.macPending(node)) {
      factReads.read();
    }
    return facts.mac(node);
  }

  @Override
  public Optional<Ipv4Address> publicAddress(String node) {
    if (factReads != null && facts.publicAddressPending(node)) {
      factReads.read();
    }
    return facts.publicAddress(node);
  }

  @Override
  public Optional<String> secret(String key) {
    return Optional.ofNullable(secrets.get(key));
  }

  @Override
  public String secretValue(String value) {
    if (secretSink == null) {
      throw new StackwrightException("a node hook or instance values made a value from a secret, which boot steps or "
          + "every file naming the instance would show; fix: give it to the templates through the service's template "
          + "values instead");
    }
    secretSink.accept(value);
    return value;
  }
}
