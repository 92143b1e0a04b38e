package dev.stackwright.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.engine.BackendException;
import dev.stackwright.engine.FloatingIpSpec;
import dev.stackwright.engine.KeypairSpec;
import dev.stackwright.engine.Observed;
import dev.stackwright.engine.PortSpec;
import dev.stackwright.engine.References;
import dev.stackwright.engine.ResourceSpec;
import dev.stackwright.engine.RuleSpec;
import dev.stackwright.engine.SecurityGroupSpec;
import dev.stackwright.engine.ServerGroupSpec;
import dev.stackwright.engine.ServerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes, changes and deletes one resource with the OpenStack calls: names resolved to ids, our references through
 * {@link References}, the ownership marker on everything. Returns what it made as the observer would see it, so the
 * engine needs no extra read.
 */
final class Applier {
  private final CloudClient cloud;

  Applier(CloudClient cloud) {
    this.cloud = cloud;
  }

  Observed create(String cluster, ResourceSpec spec, References refs) {
    Marker marker = new Marker(cluster, spec.id().toString());
    if (spec instanceof KeypairSpec k) {
      cloud.nova().importKeypair(k.name(), k.publicKey());
      return new Observed(k.id(), k.name(), k, Map.of());
    }
    if (spec instanceof ServerGroupSpec g) {
      JsonNode made = cloud.nova().createServerGroup(g.name(), g.policy());
      return new Observed(g.id(), made.path("id").asText(), g, Map.of());
    }
    if (spec instanceof SecurityGroupSpec g) {
      JsonNode made = cloud.neutron().createSecurityGroup(g.name(), marker, g.description());
      String id = made.path("id").asText();
      // A group a dead run made (found by its marker) may hold some of its rules already.
      List<Neutron.RuleSpec> missing = rules(g.rules(), g, id, refs).stream().filter(w -> !hasRule(made, w)).toList();
      cloud.neutron().createRules(id, g.name(), missing);
      return new Observed(g.id(), id, g, Map.of());
    }
    if (spec instanceof PortSpec p) {
      Lookups.NetworkRef net = cloud.lookups().network(p.network(), Optional.empty());
      JsonNode made = cloud.neutron().createPort(p.name(), net.id(), fixedIps(p, net), groups(p, refs), marker);
      return new Observed(p.id(), made.path("id").asText(), p, Map.of(Observed.Facts.MAC,
          made.path("mac_address").asText(""), Observed.Facts.STATUS, made.path("status").asText("")));
    }
    if (spec instanceof ServerSpec s) {
      Map<String, String> meta = new LinkedHashMap<>(s.metadata());
      meta.putAll(DigestMetadata.encode(s.userDataSha256(), s.fileDigests()));
      Nova.ServerSpec boot = new Nova.ServerSpec(s.name(), cloud.lookups().flavor(s.flavor()).id(),
          cloud.lookups().image(s.image()), List.of(refs.require(s.port())), s.keypair().map(refs::require),
          Optional.of(s.userData()).filter(u -> !u.isEmpty()), s.serverGroup().map(refs::require), meta);
      JsonNode made = cloud.nova().boot(boot, marker);
      String id = made.path("id").asText();
      cloud.nova().awaitActive(id, s.name());
      return new Observed(s.id(), id, s.withoutUserData(), Map.of(Observed.Facts.STATUS, "ACTIVE"));
    }
    if (spec instanceof FloatingIpSpec f) {
      String network = cloud.lookups().externalNetwork(f.externalNetwork());
      JsonNode made = cloud.neutron().createFloatingIp(network, refs.require(f.port()), null, marker,
          "floating IP of " + f.port());
      return new Observed(f.id(), made.path("id").asText(), f, Map.of(Observed.Facts.ADDRESS,
          made.path("floating_ip_address").asText("")));
    }
    throw new IllegalArgumentException("cannot create " + spec.id());
  }

