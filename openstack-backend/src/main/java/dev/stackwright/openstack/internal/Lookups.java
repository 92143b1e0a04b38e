package dev.stackwright.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.Closest;
import dev.stackwright.model.Ipv4Network;
import dev.stackwright.spi.ExistingNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Finds the cloud's own objects by the names a cluster uses: the internal network and its subnet, external networks,
 * flavours and images. Each is looked up once per backend and remembered. When a name is missing, the error lists what
 * the project has and the closest name. Thread-safe.
 */
public final class Lookups {
  private final Http http;
  private final Map<String, NetworkRef> networks = new ConcurrentHashMap<>();
  private final Map<String, String> externalNetworks = new ConcurrentHashMap<>();
  private final Map<String, FlavorRef> flavorsByName = new ConcurrentHashMap<>();
  private volatile Map<String, FlavorRef> flavorsById;
  private final Map<String, ImageRef> images = new ConcurrentHashMap<>();
  private final Map<String, NetworkRef> ownedSubnets = new ConcurrentHashMap<>();
  /** Used networks' ids by name, once looked up ({@link #subnetOf}). */
  private final Map<String, String> networkIds = new ConcurrentHashMap<>();
  private final Map<String, String> networkNames = new ConcurrentHashMap<>();
  private final Map<String, String> imageNames = new ConcurrentHashMap<>();

  /** A network and the IPv4 subnet of it the cluster's addresses come from. */
  public record NetworkRef(String name, String id, String subnetId, String subnetCidr) {}

  /** An image as the cloud has it: its id, and the OS it says it boots (Glance's os_distro and os_version). */
  public record ImageRef(String id, Optional<String> osDistro, Optional<String> osVersion) {}

  /** A flavour as the cloud has it. */
  public record FlavorRef(String id, String name, int vcpus, int ramMb) {}

  public Lookups(Http http) {
    this.http = http;
  }

  /**
   * The network named {@code name} and its IPv4 subnet that holds {@code range} (the cluster's network, such as
   * 10.0.0.0/16); the only IPv4 subnet when {@code range} is empty.
   */
  public NetworkRef network(String name, Optional<Ipv4Network> range) {
    String key = name + "|" + range.map(Object::toString).orElse("");
    NetworkRef ref = networks.get(key);
    if (ref == null) {
      ref = findNetwork(name, range);
      networks.put(key, ref);
    }
    return ref;
  }

  private NetworkRef findNetwork(String name, Optional<Ipv4Network> range) {
    JsonNode s = subnetOf(name, range).orElseThrow(() -> missingNetwork(name));
    return new NetworkRef(name, s.path("network_id").asText(), s.path("id").asText(), s.path("cidr").asText());
  }

  /**
   * The network named {@code name} as {@link dev.stackwright.spi.Backend#describeNetwork} gives it: the range,
   * gateway and allocation pools of its IPv4 subnet that holds {@code range} (the only one when {@code range} is
   * empty); NOT_FOUND, with the names the project has, when the cloud has no network of that name. The subnet is
   * read anew each time (one request once the network's id is known): it is checked before an apply, and may have
   * changed since.
   */
  public Optional<ExistingNetwork> describeNetwork(String name, Optional<Ipv4Network> range) {
    JsonNode s = subnetOf(name, range).orElseThrow(() -> missingNetwork(name));
    return Optional.of(new ExistingNetwork(name, Ipv4Network.parse(s.path("cidr").asText()),
        NetworkValues.gateway(s), NetworkValues.pools(s)));
  }

  private BackendException missingNetwork(String name) {
    List<String> names = names(http.list(Request.get(Service.NETWORK, "/networks"), "networks", "networks"));
    return missing("network", name, names, "set the cluster's internalNetwork(...) to one of them, create it"
        + " (openstack network create " + name + "), or let the cluster make its own: cluster.ownNetwork()");
  }

