package dev.stackwright.spi;

import java.util.Objects;

/**
 * A resource's logical id within its cluster: its kind and a key that stays the same for the life of the cluster,
 * such as {@code port/webserver-1} or {@code security-group/appserver}. Together with the cluster's name it is the
 * ownership marker every resource carries in the cloud, so no state file is needed.
 */
public record ResourceId(ResourceKind kind, String key) implements Comparable<ResourceId> {
  public ResourceId {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    if (key.isEmpty() || key.contains("/") || key.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException("a resource key is non-empty, without '/' or white space: \"" + key + "\"");
    }
  }

  public static ResourceId of(ResourceKind kind, String key) {
    return new ResourceId(kind, key);
  }

  /** Parses {@code kind/key}, the form {@link #toString()} gives. */
  public static ResourceId parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("a resource id reads kind/key, such as port/webserver-1: \"" + text + "\"");
    }
    return new ResourceId(ResourceKind.of(text.substring(0, slash)), text.substring(slash + 1));
  }

  /** Creation order first (by kind), then by key. */
  @Override
  public int compareTo(ResourceId o) {
    int c = kind.compareTo(o.kind);
    return c != 0 ? c : key.compareTo(o.key);
  }

  @Override
  public String toString() {
    return kind.id() + "/" + key;
  }
}