  Observed update(String cluster, Observed current, ResourceSpec desired, References refs) {
    if (desired instanceof SecurityGroupSpec g) {
      Reply read = cloud.http().send(Request.get(Service.NETWORK, "/security-groups/" + current.cloudId()),
          "security group " + g.name());
      if (read.status() == 404) {
        throw new BackendException(BackendException.Reason.NOT_FOUND, g.id(), "security group " + g.name() + " ("
            + current.cloudId() + ") is gone since it was observed; plan again");
      }
      if (!read.ok()) {
        throw CloudFailure.of(read, "security group " + g.name(), "reading security group " + g.name() + " failed");
      }
      JsonNode group = read.json().path("security_group");
      List<Neutron.RuleSpec> wanted = rules(g.rules(), g, current.cloudId(), refs);
      List<Neutron.RuleSpec> missing = new ArrayList<>(wanted);
      for (JsonNode rule : group.path("security_group_rules")) {
        boolean ours = rule.path("direction").asText().equals("ingress")
            && rule.path("ethertype").asText().equals("IPv4") && !rule.path("protocol").isNull();
        Optional<Neutron.RuleSpec> match = wanted.stream().filter(w -> Neutron.matches(rule, w)).findFirst();
        if (match.isPresent()) {
          missing.remove(match.get());
        } else if (ours) {
          cloud.neutron().deleteRule(rule.path("id").asText(), g.name());
        }
      }
      cloud.neutron().createRules(current.cloudId(), g.name(), missing);
      return new Observed(g.id(), current.cloudId(), g, current.facts());
    }
    if (desired instanceof PortSpec p) {
      Lookups.NetworkRef net = cloud.lookups().network(p.network(), Optional.empty());
      cloud.neutron().updatePort(current.cloudId(), p.name(), Optional.of(fixedIps(p, net)),
          Optional.of(groups(p, refs)));
      return new Observed(p.id(), current.cloudId(), p, current.facts());
    }
    if (desired instanceof FloatingIpSpec f) {
      cloud.neutron().associateFloatingIp(current.cloudId(), refs.require(f.port()), null, "floating IP of "
          + f.port());
      return new Observed(f.id(), current.cloudId(), f, current.facts());
    }
    throw new IllegalArgumentException("a " + desired.id().kind().id() + " cannot be changed in place");
  }

  void delete(Observed current) {
    String name = current.spec().name();
    switch (current.id().kind()) {
      case KEYPAIR -> cloud.nova().deleteKeypair(current.cloudId());
      case SERVER_GROUP -> cloud.nova().deleteServerGroup(current.cloudId(), name);
      case SECURITY_GROUP -> cloud.neutron().deleteSecurityGroup(current.cloudId(), name);
      case PORT -> cloud.neutron().deletePort(current.cloudId(), name);
      case SERVER -> cloud.nova().deleteAndWait(current.cloudId(), name);
      case FLOATING_IP -> cloud.neutron().deleteFloatingIp(current.cloudId(), "floating IP " + name);
    }
  }

  private static boolean hasRule(JsonNode group, Neutron.RuleSpec wanted) {
    for (JsonNode rule : group.path("security_group_rules")) {
      if (Neutron.matches(rule, wanted)) {
        return true;
      }
    }
    return false;
  }

  private static List<Neutron.FixedIp> fixedIps(PortSpec p, Lookups.NetworkRef net) {
    return p.sortedFixedIps().stream().map(a -> new Neutron.FixedIp(net.subnetId(), a.toString())).toList();
  }

  private static List<String> groups(PortSpec p, References refs) {
    return p.securityGroups().stream().sorted().map(refs::require).toList();
  }

  /** Our rules in Neutron's terms; a rule naming its own group gets the group's new id. */
  private static List<Neutron.RuleSpec> rules(List<RuleSpec> rules, SecurityGroupSpec group, String groupId,
      References refs) {
    List<Neutron.RuleSpec> out = new ArrayList<>();
    for (RuleSpec r : rules) {
      Optional<String> remoteGroup = r.remoteGroup().map(g -> g.equals(group.id()) ? groupId : refs.require(g));
      out.add(new Neutron.RuleSpec("ingress", "IPv4", Optional.of(r.protocol()), Optional.of(r.portMin()),
          Optional.of(r.portMax()), r.remoteCidr(), remoteGroup, r.purpose()));
    }
    return out;
  }
}
