package dev.stackwright.spi;

import java.util.Objects;
import java.util.Set;

/** An SSH keypair the servers boot with. Keypairs carry no tags: their name is their marker. */
public record KeypairSpec(ResourceId id, String name, String publicKey) implements ResourceSpec {
  public KeypairSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    publicKey = Objects.requireNonNull(publicKey, "publicKey").strip();
  }

  @Override
  public Set<ResourceId> dependsOn() {
    return Set.of();
  }
}
