package dev.stackwright.engine;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a backend can do: the kinds it makes, which of them it can change in place (the others are replaced), and how
 * many changes it wants in flight at once.
 */
public record Capabilities(Set<ResourceKind> kinds, Set<ResourceKind> updatableInPlace, int parallelism) {
  public Capabilities {
    kinds = Set.copyOf(kinds);
    updatableInPlace = Set.copyOf(updatableInPlace);
    if (!kinds.containsAll(updatableInPlace)) {
      throw new IllegalArgumentException("can update in place only kinds it makes");
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
    }
  }

  /** Every kind, rules and port addresses and groups changed in place, server metadata too. */
  public static Capabilities full(int parallelism) {
    return new Capabilities(EnumSet.allOf(ResourceKind.class),
        EnumSet.of(ResourceKind.SECURITY_GROUP, ResourceKind.PORT, ResourceKind.FLOATING_IP), parallelism);
  }

  public boolean supports(ResourceKind kind) {
    return kinds.contains(kind);
  }

  public boolean updatesInPlace(ResourceKind kind) {
    return updatableInPlace.contains(kind);
  }
}
