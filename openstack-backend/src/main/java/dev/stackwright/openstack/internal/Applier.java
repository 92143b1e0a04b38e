package dev.stackwright.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.FloatingIpSpec;
import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.References;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.spi.Created;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Makes, changes and deletes one resource with the OpenStack calls: names resolved to ids, our references through
 * {@link References}, the ownership marker on everything. Returns what it made as the observer would see it, so the
 * engine needs no extra read.
 */
final class Applier {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Applier.class);
  private final CloudClient cloud;
  private final int parallelism;
  private final ServerBuilds builds;
  private final PortCreates ports;
  private final NetworkApplier networks;
  /** The server groups this applier made whose namesakes have not been looked for yet ({@link #createServers}). */
  private final java.util.Set<String> groupsMade = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** @param parallelism how many requests a batch may have in flight at once (tags of new ports, server boots) */
  Applier(CloudClient cloud, int parallelism) {
    this.cloud = cloud;
    this.parallelism = parallelism;
    this.builds = new ServerBuilds(cloud.nova(), parallelism);
    this.ports = new PortCreates(cloud, parallelism);
    this.networks = new NetworkApplier(cloud);
  }

  Observed create(String cluster, ResourceSpec spec, References refs) {
    Marker marker = new Marker(cluster, spec.id().toString());
    if (NetworkApplier.handles(spec)) {
      return networks.create(cluster, spec, refs);
    }
    if (spec instanceof KeypairSpec k) {
      cloud.nova().importKeypair(k.name(), k.publicKey());
      return new Observed(k.id(), k.name(), k, Map.of());
    }
    if (spec instanceof ServerGroupSpec g) {
      JsonNode made = cloud.nova().createServerGroup(g.name(), g.policy());
      groupsMade.add(made.path("id").asText());
      return new Observed(g.id(), made.path("id").asText(), g, Map.of());
    }
    if (spec instanceof SecurityGroupSpec g) {
      JsonNode made = cloud.neutron().createSecurityGroup(g.name(), marker, g.description());
      String id = made.path("id").asText();
      // A group a dead run made (found by its marker) may hold some of its rules already.
      List<NeutronValues.RuleSpec> missing = rules(g.rules(), g, id, refs).stream().filter(w -> !hasRule(made, w))
          .toList();
      cloud.neutron().createRules(id, g.name(), missing);
      return new Observed(g.id(), id, g, Map.of());
    }
    if (spec instanceof PortSpec p) {
      return ports.create(cluster, p, refs);
    }
    if (spec instanceof ServerSpec s) {
      Created c = createServers(cluster, List.of(s), refs).get(0);
      if (c.failure().isPresent()) {
        throw c.failure().get();
      }
      return c.observed().orElseThrow();
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

  /** Several ports in one request: see {@link PortCreates#createAll}. */
  List<Created> createPorts(String cluster, List<PortSpec> ports, References refs) {
    return this.ports.createAll(cluster, ports, refs);
  }

  /**
   * Several security groups in one request (those a dead run made, found by their marker, are taken as they are),
   * then each group's tags and rules, several groups at a time (Neutron takes the rules of one group per request).
   * When the bulk request fails, each group is made alone, so each is made or fails with its own reason.
   */
  List<Created> createSecurityGroups(String cluster, List<SecurityGroupSpec> groups, References refs) {
    List<NeutronValues.NewGroup> asked = groups.stream().map(g -> new NeutronValues.NewGroup(g.name(),
        new Marker(cluster, g.id().toString()), g.description())).toList();
    List<JsonNode> made;
    try {
      List<Optional<JsonNode>> found = cloud.neutron().securityGroupsMarked(asked);
      List<NeutronValues.NewGroup> missing = new ArrayList<>();
      for (int i = 0; i < asked.size(); i++) {
        if (found.get(i).isEmpty()) {
          missing.add(asked.get(i));
        }
      }
      Iterator<JsonNode> created = (missing.isEmpty() ? List.<JsonNode>of()
          : cloud.neutron().createSecurityGroups(missing)).iterator();
      made = found.stream().map(f -> f.orElseGet(created::next)).toList();
    } catch (RuntimeException e) {
      return Created.oneByOne(List.<ResourceSpec>copyOf(groups),
          g -> Failures.translated(g.id(), () -> create(cluster, g, refs)));
    }
    List<Callable<Created>> work = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      SecurityGroupSpec g = groups.get(i);
      NeutronValues.NewGroup n = asked.get(i);
      JsonNode group = made.get(i);
      work.add(() -> {
        try {
          return Created.made(Failures.translated(g.id(), () -> {
            String id = group.path("id").asText();
            cloud.neutron().tagIfUntagged("/security-groups", group, n.marker(), "security group " + g.name());
            // a group a dead run made may hold some of its rules already
            cloud.neutron().createRules(id, g.name(), missingRules(g, id, group, false, refs));
            return new Observed(g.id(), id, g, Map.of());
          }));
        } catch (RuntimeException e) {
          return Created.failed(g.id(), e);
        }
      });
    }
    return InParallel.run(work, parallelism, "tagging new security groups and adding their rules");
  }

  /**
   * Links new groups ({@link dev.stackwright.engine.Step.Phase#LINK}): reads them in one request, then adds the rules
   * each lacks (a rule of ours that is not wanted is deleted), several groups at a time. When they cannot be read
   * together, each is changed alone ({@link #update}), so each fails, or not, with its own reason.
   */
  List<Created> updateSecurityGroups(String cluster, List<Observed> current, List<SecurityGroupSpec> groups,
      References refs) {
    List<JsonNode> listed;
    try {
      listed = cloud.neutron().securityGroups(current.stream().map(Observed::cloudId).toList());
    } catch (RuntimeException e) {
      listed = null;
    }
    List<JsonNode> read = listed;
    List<Callable<Created>> work = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      SecurityGroupSpec g = groups.get(i);
      Observed now = current.get(i);
      work.add(() -> {
        try {
          return Created.made(Failures.translated(g.id(), () -> {
            Optional<JsonNode> group = read == null ? Optional.empty() : read.stream()
                .filter(l -> l.path("id").asText().equals(now.cloudId())).findFirst();
            if (group.isEmpty()) {
              return update(cluster, now, g, refs);
            }
            tagIfUntagged(cluster, g, group.get());
            cloud.neutron().createRules(now.cloudId(), g.name(), missingRules(g, now.cloudId(), group.get(), true,
                refs));
            return new Observed(g.id(), now.cloudId(), g, now.facts());
          }));
        } catch (RuntimeException e) {
          return Created.failed(g.id(), e);
        }
      });
    }
    return InParallel.run(work, parallelism, "adding rules naming new groups");
  }

  /** A group seen by its marker alone (a dead run made it and did not tag it) gets its tags with its rules. */
  private void tagIfUntagged(String cluster, SecurityGroupSpec g, JsonNode read) {
    cloud.neutron().tagIfUntagged("/security-groups", read, new Marker(cluster, g.id().toString()),
        "security group " + g.name());
  }

  /**
   * The rules group {@code id} (as read: {@code read}) lacks to be {@code spec}; with {@code deleteStray}, a rule of
   * ours it has and is not meant to is deleted.
   */
  private List<NeutronValues.RuleSpec> missingRules(SecurityGroupSpec spec, String id, JsonNode read,
      boolean deleteStray, References refs) {
    List<NeutronValues.RuleSpec> wanted = rules(spec.rules(), spec, id, refs);
    List<NeutronValues.RuleSpec> missing = new ArrayList<>(wanted);
    for (JsonNode rule : read.path("security_group_rules")) {
      boolean ours = rule.path("direction").asText().equals("ingress")
          && rule.path("ethertype").asText().equals("IPv4") && !rule.path("protocol").isNull();
      Optional<NeutronValues.RuleSpec> match = wanted.stream().filter(w -> NeutronValues.matches(rule, w)).findFirst();
      if (match.isPresent()) {
        missing.remove(match.get());
      } else if (ours && deleteStray) {
        cloud.neutron().deleteRule(rule.path("id").asText(), spec.name());
      }
    }
    return missing;
  }

  /**
   * Servers booted and waited for together ({@link ServerBuilds}): one list request a poll for all of them, and a
   * server Nova could not place booted again. Each server is made or fails with its own reason.
   */
  List<Created> createServers(String cluster, List<ServerSpec> servers, References refs) {
    Created[] results = new Created[servers.size()];
    List<Integer> sent = new ArrayList<>();
    List<ServerBuilds.Boot> boots = new ArrayList<>();
    // a group is paced when it is strict and more than one of its members is in the batch; its policy is read once
    Map<Optional<ResourceId>, Long> members = servers.stream()
        .collect(Collectors.groupingBy(ServerSpec::serverGroup, Collectors.counting()));
    Map<String, Boolean> strict = new LinkedHashMap<>();
    for (int i = 0; i < servers.size(); i++) {
      ServerSpec s = servers.get(i);
      try {
        boots.add(Failures.translated(s.id(), () -> {
          Nova.ServerSpec boot = bootSpec(s, refs);
          Optional<String> paced = boot.serverGroupId().filter(g -> members.get(s.serverGroup()) > 1
              && strict.computeIfAbsent(g, id -> cloud.nova().serverGroupPolicy(id).equals("anti-affinity")));
          return new ServerBuilds.Boot(boot, new Marker(cluster, s.id().toString()), paced);
        }));
        sent.add(i);
      } catch (RuntimeException e) {
        results[i] = Created.failed(s.id(), e);
      }
    }
    List<ServerBuilds.Outcome> outcomes = boots.isEmpty() ? List.of() : builds.build(cluster, boots);
    deleteNamesakesOfGroupsMade(boots);
    for (int k = 0; k < sent.size(); k++) {
      ServerSpec s = servers.get(sent.get(k));
      ServerBuilds.Outcome o = outcomes.get(k);
      results[sent.get(k)] = o.failure().isPresent()
          ? Created.failed(s.id(), Failures.translate(s.id(), o.failure().get()))
          : Created.made(new Observed(s.id(), o.server().orElseThrow().path("id").asText(), s.withoutUserData(),
              Map.of(Observed.Facts.STATUS, "ACTIVE")));
    }
    return List.of(results);
  }

  /**
   * Once the servers of groups this applier made are built, deletes the empty groups of the same names: a group
   * create held past the timeout, sent again, can reach Nova after all and make a second group, which no server
   * joins. The servers' build gives it time to arrive. One list; a failure is only logged, as the next plan deletes
   * such a group too ("duplicate").
   */
  private void deleteNamesakesOfGroupsMade(List<ServerBuilds.Boot> boots) {
    java.util.Set<String> used = boots.stream().flatMap(b -> b.spec().serverGroupId().stream())
        .filter(groupsMade::contains).collect(Collectors.toSet());
    if (used.isEmpty()) {
      return;
    }
    groupsMade.removeAll(used);
    try {
      List<String> deleted = cloud.nova().deleteEmptyNamesakes(used);
      if (!deleted.isEmpty()) {
        LOG.info("deleted {}: empty server group{} of the same name as one this run made and booted into, made by a"
            + " create of it sent again after no answer", deleted, deleted.size() == 1 ? "" : "s");
      }
    } catch (RuntimeException e) {
      LOG.warn("looking for second server groups of {} failed; the next plan deletes any: {}", used, e.getMessage());
    }
  }

  private Nova.ServerSpec bootSpec(ServerSpec s, References refs) {
    Map<String, String> meta = new LinkedHashMap<>(s.metadata());
    meta.putAll(DigestMetadata.encode(s.userDataSha256(), s.fileDigests()));
    return new Nova.ServerSpec(s.name(), cloud.lookups().flavor(s.flavor()).id(), cloud.lookups().image(s.image()),
        List.of(refs.require(s.port())), s.keypair().map(refs::require),
        Optional.of(s.userData()).filter(u -> !u.isEmpty()), s.serverGroup().map(refs::require), meta);
  }

  Observed update(String cluster, Observed current, ResourceSpec desired, References refs) {
    if (NetworkApplier.handles(desired)) {
      return networks.update(current, desired, refs);
    }
    if (desired instanceof SecurityGroupSpec g) {
      Reply read = cloud.http().send(Request.get(Service.NETWORK, "/security-groups/" + current.cloudId()),
          "security group " + g.name());
      if (read.status() == 404) {
        throw new BackendException(BackendException.Reason.GONE, g.id(), "security group " + g.name() + " ("
            + current.cloudId() + ") is gone since it was observed; plan again");
      }
      if (!read.ok()) {
        throw CloudFailure.of(read, "security group " + g.name(), "reading security group " + g.name() + " failed");
      }
      tagIfUntagged(cluster, g, read.json().path("security_group"));
      cloud.neutron().createRules(current.cloudId(), g.name(), missingRules(g, current.cloudId(),
          read.json().path("security_group"), true, refs));
      return new Observed(g.id(), current.cloudId(), g, current.facts());
    }
    if (desired instanceof PortSpec p) {
      Lookups.NetworkRef net = ports.network(p, refs);
      cloud.neutron().updatePort(current.cloudId(), p.name(), Optional.of(PortCreates.fixedIps(p, net)),
          Optional.of(PortCreates.groups(p, refs)));
      return new Observed(p.id(), current.cloudId(), p, current.facts());
    }
    if (desired instanceof FloatingIpSpec f) {
      cloud.neutron().associateFloatingIp(current.cloudId(), refs.require(f.port()), null, "floating IP of "
          + f.port());
      return new Observed(f.id(), current.cloudId(), f, current.facts());
    }
    throw new IllegalArgumentException("a " + desired.id().kind().id() + " cannot be changed in place");
  }

  void delete(String cluster, Observed current) {
    String name = current.spec().name();
    switch (current.id().kind()) {
      case NETWORK, SUBNET, ROUTER -> networks.delete(cluster, current);
      case KEYPAIR -> cloud.nova().deleteKeypair(current.cloudId());
      case SERVER_GROUP -> cloud.nova().deleteServerGroup(current.cloudId(), name);
      case SECURITY_GROUP -> cloud.neutron().deleteSecurityGroup(current.cloudId(), name);
      case PORT -> cloud.neutron().deletePort(current.cloudId(), name);
      case SERVER -> cloud.nova().deleteAndWait(current.cloudId(), name);
      case FLOATING_IP -> cloud.neutron().deleteFloatingIp(current.cloudId(), "floating IP " + name);
    }
  }

  private static boolean hasRule(JsonNode group, NeutronValues.RuleSpec wanted) {
    for (JsonNode rule : group.path("security_group_rules")) {
      if (NeutronValues.matches(rule, wanted)) {
        return true;
      }
    }
    return false;
  }

  /** Our rules in Neutron's terms; a rule naming its own group gets the group's new id. */
  private static List<NeutronValues.RuleSpec> rules(List<RuleSpec> rules, SecurityGroupSpec group, String groupId,
      References refs) {
    List<NeutronValues.RuleSpec> out = new ArrayList<>();
    for (RuleSpec r : rules) {
      Optional<String> remoteGroup = r.remoteGroup().map(g -> g.equals(group.id()) ? groupId : refs.require(g));
      out.add(new NeutronValues.RuleSpec("ingress", "IPv4", Optional.of(r.protocol()), Optional.of(r.portMin()),
          Optional.of(r.portMax()), r.remoteCidr(), remoteGroup, r.purpose()));
    }
    return out;
  }
}
