package dev.stackwright.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.spi.Created;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.References;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Makes ports for the {@link Applier}: one alone, or several in Neutron's bulk create with the fall-backs a failed
 * or half-answered bulk request needs.
 */
final class PortCreates {
  private final CloudClient cloud;
  private final int parallelism;

  PortCreates(CloudClient cloud, int parallelism) {
    this.cloud = cloud;
    this.parallelism = parallelism;
  }

  /** One port, with its marker. */
  Observed create(String cluster, PortSpec p, References refs) {
    Lookups.NetworkRef net = network(p, refs);
    JsonNode made = cloud.neutron().createPort(p.name(), net.id(), fixedIps(p, net), groups(p, refs),
        new Marker(cluster, p.id().toString()));
    return observed(p, made);
  }

  /**
   * Several ports in one request (Neutron's bulk create), then their tags, several at a time. When the bulk request
   * fails (an address taken, a quota, a cloud that kept failing), each port is created alone instead, after one look
   * for those already made (a lost answer), so each is made or fails with its own reason.
   */
  List<Created> createAll(String cluster, List<PortSpec> ports, References refs) {
    Created[] results = new Created[ports.size()];
    List<Integer> sent = new ArrayList<>();
    List<NeutronValues.NewPort> asked = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      PortSpec p = ports.get(i);
      try {
        asked.add(Failures.translated(p.id(), () -> {
          Lookups.NetworkRef net = network(p, refs);
          return new NeutronValues.NewPort(p.name(), net.id(), fixedIps(p, net), groups(p, refs),
              new Marker(cluster, p.id().toString()));
        }));
        sent.add(i);
      } catch (RuntimeException e) {
        results[i] = Created.failed(p.id(), e);
      }
    }
    if (asked.isEmpty()) {
      return List.of(results);
    }
    List<Optional<JsonNode>> made;
    boolean bulk = true;
    try {
      made = madeInBulk(asked);
    } catch (RuntimeException e) {
      bulk = false;
      made = lookForMarked(asked);
    }
    List<Callable<Created>> work = new ArrayList<>();
    for (int k = 0; k < sent.size(); k++) {
      PortSpec p = ports.get(sent.get(k));
      NeutronValues.NewPort n = asked.get(k);
      Optional<JsonNode> port = made.get(k);
      work.add(() -> {
        try {
          if (port.isEmpty()) {
            return Created.made(Failures.translated(p.id(), () -> create(cluster, p, refs)));
          }
          Failures.translated(p.id(), () -> cloud.neutron().tagPort(port.get(), n));
          return Created.made(observed(p, port.get()));
        } catch (RuntimeException e) {
          return Created.failed(p.id(), e);
        }
      });
    }
    List<Created> done = InParallel.run(work, parallelism, bulk ? "tagging new ports" : "creating ports one by one");
    for (int k = 0; k < sent.size(); k++) {
      results[sent.get(k)] = done.get(k);
    }
    return List.of(results);
  }

  /**
   * The ports asked for, made in one bulk request where their addresses are free; for each, the port made (or found
   * holding its address under its marker), or empty for one to make alone.
   */
  private List<Optional<JsonNode>> madeInBulk(List<NeutronValues.NewPort> asked) {
    List<Optional<JsonNode>> made = new ArrayList<>(asked.stream().map(a -> Optional.<JsonNode>empty()).toList());
    // Zed's Neutron keeps the addresses of the other ports of a bulk create that failed on a taken one (they stay
    // allocated with no port): so a port whose address is taken now is left out, to fail alone with its reason --
    // unless the holder carries this very port's marker: made before, its tags lost (a crash between the create
    // and the tagging, which the observer's list by tag cannot see), so it is taken and tagged now.
    List<JsonNode> holders = cloud.neutron().portsHolding(asked.stream().flatMap(a -> a.fixedIps().stream())
        .map(NeutronValues.FixedIp::address).toList());
    List<Integer> clear = new ArrayList<>();
    for (int i = 0; i < asked.size(); i++) {
      Optional<JsonNode> ours = markedHolder(asked.get(i), holders);
      if (ours.isPresent()) {
        made.set(i, ours);
      } else if (holdsNone(asked.get(i), holders)) {
        clear.add(i);
      }
    }
    List<JsonNode> created = clear.isEmpty() ? List.of()
        : cloud.neutron().createPorts(clear.stream().map(asked::get).toList());
    for (int j = 0; j < clear.size(); j++) {
      made.set(clear.get(j), Optional.of(created.get(j)));
    }
    return made;
  }

  /** The port holding one of {@code port}'s addresses that carries its marker: ours, made before. */
  private static Optional<JsonNode> markedHolder(NeutronValues.NewPort port, List<JsonNode> holders) {
    return holders.stream().filter(h -> port.marker().description().equals(h.path("description").asText()))
        .findFirst();
  }

  /** Whether no holder has one of the port's addresses on its subnet (an owned network may overlap another). */
  private static boolean holdsNone(NeutronValues.NewPort port, List<JsonNode> holders) {
    return holders.stream().flatMap(h -> NeutronValues.fixedIps(h).stream()).noneMatch(held -> port.fixedIps()
        .contains(held));
  }

  /** The ports already carrying these markers; none when even that cannot be read (each is then created alone). */
  private List<Optional<JsonNode>> lookForMarked(List<NeutronValues.NewPort> asked) {
    try {
      return cloud.neutron().portsMarked(asked);
    } catch (RuntimeException e) {
      return asked.stream().map(a -> Optional.<JsonNode>empty()).toList();
    }
  }

  /**
   * The network and subnet a port's addresses come from: on a network the cluster owns, its subnet (the engine's
   * reference: ours by marker, whatever else bears the network's name); otherwise the network of that name.
   */
  Lookups.NetworkRef network(PortSpec p, References refs) {
    if (p.subnet().isPresent()) {
      return cloud.lookups().ownedSubnet(p.network(), refs.require(p.subnet().get()));
    }
    return cloud.lookups().network(p.network(), Optional.empty());
  }

  private static Observed observed(PortSpec p, JsonNode made) {
    return new Observed(p.id(), made.path("id").asText(), p, Map.of(Observed.Facts.MAC,
        made.path("mac_address").asText(""), Observed.Facts.STATUS, made.path("status").asText("")));
  }

  static List<NeutronValues.FixedIp> fixedIps(PortSpec p, Lookups.NetworkRef net) {
    return p.sortedFixedIps().stream().map(a -> new NeutronValues.FixedIp(net.subnetId(), a.toString())).toList();
  }

  static List<String> groups(PortSpec p, References refs) {
    return p.securityGroups().stream().sorted().map(refs::require).toList();
  }
}
