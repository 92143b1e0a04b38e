package dev.stackwright.spi;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One resource as a backend that keeps its own records holds it (the in-memory cloud, the nodes backend): what
 * {@link Holdings} needs to say whether it is a cluster's and how the cluster observes it.
 */
public interface HeldResource {
  /** The backend's id for it. */
  String cloudId();

  /** The logical id of the marker it was made with; empty for one made by hand. */
  Optional<ResourceId> id();

  ResourceSpec spec();

  /** What observation reports of it (MAC, status...). */
  Map<String, String> facts();

  /** The cloud ids it refers to (and keeps in use): a server's port and group, a port's security groups. */
  Set<String> refs();

  /** Whether it carries {@code cluster}'s marker. */
  boolean ownedBy(String cluster);
}
