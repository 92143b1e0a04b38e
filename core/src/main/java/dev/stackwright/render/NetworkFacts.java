package dev.stackwright.render;

import dev.stackwright.internal.SafeText;
import dev.stackwright.model.Ipv4Address;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What only the cloud knows once a node's port exists: its MAC address (for the controller's fixed DHCP lease) and,
 * for nodes with a floating IP, the public address clients use (for Django's allowed hosts). Immutable.
 */
public final class NetworkFacts {
  private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
  private static final NetworkFacts NONE = new NetworkFacts(Map.of(), Map.of());

  private final Map<String, String> macs;
  private final Map<String, Ipv4Address> publicAddresses;

  private NetworkFacts(Map<String, String> macs, Map<String, Ipv4Address> publicAddresses) {
    this.macs = Map.copyOf(macs);
    this.publicAddresses = Map.copyOf(publicAddresses);
  }

  /** Nothing known yet: before any port exists. The controller's DHCP config then lists every lease as pending. */
  public static NetworkFacts none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The MAC of the node's port, lower-case, such as {@code fa:16:3e:12:34:56}. */
  public Optional<String> mac(String node) {
    return Optional.ofNullable(macs.get(node));
  }

  /** The node's floating IP, when it has one. */
  public Optional<Ipv4Address> publicAddress(String node) {
    return Optional.ofNullable(publicAddresses.get(node));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkFacts f && f.macs.equals(macs) && f.publicAddresses.equals(publicAddresses);
  }

  @Override
  public int hashCode() {
    return Objects.hash(macs, publicAddresses);
  }

  @Override
  public String toString() {
    return "NetworkFacts[macs=" + new java.util.TreeMap<>(macs) + ", public=" + new java.util.TreeMap<>(publicAddresses)
        + "]";
  }

  /** Collects facts as the ports come in. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> macs = new LinkedHashMap<>();
    private final Map<String, Ipv4Address> publicAddresses = new LinkedHashMap<>();

    private Builder() {}

    /** The MAC of a node's port: six hex pairs separated by colons, any case. */
    public Builder mac(String node, String mac) {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(mac, "mac");
      String normalized = mac.toLowerCase(Locale.ROOT);
      if (!MAC.matcher(normalized).matches()) {
        throw new IllegalArgumentException("MAC of node " + SafeText.printable(node) + " \"" + SafeText.printable(mac)
            + "\" is not six hex pairs separated by colons; write it like \"fa:16:3e:12:34:56\"");
      }
      macs.put(node, normalized);
      return this;
    }

    /** A node's floating IP. */
    public Builder publicAddress(String node, Ipv4Address address) {
      publicAddresses.put(Objects.requireNonNull(node, "node"), Objects.requireNonNull(address, "address"));
      return this;
    }

    public NetworkFacts build() {
      return new NetworkFacts(macs, publicAddresses);
    }
  }
}
