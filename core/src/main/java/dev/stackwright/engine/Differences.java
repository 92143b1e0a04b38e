package dev.stackwright.engine;

import dev.stackwright.spi.FloatingIpSpec;
import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.NetworkSpec;
import dev.stackwright.spi.OwnedNames;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RouterSpec;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.spi.SubnetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** How a desired spec differs from an observed one, in words: what forces a replacement, what can change in place. */
record Differences(List<String> forcingReplace, List<String> inPlace, Optional<String> userData) {
  static Differences of(ResourceSpec want, ResourceSpec have) {
    return of(want, have, false);
  }

  /**
   * @param building whether {@code have} is a server still in BUILD: its port is bound while it builds, so a port not
   *     bound yet ({@code port/none}) is no difference
   */
  static Differences of(ResourceSpec want, ResourceSpec have, boolean building) {
    List<String> replace = new ArrayList<>();
    List<String> inPlace = new ArrayList<>();
    Optional<String> userData = Optional.empty();
    if (!OwnedNames.isFormerName(have.name(), want.name())) { // kept under its old name: Nova renames neither
      changed(NETWORK_KINDS.contains(want.id().kind()) ? inPlace : replace, "name", want.name(), have.name());
    }
    if (want instanceof KeypairSpec w && have instanceof KeypairSpec h) {
      if (!w.publicKey().equals(h.publicKey())) {
        replace.add("public key changed");
      }
    } else if (want instanceof SecurityGroupSpec w && have instanceof SecurityGroupSpec h) {
      Set<RuleSpec> add = new java.util.LinkedHashSet<>(w.rules());
      add.removeAll(h.rules());
      Set<RuleSpec> remove = new java.util.LinkedHashSet<>(h.rules());
      remove.removeAll(w.rules());
      add.forEach(r -> inPlace.add("add " + r));
      remove.forEach(r -> inPlace.add("remove " + r.describe()));
    } else if (want instanceof ServerGroupSpec w && have instanceof ServerGroupSpec h) {
      changed(replace, "policy", w.policy(), h.policy());
    } else if (want instanceof NetworkSpec && have instanceof NetworkSpec) {
      // a network has nothing but its name
    } else if (want instanceof SubnetSpec w && have instanceof SubnetSpec h) {
      subnet(w, h, replace, inPlace);
    } else if (want instanceof RouterSpec w && have instanceof RouterSpec h) {
      changed(inPlace, "external network", w.externalNetwork(), h.externalNetwork());
      changed(replace, "subnet", w.subnet(), h.subnet());
    } else if (want instanceof PortSpec w && have instanceof PortSpec h) {
      changed(replace, "network", w.network(), h.network());
      changed(replace, "subnet", w.subnet().map(Object::toString).orElse("none (a used network)"),
          h.subnet().map(Object::toString).orElse("none (a used network)"));
      if (!w.fixedIps().equals(h.fixedIps())) {
        inPlace.add("addresses " + sorted(h.fixedIps()) + " -> " + sorted(w.fixedIps()));
      }
      if (!w.securityGroups().equals(h.securityGroups())) {
        inPlace.add("security groups " + sorted(h.securityGroups()) + " -> " + sorted(w.securityGroups()));
      }
    } else if (want instanceof ServerSpec w && have instanceof ServerSpec h) {
      changed(replace, "flavour", w.flavor(), h.flavor());
      changed(replace, "image", w.image(), h.image());
      if (!(building && h.port().equals(ServerSpec.NO_PORT))) {
        changed(replace, "port", w.port(), h.port());
      }
      changed(replace, "keypair", w.keypair().map(Object::toString).orElse("none"),
          h.keypair().map(Object::toString).orElse("none"));
      if (!(h.serverGroup().isEmpty() && w.serverGroup().isPresent())) { // kept out: see Planner
        changed(replace, "server group", w.serverGroup().map(Object::toString).orElse("none"),
            h.serverGroup().map(Object::toString).orElse("none"));
      }
      if (!w.userDataSha256().equals(h.userDataSha256())) {
        userData = Optional.of("user-data changed (" + changedFiles(w.fileDigests(), h.fileDigests()) + ")");
      }
    } else if (want instanceof FloatingIpSpec w && have instanceof FloatingIpSpec h) {
      changed(replace, "external network", w.externalNetwork(), h.externalNetwork());
      changed(inPlace, "port", w.port(), h.port());
    } else {
      replace.add("kind changed");
    }
    return new Differences(List.copyOf(replace), List.copyOf(inPlace), userData);
  }

  /** The kinds Neutron renames in place. */
  private static final Set<ResourceKind> NETWORK_KINDS =
      Set.of(ResourceKind.NETWORK, ResourceKind.SUBNET, ResourceKind.ROUTER);

  /**
   * A subnet's range cannot change (Neutron has no such update: a new range is a new subnet, and every port on it
   * new); its gateway, allocation pool and DNS servers can, in place.
   */
  private static void subnet(SubnetSpec w, SubnetSpec h, List<String> replace, List<String> inPlace) {
    changed(replace, "network", w.network(), h.network());
    changed(replace, "range", w.cidr(), h.cidr());
    changed(inPlace, "gateway", w.gateway().map(Object::toString).orElse("none"),
        h.gateway().map(Object::toString).orElse("none"));
    changed(inPlace, "allocation pool (the DHCP pool)", w.allocationPool(), h.allocationPool());
    changed(inPlace, "DNS servers", w.dnsServers(), h.dnsServers());
  }

  /** The files whose digests differ, added or removed, by path; or a plain word when the cloud kept no digests. */
  static String changedFiles(Map<String, String> want, Map<String, String> have) {
    if (have.isEmpty()) {
      return "the server carries no file digests";
    }
    List<String> changed = changedPaths(want, have).stream()
        .map(p -> have.containsKey(p) ? (want.containsKey(p) ? p : p + " removed") : p + " added").toList();
    return changed.isEmpty() ? "the cloud-init document itself" : String.join(", ", changed);
  }

  /** The paths whose digests differ, added or no longer given, sorted. */
  static Set<String> changedPaths(Map<String, String> want, Map<String, String> have) {
    Set<String> paths = new TreeSet<>(want.keySet());
    paths.addAll(have.keySet());
    paths.removeIf(p -> java.util.Objects.equals(want.get(p), have.get(p)));
    return paths;
  }

  private static void changed(List<String> into, String what, Object want, Object have) {
    if (!want.equals(have)) {
      into.add(what + " " + have + " -> " + want);
    }
  }

  private static <T extends Comparable<? super T>> String sorted(Set<T> set) {
    return set.stream().sorted().map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
  }
}
