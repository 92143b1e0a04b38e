package dev.stackwright.openstack.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a resource carries its owner - the cluster and the resource's logical id - in OpenStack: Neutron tags (for
 * cheap filtered lists) and the description (set in the same request as the create, so a create whose answer was lost
 * can be found again), and Nova server metadata. Tags are at most 60 characters and cannot hold a comma or a slash,
 * so a logical id that does not fit is tagged by its digest; the description always holds it whole.
 */
public record Marker(String cluster, String logicalId) {
  public static final String TAG = "stackwright";
  static final String CLUSTER_TAG_PREFIX = "swc:";
  static final String ID_TAG_PREFIX = "swi:";
  static final String DESCRIPTION_PREFIX = "stackwright ";
  static final String TEXT_SEPARATOR = " | ";
  public static final String META_CLUSTER = "stackwright-cluster";
  public static final String META_ID = "stackwright-id";
  private static final int MAX_TAG = 60;

  /** The tag every resource of a cluster carries; lists filter on it. */
  public static String clusterTag(String cluster) {
    return tagSafe(CLUSTER_TAG_PREFIX, cluster);
  }

  public String clusterTag() {
    return clusterTag(cluster);
  }

  public String idTag() {
    return tagSafe(ID_TAG_PREFIX, logicalId);
  }

  /** The Neutron tags: {@code stackwright}, the cluster's, the logical id's. */
  public List<String> tags() {
    return List.of(TAG, clusterTag(), idTag());
  }

  /** Neutron's description (255 characters at most): {@code stackwright cluster=seed id=port/webserver-1}. */
  public String description() {
    String d = DESCRIPTION_PREFIX + "cluster=" + cluster + " id=" + logicalId;
    return d.length() <= 255 ? d : DESCRIPTION_PREFIX + "cluster=" + cluster + " id-sha256=" + digest(logicalId);
  }

  /** Nova server metadata. */
  public Map<String, String> metadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(META_CLUSTER, cluster);
    m.put(META_ID, logicalId);
    return m;
  }

  /** The marker a Neutron resource carries in its description, if it carries one. */
  public static Optional<Marker> fromDescription(String description) {
    if (description == null || !description.startsWith(DESCRIPTION_PREFIX + "cluster=")) {
      return Optional.empty();
    }
    String rest = description.substring((DESCRIPTION_PREFIX + "cluster=").length());
    int sp = rest.indexOf(" id=");
    if (sp < 0) {
      return Optional.empty();
    }
    String id = rest.substring(sp + 4);
    int end = id.indexOf(' ');
    return Optional.of(new Marker(rest.substring(0, sp), end < 0 ? id : id.substring(0, end)));
  }

  /**
   * The description of a resource that carries this marker and a person's description after it (a logical id holds
   * no white space, so the marker ends at the first space after {@code id=}): {@code stackwright cluster=seed
   * id=security-group/web | Webservers of cluster seed}, cut to Neutron's 255 characters.
   */
  public String description(String text) {
    String marker = description();
    if (text == null || text.isBlank()) {
      return marker;
    }
    String d = marker + TEXT_SEPARATOR + text.strip();
    return d.length() <= 255 ? d : d.substring(0, 255);
  }

  /** The person's description after the marker in a Neutron description; empty when there is none. */
  public static String textOf(String description) {
    if (description == null || fromDescription(description).isEmpty()) {
      return description == null ? "" : description;
    }
    int at = description.indexOf(TEXT_SEPARATOR);
    return at < 0 ? "" : description.substring(at + TEXT_SEPARATOR.length());
  }

  /** The marker in Nova metadata, if there is one. */
  public static Optional<Marker> fromMetadata(Map<String, String> metadata) {
    String c = metadata.get(META_CLUSTER);
    String id = metadata.get(META_ID);
    return c == null || id == null ? Optional.empty() : Optional.of(new Marker(c, id));
  }

  private static String tagSafe(String prefix, String value) {
    String t = prefix + value;
    if (t.length() <= MAX_TAG && t.indexOf(',') < 0 && t.indexOf('/') < 0) {
      return t;
    }
    return prefix + "sha256:" + digest(value).substring(0, MAX_TAG - prefix.length() - 7);
  }

  static String digest(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