  /**
   * The IPv4 subnet of network {@code name} that holds {@code range}; empty when no network has that name. The
   * network's id is remembered, so a plan after the first reads only its subnets (one request); when they are gone
   * (the network deleted, perhaps made again), the name is looked up again. A network renamed while this backend
   * lives is still found under its old name: backends live for a command or a test.
   */
  private Optional<JsonNode> subnetOf(String name, Optional<Ipv4Network> range) {
    String known = networkIds.get(name);
    if (known != null) {
      List<JsonNode> subnets = ipv4Subnets(known, name);
      if (!subnets.isEmpty()) {
        return Optional.of(fitting(name, known, subnets, range));
      }
      networkIds.remove(name, known);
    }
    List<JsonNode> found = http.list(Request.get(Service.NETWORK, "/networks").with("name", name), "networks",
        "network \"" + name + "\"");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    if (found.size() > 1) {
      throw new BackendException(Reason.REFUSED, null, "the project sees " + found.size() + " networks named \""
          + name + "\" (" + found.stream().map(n -> n.path("id").asText()).collect(Collectors.joining(", "))
          + "); stackwright cannot tell which one is meant. Fix: rename or delete all but one");
    }
    String id = found.get(0).path("id").asText();
    JsonNode subnet = fitting(name, id, ipv4Subnets(id, name), range);
    networkIds.put(name, id);
    return Optional.of(subnet);
  }

  private List<JsonNode> ipv4Subnets(String networkId, String name) {
    return http.list(Request.get(Service.NETWORK, "/subnets").with("network_id", networkId).with("ip_version", "4"),
        "subnets", "subnets of network \"" + name + "\"");
  }

  /** The one subnet that holds {@code range} (the only one without it), or an error saying what there is. */
  private static JsonNode fitting(String name, String id, List<JsonNode> subnets, Optional<Ipv4Network> range) {
    List<JsonNode> fitting = new ArrayList<>();
    for (JsonNode s : subnets) {
      Optional<Ipv4Network> cidr = Ipv4Network.tryParse(s.path("cidr").asText());
      if (cidr.isPresent() && (range.isEmpty() || cidr.get().contains(range.get()))) {
        fitting.add(s);
      }
    }
    if (fitting.size() != 1) {
      String has = subnets.isEmpty() ? "no IPv4 subnet" : "IPv4 subnets " + subnets.stream()
          .map(s -> s.path("name").asText() + " " + s.path("cidr").asText()).collect(Collectors.joining(", "));
      String want = range.map(r -> "one IPv4 subnet that holds " + r).orElse("exactly one IPv4 subnet");
      throw new BackendException(Reason.NOT_FOUND, null, "network \"" + name + "\" (" + id + ") has " + has
          + "; the cluster needs " + want + ". Fix: openstack subnet create --network " + name + " --subnet-range "
          + range.map(Object::toString).orElse("10.0.0.0/16") + " --gateway <an address no role uses>"
          + " --allocation-pool start=...,end=... (the cluster's DHCP pool) " + name + "-subnet");
    }
    return fitting.get(0);
  }

  /**
   * The owned subnet with this id and its network (named {@code name}): read once per subnet, whose ids are never
   * reused, so a network made again after a destroy is not mistaken for the old one.
   */
  public NetworkRef ownedSubnet(String name, String subnetId) {
    return ownedSubnets.computeIfAbsent(subnetId, id -> {
      JsonNode s = http.getOk(Request.get(Service.NETWORK, "/subnets/" + id), "subnet " + id + " of network "
          + name).path("subnet");
      return new NetworkRef(name, s.path("network_id").asText(), id, s.path("cidr").asText());
    });
  }

  /** Remembers a network's name seen in a list or made, so {@link #networkName} needs no list of its own. */
  void rememberNetworkName(String id, String name) {
    networkNames.put(id, name);
  }

  /** The id of the external network named {@code name} (one with {@code router:external}). */
  public String externalNetwork(String name) {
    return externalNetworks.computeIfAbsent(name, n -> {
      List<JsonNode> found = http.list(Request.get(Service.NETWORK, "/networks").with("name", n)
          .with("router:external", "true"), "networks", "external network \"" + n + "\"");
      if (found.isEmpty()) {
        List<String> names = names(http.list(Request.get(Service.NETWORK, "/networks")
            .with("router:external", "true"), "networks", "external networks"));
        throw missing("external network", n, names, "set the cluster's externalNetwork(...) to one of them,"
            + " or leave it out to give no floating IPs");
      }
      return found.get(0).path("id").asText();
    });
  }

