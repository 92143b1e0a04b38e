package dev.stackwright.spi;

import java.util.Optional;

/**
 * How a backend turns a reference to one of our resources (a port's security groups, a server's port) into the
 * cloud's id while applying a change. The engine answers from what it observed and what it has created since.
 */
@FunctionalInterface
public interface References {
  /** The cloud's id of our resource {@code id}, if it exists now. */
  Optional<String> cloudId(ResourceId id);

  /** The cloud's id, or a clear error naming the missing dependency. */
  default String require(ResourceId id) {
    return cloudId(id).orElseThrow(() -> new BackendException(BackendException.Reason.DEPENDENCY, id,
        id + " does not exist yet; it must be created before what refers to it"));
  }
}
