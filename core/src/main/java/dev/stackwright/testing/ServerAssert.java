package dev.stackwright.testing;

import dev.stackwright.Closest;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ServerSpec;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Assertions on a server the plan creates, from {@link PlanAssert#createsServer(String)}: a failure names the field,
 * the value expected and the one the plan has. The user-data is never shown (it holds secrets); its files are known
 * by path. {@link #and()} goes back to the plan.
 */
public final class ServerAssert {
  private final PlanAssert plan;
  private final ResourceId id;
  private final ServerSpec server;

  ServerAssert(PlanAssert plan, ResourceId id, ServerSpec server) {
    this.plan = plan;
    this.id = id;
    this.server = server;
  }

  public ServerAssert withFlavor(String flavor) {
    return field("flavour", flavor, server.flavor());
  }

  public ServerAssert withImage(String image) {
    return field("image", image, server.image());
  }

  /** In the server group of host kind {@code host} (its key, such as {@code worker}). */
  public ServerAssert inServerGroup(String host) {
    return field("server group", "server-group/" + host, server.serverGroup().map(Object::toString)
        .orElse("none"));
  }

  /** In no server group: the only VM of its host kind that cannot grow (the controller's). */
  public ServerAssert withoutServerGroup() {
    return field("server group", "none", server.serverGroup().map(Object::toString).orElse("none"));
  }

  /** Booted with the cluster's keypair (given a public key: {@code Engine.Builder.publicKey}). */
  public ServerAssert withKeypair() {
    if (server.keypair().isEmpty()) {
      throw new AssertionError("expected " + id + " to boot with the cluster's keypair but it has none: give the"
          + " engine a public key");
    }
    return this;
  }

  /** Its user-data writes a file at {@code path}; a failure names the nearest path it has. */
  public ServerAssert withFile(String path) {
    if (!server.fileDigests().containsKey(path)) {
      throw new AssertionError("expected " + id + " to boot with " + path + " but it has no such file"
          + Closest.nearest(path, server.fileDigests().keySet()).map(n -> "; nearest: " + n).orElse("")
          + "; its files: " + server.fileDigests().keySet());
    }
    return this;
  }

  /** Its metadata holds {@code key} with {@code value}, as the cloud keeps it (Nova metadata). */
  public ServerAssert withMetadata(String key, String value) {
    Optional<String> has = Optional.ofNullable(server.metadata().get(key));
    if (has.isEmpty()) {
      throw new AssertionError("expected " + id + " to have metadata " + key + "=" + value + " but it has no "
          + key + Closest.nearest(key, server.metadata().keySet()).map(n -> "; nearest key: " + n).orElse(""));
    }
    return field("metadata " + key, value, has.get());
  }

  /** The spec matches {@code which}, said as {@code description} in a failure, which shows the spec. */
  public ServerAssert matches(Predicate<? super ServerSpec> which, String description) {
    if (!which.test(server)) {
      throw new AssertionError("expected " + id + " to " + description + " but it is " + server);
    }
    return this;
  }

  /** Back to the plan. */
  public PlanAssert and() {
    return plan;
  }

  private ServerAssert field(String field, String expected, String actual) {
    if (!Objects.equals(expected, actual)) {
      throw new AssertionError("expected " + id + " to have " + field + " " + expected + " but it has " + actual);
    }
    return this;
  }
}
