package dev.stackwright.openstack.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a server keeps the digests of its user-data in Nova metadata, whose values hold at most 255 characters: the
 * whole document's SHA-256 under {@code stackwright-ud}, and the files' short digests packed as
 * {@code path=digest;path=digest} into as few {@code stackwright-f<N>} items as fit (a seed node needs 3 to 5).
 * Paths are percent-encoded where they hold {@code ;}, {@code =} or {@code %}.
 */
public final class DigestMetadata {
  static final String USER_DATA = "stackwright-ud";
  static final String FILES = "stackwright-f";
  private static final int MAX_VALUE = 255;

  private DigestMetadata() {}

  public static Map<String, String> encode(String userDataSha256, Map<String, String> fileDigests) {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(USER_DATA, userDataSha256);
    StringBuilder item = new StringBuilder();
    int n = 0;
    for (Map.Entry<String, String> e : new TreeMap<>(fileDigests).entrySet()) {
      String entry = escape(e.getKey()) + "=" + e.getValue();
      if (entry.length() > MAX_VALUE) {
        throw new IllegalArgumentException("a file path is too long to keep its digest in server metadata: "
            + e.getKey());
      }
      if (item.length() > 0 && item.length() + 1 + entry.length() > MAX_VALUE) {
        meta.put(FILES + n++, item.toString());
        item.setLength(0);
      }
      if (item.length() > 0) {
        item.append(';');
      }
      item.append(entry);
    }
    if (item.length() > 0) {
      meta.put(FILES + n, item.toString());
    }
    return meta;
  }

  public static String userDataSha256(Map<String, String> metadata) {
    return metadata.getOrDefault(USER_DATA, "");
  }

  public static Map<String, String> fileDigests(Map<String, String> metadata) {
    Map<String, String> files = new TreeMap<>();
    for (int n = 0; metadata.containsKey(FILES + n); n++) {
      for (String entry : metadata.get(FILES + n).split(";")) {
        int eq = entry.lastIndexOf('=');
        if (eq > 0) {
          files.put(URLDecoder.decode(entry.substring(0, eq), StandardCharsets.UTF_8), entry.substring(eq + 1));
        }
      }
    }
    return files;
  }

  /** The metadata without our bookkeeping: what a person or the model put there. */
  public static Map<String, String> withoutOurs(Map<String, String> metadata) {
    Map<String, String> rest = new TreeMap<>(metadata);
    rest.keySet().removeIf(k -> k.equals(USER_DATA) || k.startsWith(FILES) || k.equals(Marker.META_CLUSTER)
        || k.equals(Marker.META_ID));
    return rest;
  }

  private static String escape(String path) {
    if (path.indexOf(';') < 0 && path.indexOf('=') < 0 && path.indexOf('%') < 0) {
      return path;
    }
    return URLEncoder.encode(path, StandardCharsets.UTF_8);
  }
}
