package dev.stackwright.nodes.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The host-side names of one backend instance, all derived from its state root so that two instances (two tests, a
 * test beside a run) never share a namespace, a container or a cgroup. Linux limits an interface name to 15
 * characters; nspawn refuses {@code _} in a machine name (the seed's {@code server_all-1}).
 */
public final class Names {
  /** The longest part of a readable name taken from a resource's name. */
  static final int READABLE = 24;

  private final String tag;

  public Names(Path stateRoot) {
    this.tag = "sw-" + shortHash(stateRoot.toAbsolutePath().normalize().toString());
  }

  /** {@code sw-} and six hex characters of the state root's digest, such as {@code sw-3fa91c}. */
  public String tag() {
    return tag;
  }

  /** The namespace holding the bridge {@code br0}: the rig's host side. */
  public String bridgeNamespace() {
    return tag;
  }

  /** A port's namespace, such as {@code sw-3fa91c-web-server-1-8e2d01}: readable, and unique by its cloud id. */
  public String portNamespace(String portName, String cloudId) {
    return tag + "-" + sanitise(portName) + "-" + cloudId.substring(0, 6);
  }

  /** The bridge's end of a port's veth (its other end is {@code eth0} in the port's namespace). */
  public static String veth(String cloudId) {
    return "v-" + cloudId.substring(0, 8);
  }

  /** A container's machine name: readable, unique by its cloud id, never with {@code _}. */
  public static String machine(String serverName, String cloudId) {
    return sanitise(serverName) + "-" + cloudId.substring(0, 6);
  }

  /** The cgroup (in the name=systemd and unified hierarchies) that holds this instance's containers. */
  public String cgroupParent() {
    return tag;
  }

  /**
   * {@code name} as a host name: lower case letters, digits and single {@code -}, at most {@value #READABLE}
   * characters, never empty ({@code node} then).
   */
  public static String sanitise(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (s.length() > READABLE) {
      s = s.substring(0, READABLE).replaceAll("-+$", "");
    }
    return s.isEmpty() ? "node" : s;
  }

  static String shortHash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
