package dev.stackwright.model;

import java.util.OptionalInt;
import org.immutables.value.Value;

/** The limits of the cloud project the cluster must fit in. Any limit may be left open. */
@Value.Immutable
@ModelStyle
public abstract class Quota {
  public abstract OptionalInt cores();

  public abstract OptionalInt ramMb();

  public abstract OptionalInt instances();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a quota; the DSL is the usual way. */
  public static final class Builder extends ImmutableQuota.Builder {}
}
