package dev.stackwright.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What became of one resource of a {@link Backend#createAll batch create}: made (as observed afterwards) or failed
 * with its own reason. A batch reports each of its resources on its own, so one bad port does not hide which others
 * were made, and the engine keeps one outcome per change.
 */
public record Created(ResourceId id, Optional<Observed> observed, Optional<RuntimeException> failure) {

  public Created {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(failure, "failure");
    if (observed.isPresent() == failure.isPresent()) {
      throw new IllegalArgumentException(id + ": a created resource is either made or failed, not both or neither");
    }
  }

  public static Created made(Observed observed) {
    return new Created(observed.id(), Optional.of(observed), Optional.empty());
  }

  public static Created failed(ResourceId id, RuntimeException failure) {
    return new Created(id, Optional.empty(), Optional.of(failure));
  }

  /** Each spec made by {@code create}, one after another; a failure is that spec's own. */
  public static List<Created> oneByOne(List<ResourceSpec> specs, Function<ResourceSpec, Observed> create) {
    List<Created> out = new ArrayList<>();
    for (ResourceSpec spec : specs) {
      try {
        out.add(made(create.apply(spec)));
      } catch (RuntimeException e) {
        out.add(failed(spec.id(), e));
      }
    }
    return out;
  }
}
