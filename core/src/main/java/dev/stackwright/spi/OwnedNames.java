package dev.stackwright.spi;

import java.util.Optional;

/**
 * The names of the resources that can carry no marker but their name: keypairs and server groups.
 *
 * <p>A name reads {@code stackwright-<n>-<cluster>-<key>}, where {@code n} is the length of the cluster's name:
 * {@code stackwright-4-prod-admin}, {@code stackwright-6-prod_a-worker}. The length says where the cluster's name
 * ends, so no name of one cluster is ever read as another's, whatever characters valid cluster names hold and
 * whichever is a prefix of the other. (Nova takes only letters, digits, {@code _}, {@code -} and spaces in a keypair's
 * name, so no other separator could have been unambiguous on its own.)
 *
 * <p>Names made before 2026-12 read {@code stackwright_<cluster>_<key>}, which is ambiguous once a cluster name has a
 * {@code _}: {@code stackwright_prod_a_worker} may be cluster {@code prod}'s or {@code prod_a}'s. They keep being
 * recognised, never renamed (Nova renames neither keypairs nor server groups), only where the name alone settles it
 * or the cloud shows it: a keypair by its whole name ({@code stackwright_<cluster>_admin}, the only keypair key), a
 * server group only when one of the cluster's own servers is in it. A resource replaced for another reason gets the
 * new name.
 */
public final class OwnedNames {
  /** The key of the cluster's one keypair, whose name is its only mark. */
  public static final String KEYPAIR_KEY = "admin";
  private static final String PREFIX = "stackwright-";
  private static final String LEGACY_PREFIX = "stackwright_";

  private OwnedNames() {}

  /** The name of {@code cluster}'s resource {@code key}. */
  public static String of(String cluster, String key) {
    requireText("cluster", cluster);
    requireText("key", key);
    return prefix(cluster) + key;
  }

  /**
   * Whether {@code name} may be {@code cluster}'s, in either form: the filter for a listing, to be settled by
   * {@link #keyOf}. Never false for a name that is the cluster's.
   */
  public static boolean mayBeOf(String cluster, String name) {
    return name.startsWith(prefix(cluster)) || name.startsWith(LEGACY_PREFIX + cluster + "_");
  }

  /**
   * The key of {@code cluster}'s resource named {@code name}, or empty when it is not the cluster's.
   *
   * @param holdsOurServer whether one of the cluster's own servers (found by their marker) is in the server group:
   *     the only thing that makes a server group's name of before 2026-12 the cluster's
   */
  public static Optional<String> keyOf(String cluster, ResourceKind kind, String name, boolean holdsOurServer) {
    String prefix = prefix(cluster);
    if (name.startsWith(prefix)) {
      return nonEmpty(name.substring(prefix.length()));
    }
    String legacy = LEGACY_PREFIX + cluster + "_";
    if (!name.startsWith(legacy)) {
      return Optional.empty();
    }
    String key = name.substring(legacy.length());
    if (kind == ResourceKind.KEYPAIR) {
      return key.equals(OwnedNames.KEYPAIR_KEY) ? Optional.of(key) : Optional.empty();
    }
    return kind == ResourceKind.SERVER_GROUP && holdsOurServer ? nonEmpty(key) : Optional.empty();
  }

  /**
   * Whether {@code observed} is the name of before 2026-12 of the resource that is now named {@code wanted}: the two
   * are one resource, kept under its old name.
   */
  public static boolean isFormerName(String observed, String wanted) {
    if (!wanted.startsWith(PREFIX)) {
      return false;
    }
    int dash = wanted.indexOf('-', PREFIX.length());
    if (dash < 0) {
      return false;
    }
    try {
      int n = Integer.parseInt(wanted.substring(PREFIX.length(), dash));
      String rest = wanted.substring(dash + 1);
      if (n < 1 || rest.length() < n + 2 || rest.charAt(n) != '-') {
        return false;
      }
      return observed.equals(LEGACY_PREFIX + rest.substring(0, n) + "_" + rest.substring(n + 1));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String prefix(String cluster) {
    requireText("cluster", cluster);
    return PREFIX + cluster.length() + "-" + cluster + "-";
  }

  private static Optional<String> nonEmpty(String key) {
    return key.isEmpty() ? Optional.empty() : Optional.of(key);
  }

  private static void requireText(String what, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("an owned name needs a " + what + ", not \"" + value + "\"");
    }
  }
}