  /** The flavour named {@code name}. */
  public FlavorRef flavor(String name) {
    FlavorRef f = flavorsByName.get(name);
    if (f != null) {
      return f;
    }
    loadFlavors();
    f = flavorsByName.get(name);
    if (f == null) {
      throw missing("flavour", name, new ArrayList<>(flavorsByName.keySet()), "name one of them in the cluster's"
          + " flavor(...), or ask the cloud's operators for it (openstack flavor create --vcpus N --ram MB "
          + name + ")");
    }
    return f;
  }

  /** The flavour with this id, as a server reports it; empty for one that was deleted since. */
  public Optional<FlavorRef> flavorById(String id) {
    Map<String, FlavorRef> byId = flavorsById;
    if (byId == null || !byId.containsKey(id)) {
      loadFlavors();
      byId = flavorsById;
    }
    return Optional.ofNullable(byId.get(id));
  }

  private synchronized void loadFlavors() {
    Map<String, FlavorRef> byId = new ConcurrentHashMap<>();
    for (JsonNode f : http.list(Request.get(Service.COMPUTE, "/flavors/detail"), "flavors", "flavours")) {
      FlavorRef ref = new FlavorRef(f.path("id").asText(), f.path("name").asText(), f.path("vcpus").asInt(),
          f.path("ram").asInt());
      byId.put(ref.id(), ref);
      flavorsByName.put(ref.name(), ref);
    }
    flavorsById = byId;
  }

  /**
   * The name of the network with this id, as a port or floating IP reports it; one list call the first time an
   * unknown id is seen, none after (also when it is not found). The id itself when the network is gone.
   */
  public String networkName(String id) {
    if (!networkNames.containsKey(id)) {
      for (JsonNode n : http.list(Request.get(Service.NETWORK, "/networks"), "networks", "networks")) {
        networkNames.put(n.path("id").asText(), n.path("name").asText());
      }
      networkNames.putIfAbsent(id, id); // gone: ask once, not for every resource on it
    }
    return networkNames.getOrDefault(id, id);
  }

  /** The name of the image with this id, as a server reports it; like {@link #networkName}. */
  public String imageName(String id) {
    if (!imageNames.containsKey(id)) {
      for (JsonNode i : http.list(Request.get(Service.IMAGE, "/images"), "images", "images")) {
        imageNames.put(i.path("id").asText(), i.path("name").asText());
      }
      imageNames.putIfAbsent(id, id); // deleted, or a server booted from a volume: ask once, not per server
    }
    return imageNames.getOrDefault(id, id);
  }

  /** The id of the active image named {@code name}. */
  public String image(String name) {
    return imageRef(name).id();
  }

  /** The active image named {@code name}, with what it says of its OS; looked up once, with {@link #image}. */
  public ImageRef imageRef(String name) {
    return images.computeIfAbsent(name, n -> {
      List<JsonNode> found = http.list(Request.get(Service.IMAGE, "/images").with("name", n), "images",
          "image \"" + n + "\"").stream().filter(i -> "active".equals(i.path("status").asText()))
          .collect(Collectors.toList());
      if (found.isEmpty()) {
        List<String> names = names(http.list(Request.get(Service.IMAGE, "/images"), "images", "images"));
        throw missing("image", n, names, "name one of them as the cluster's defaultImage(...) or a host's"
            + " image(...), or upload it: openstack image create --file <file> " + n);
      }
      JsonNode image = found.get(0);
      return new ImageRef(image.path("id").asText(), text(image, "os_distro"), text(image, "os_version"));
    });
  }

  /** A property Glance lists at the top level of an image, when it is there and not blank. */
  private static Optional<String> text(JsonNode image, String property) {
    return Optional.of(image.path(property).asText("")).filter(v -> !v.isBlank());
  }

  private BackendException missing(String kind, String name, List<String> existing, String fix) {
    TreeSet<String> sorted = new TreeSet<>(existing);
    String has = sorted.isEmpty() ? "none" : String.join(", ", sorted);
    return new BackendException(Reason.NOT_FOUND, null, "the cloud has no " + kind + " named \"" + name + "\" for "
        + http.session().who() + " (region " + http.session().region() + "); it has " + has
        + Closest.hint(name, sorted) + ". Fix: " + fix);
  }

  private static List<String> names(List<JsonNode> items) {
    return items.stream().map(i -> i.path("name").asText()).filter(n -> !n.isEmpty())
        .collect(Collectors.toList());
  }
}
