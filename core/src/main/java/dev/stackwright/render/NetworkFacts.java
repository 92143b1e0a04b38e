package dev.stackwright.render;

import dev.stackwright.internal.SafeText;
import dev.stackwright.model.Ipv4Address;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What only the cloud knows once a node's port exists: its MAC address (for the controller's fixed DHCP lease) and,
 * for nodes with a floating IP, the public address clients use (for Django's allowed hosts). Immutable.
 */
public final class NetworkFacts {
  private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
  private static final NetworkFacts NONE = new NetworkFacts(Map.of(), Map.of(), Set.of(), Set.of());
  /** What a render puts in place of a pending fact to find what reads it (documentation ranges, RFC 7042/5737). */
  private static final String STAND_IN_MAC = "02:00:00:00:00:01";
  private static final Ipv4Address STAND_IN_ADDRESS = Ipv4Address.parse("192.0.2.1");

  private final Map<String, String> macs;
  private final Map<String, Ipv4Address> publicAddresses;
  private final Set<String> pendingMacs;
  private final Set<String> pendingPublic;

  private NetworkFacts(Map<String, String> macs, Map<String, Ipv4Address> publicAddresses, Set<String> pendingMacs,
      Set<String> pendingPublic) {
    this.macs = Map.copyOf(macs);
    this.publicAddresses = Map.copyOf(publicAddresses);
    Set<String> m = new HashSet<>(pendingMacs);
    m.removeAll(macs.keySet());
    Set<String> p = new HashSet<>(pendingPublic);
    p.removeAll(publicAddresses.keySet());
    this.pendingMacs = Set.copyOf(m);
    this.pendingPublic = Set.copyOf(p);
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

  /** Whether the node's MAC is not known yet but will be (its port is still to be made). */
  boolean macPending(String node) {
    return pendingMacs.contains(node);
  }

  /** Whether the node's floating IP is not known yet but will be. */
  public boolean publicAddressPending(String node) {
    return pendingPublic.contains(node);
  }

  boolean anyPending() {
    return !pendingMacs.isEmpty() || !pendingPublic.isEmpty();
  }

  /** These facts with a stand-in for each pending one, and nothing pending: what finds the values that read them. */
  NetworkFacts withStandIns() {
    Map<String, String> m = new LinkedHashMap<>(macs);
    pendingMacs.forEach(n -> m.put(n, STAND_IN_MAC));
    Map<String, Ipv4Address> p = new LinkedHashMap<>(publicAddresses);
    pendingPublic.forEach(n -> p.put(n, STAND_IN_ADDRESS));
    return new NetworkFacts(m, p, Set.of(), Set.of());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkFacts f && f.macs.equals(macs) && f.publicAddresses.equals(publicAddresses)
        && f.pendingMacs.equals(pendingMacs) && f.pendingPublic.equals(pendingPublic);
  }

  @Override
  public int hashCode() {
    return Objects.hash(macs, publicAddresses, pendingMacs, pendingPublic);
  }

  @Override
  public String toString() {
    return "NetworkFacts[macs=" + new java.util.TreeMap<>(macs) + ", public=" + new java.util.TreeMap<>(publicAddresses)
        + (anyPending() ? ", pending macs=" + new java.util.TreeSet<>(pendingMacs) + ", pending public="
            + new java.util.TreeSet<>(pendingPublic) : "") + "]";
  }

  /** Collects facts as the ports come in. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> macs = new LinkedHashMap<>();
    private final Map<String, Ipv4Address> publicAddresses = new LinkedHashMap<>();
    private final Set<String> pendingMacs = new HashSet<>();
    private final Set<String> pendingPublic = new HashSet<>();

    private Builder() {}

    /**
     * The node's port is still to be made: its MAC is unknown for now. A render then tells which nodes' files read
     * it ({@link RenderedCluster#readsPendingFacts}). Ignored once the MAC is given.
     */
    public Builder macPending(String node) {
      pendingMacs.add(Objects.requireNonNull(node, "node"));
      return this;
    }

    /** The node will get a floating IP not known yet; as {@link #macPending}. Ignored once the address is given. */
    public Builder publicAddressPending(String node) {
      pendingPublic.add(Objects.requireNonNull(node, "node"));
      return this;
    }

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
      return new NetworkFacts(macs, publicAddresses, pendingMacs, pendingPublic);
    }
  }
}
