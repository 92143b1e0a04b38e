package dev.stackwright.model;

/** How names turn into host names. */
public final class Names {
  private Names() {}

  /**
   * The DNS host name for a node or role name. Underscores become hyphens, as Nova does when it derives a server's
   * host name from its display name: {@code server_all-1} boots as {@code server-all-1}.
   */
  public static String hostname(String name) {
    return name.replace('_', '-');
  }
}
