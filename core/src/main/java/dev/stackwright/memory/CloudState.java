package dev.stackwright.memory;

import dev.stackwright.internal.JsonText;
import dev.stackwright.model.Flavor;
import dev.stackwright.model.Ipv4Network;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything an in-memory cloud holds, as its state file keeps it: the catalogue (flavours, images, networks), the
 * counters it hands MACs and floating addresses out from, and every entry (ours and foreign ones) with its cloud id,
 * marker, spec and facts. The file is JSON with a format name and version first, so a file of another kind or of a
 * newer stackwright is refused rather than misread.
 */
record CloudState(Map<String, Flavor> flavors, Set<String> images, Map<String, Ipv4Network> networks,
    Set<String> externalNetworks, int macs, int floatingAddresses, List<CloudEntry> entries) {

  /** What the file says it is. */
  static final String FORMAT = "stackwright-memory-cloud";
  /** The version this stackwright writes and the newest it reads. */
  static final int VERSION = 1;

  String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("version", (long) VERSION);
    Map<String, Object> catalogue = new LinkedHashMap<>();
    catalogue.put("flavors", new TreeMap<>(flavors).values().stream().map(CloudState::flavor).toList());
    catalogue.put("images", new java.util.TreeSet<>(images));
    Map<String, Object> nets = new TreeMap<>();
    networks.forEach((name, cidr) -> nets.put(name, cidr.toString()));
    catalogue.put("networks", nets);
    catalogue.put("externalNetworks", new java.util.TreeSet<>(externalNetworks));
    root.put("catalogue", catalogue);
    root.put("counters", new TreeMap<>(Map.of("macs", (long) macs, "floatingAddresses", (long) floatingAddresses)));
    root.put("resources", entries.stream().map(CloudState::entry).toList());
    return JsonText.write(root);
  }

  private static Map<String, Object> flavor(Flavor f) {
    return new TreeMap<>(Map.of("name", f.name(), "vcpus", (long) f.vcpus(), "ramMb", (long) f.ramMb()));
  }

  private static Map<String, Object> entry(CloudEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cloudId", e.cloudId());
    e.cluster().ifPresent(c -> m.put("cluster", c));
    e.id().ifPresent(id -> m.put("id", id.toString()));
    m.put("spec", SpecCodec.write(e.spec()));
    m.put("facts", new TreeMap<>(e.facts()));
    m.put("refs", List.copyOf(e.refs()));
    return m;
  }

  /**
   * The state {@code text} holds; an {@link IllegalArgumentException} saying what is wrong and where, or a
   * {@link NewerFormat} for a file a newer stackwright wrote.
   */
  static CloudState parse(String text) {
    Fields root = Fields.of("the file", JsonText.parse(text));
    if (!FORMAT.equals(root.map().get("format"))) {
      throw new IllegalArgumentException("its \"format\" is not \"" + FORMAT + "\"");
    }
    int version = root.integer("version");
    if (version > VERSION) {
      throw new NewerFormat(version);
    }
    if (version < 1) {
      throw new IllegalArgumentException("its version " + version + " is not one stackwright ever wrote");
    }
    Fields catalogue = root.object("catalogue");
    Map<String, Flavor> flavors = new LinkedHashMap<>();
    for (Fields f : catalogue.objects("flavors")) {
      flavors.put(f.string("name"), Flavor.builder().name(f.string("name")).vcpus(f.integer("vcpus"))
          .ramMb(f.integer("ramMb")).cpuClass("any").cpuWeight(1.0).build());
    }
    Map<String, Ipv4Network> networks = new LinkedHashMap<>();
    catalogue.stringMap("networks").forEach((name, cidr) -> networks.put(name, Ipv4Network.parse(cidr)));
    Fields counters = root.object("counters");
    List<CloudEntry> entries = root.objects("resources").stream().map(CloudState::entry).toList();
    return new CloudState(flavors, new LinkedHashSet<>(catalogue.strings("images")), networks,
        new LinkedHashSet<>(catalogue.strings("externalNetworks")), counters.integer("macs"),
        counters.integer("floatingAddresses"), entries);
  }

  private static CloudEntry entry(Fields f) {
    return new CloudEntry(f.string("cloudId"), f.optionalString("cluster"), SpecCodec.optionalId(f, "id"),
        SpecCodec.read(f.object("spec")), Map.copyOf(f.stringMap("facts")),
        new LinkedHashSet<>(f.strings("refs")));
  }

  /** A file written by a newer stackwright, in a format this one does not know. */
  static final class NewerFormat extends RuntimeException {
    final int version;

    NewerFormat(int version) {
      super("format version " + version, null, false, false);
      this.version = version;
    }
  }
}
