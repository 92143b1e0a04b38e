package dev.stackwright.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.openstack.internal.NeutronValues.FixedIp;
import dev.stackwright.openstack.internal.NeutronValues.NewGroup;
import dev.stackwright.openstack.internal.NeutronValues.NewPort;
import dev.stackwright.openstack.internal.NeutronValues.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Neutron calls the backend makes: ports, security groups and their rules, floating IPs, and the tags that mark
 * them as ours. Lists are filtered by the cluster's tag (security groups: by tag or marker; one request per kind,
 * whatever the cluster's size); a create carries the ownership marker in its description and then gets its tags.
 * Thread-safe.
 */
public final class Neutron {
  private final Http http;
  private final TagsOnCreate tagsOnCreate;

  public Neutron(Http http) {
    this.http = http;
    this.tagsOnCreate = new TagsOnCreate(http);
  }

  // ---- lists, by the cluster's tag ----

  public List<JsonNode> portsOf(String cluster) {
    return http.list(Request.get(Service.NETWORK, "/ports").with("tags", Marker.clusterTag(cluster)), "ports",
        "the ports of cluster " + cluster);
  }

  /**
   * Security groups with their rules inside: those of the project that carry the cluster's tag or its marker in
   * their description. Unlike the other kinds, not filtered by tag on Neutron's side: Neutron takes two groups of one
   * name, so a create that reached it only after its maker had given up and made the group again leaves a second
   * group that was never tagged; seen by its marker, the plan deletes it as a duplicate. Still one request (more
   * only past a page), whatever the cluster's size; what it carries grows with the project's other groups.
   */
  public List<JsonNode> securityGroupsOf(String cluster) {
    String tag = Marker.clusterTag(cluster);
    List<JsonNode> all = http.list(Request.get(Service.NETWORK, "/security-groups").with("project_id",
        http.session().projectId()), "security_groups", "the security groups of cluster " + cluster);
    return all.stream().filter(g -> NeutronValues.hasTags(g, List.of(tag))
        || Marker.fromDescription(g.path("description").asText(null)).filter(m -> m.cluster().equals(cluster))
            .isPresent()).toList();
  }

  public List<JsonNode> floatingIpsOf(String cluster) {
    return http.list(Request.get(Service.NETWORK, "/floatingips").with("tags", Marker.clusterTag(cluster)),
        "floatingips", "the floating IPs of cluster " + cluster);
  }

  /** The resources of a collection that carry this marker in their description: how a lost create is found. */
  public Optional<JsonNode> findByMarker(String path, String collection, Marker marker) {
    return findByMarker(path, collection, marker, marker.description());
  }

  /** Like {@link #findByMarker(String, String, Marker)} for a resource whose description holds more than the marker. */
  private Optional<JsonNode> findByMarker(String path, String collection, Marker marker, String description) {
    List<JsonNode> found = http.list(Request.get(Service.NETWORK, path).with("description", description),
        collection, collection + " marked " + marker.logicalId());
    return found.stream().filter(n -> description.equals(n.path("description").asText())).findFirst();
  }

  // ---- ports ----

  public JsonNode createPort(String name, String networkId, List<FixedIp> fixedIps, List<String> securityGroupIds,
      Marker marker) {
    ObjectNode port = Reply.JSON.createObjectNode();
    port.put("name", name).put("network_id", networkId).put("admin_state_up", true)
        .put("description", marker.description());
    ArrayNode ips = port.putArray("fixed_ips");
    for (FixedIp ip : fixedIps) {
      ips.addObject().put("subnet_id", ip.subnetId()).put("ip_address", ip.address());
    }
    ArrayNode sgs = port.putArray("security_groups");
    securityGroupIds.forEach(sgs::add);
    return createTagged("/ports", "port", "ports", port, "port " + name, marker);
  }

  /**
   * Creates several ports in one request (Neutron's bulk create, one transaction: all are made or none). Returns
   * them in the order asked; without the {@code tag-creation} extension they still need their tags
   * ({@link #tagPort}). A lost answer is recovered by one list of the ports carrying these
   * markers; only when every one is there is that the result, otherwise the request fails and the caller falls back
   * to one create per port (see {@link #portsMarked}).
   */
  public List<JsonNode> createPorts(List<NewPort> ports) {
    boolean inline = tagsOnCreate.taken();
    ObjectNode body = Reply.JSON.createObjectNode();
    ArrayNode list = body.putArray("ports");
    for (NewPort p : ports) {
      ObjectNode port = list.addObject();
      port.put("name", p.name()).put("network_id", p.networkId()).put("admin_state_up", true)
          .put("description", p.marker().description());
      ArrayNode ips = port.putArray("fixed_ips");
      for (FixedIp ip : p.fixedIps()) {
        ips.addObject().put("subnet_id", ip.subnetId()).put("ip_address", ip.address());
      }
      ArrayNode sgs = port.putArray("security_groups");
      p.securityGroupIds().forEach(sgs::add);
      if (inline) {
        ArrayNode tags = port.putArray("tags");
        p.marker().tags().forEach(tags::add);
      }
    }
    String what = ports.size() + " ports (" + ports.get(0).name() + (ports.size() > 1 ? " ... "
        + ports.get(ports.size() - 1).name() : "") + ")";
    JsonNode created = http.create(Request.post(Service.NETWORK, "/ports", body.toString()), "ports", what,
        () -> all(portsMarked(ports)));
    if (created.size() != ports.size()) {
      throw new IllegalStateException("Neutron answered a bulk create of " + ports.size() + " ports with "
          + created.size());
    }
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      NewPort p = ports.get(i);
      JsonNode port = created.get(i);
      if (!p.marker().description().equals(port.path("description").asText())) {
        throw new IllegalStateException("Neutron answered a bulk create out of order: port " + i + " is "
            + port.path("name").asText() + ", not " + p.name());
      }
      out.add(port);
    }
    return out;
  }

  /** Gives a port made by {@link #createPorts} its marker's tags, unless it has them already. */
  public void tagPort(JsonNode port, NewPort asked) {
    tagIfUntagged("/ports", port, asked.marker(), "port " + asked.name());
  }

  /** Gives a resource of {@code collectionPath} made in bulk its marker's tags, unless it has them already. */
  public void tagIfUntagged(String collectionPath, JsonNode resource, Marker marker, String what) {
    if (!NeutronValues.hasTags(resource, marker)) {
      setTags(collectionPath, resource.path("id").asText(), marker.tags(), what);
    }
  }

  /**
   * The ports that hold any of these addresses now (on any network we can see): one list request, whatever the
   * number.
   */
  public List<JsonNode> portsHolding(List<String> addresses) {
    Request r = Request.get(Service.NETWORK, "/ports");
    for (String a : addresses) {
      r = r.with("fixed_ips", "ip_address=" + a);
    }
    return http.list(r, "ports", addresses.size() + " addresses");
  }

  /** For each port, the one already carrying its marker, if any: one list request, whatever the number. */
  public List<Optional<JsonNode>> portsMarked(List<NewPort> ports) {
    Request r = Request.get(Service.NETWORK, "/ports");
    for (NewPort p : ports) {
      r = r.with("description", p.marker().description());
    }
    List<JsonNode> found = http.list(r, "ports", ports.size() + " ports by their markers");
    List<Optional<JsonNode>> out = new ArrayList<>();
    for (NewPort p : ports) {
      out.add(found.stream().filter(n -> p.marker().description().equals(n.path("description").asText()))
          .findFirst());
    }
    return out;
  }

  /** Sets a port's fixed addresses and security groups in one update. */
  public JsonNode updatePort(String id, String name, Optional<List<FixedIp>> fixedIps,
      Optional<List<String>> securityGroupIds) {
    ObjectNode port = Reply.JSON.createObjectNode();
    fixedIps.ifPresent(list -> {
      ArrayNode ips = port.putArray("fixed_ips");
      for (FixedIp ip : list) {
        ips.addObject().put("subnet_id", ip.subnetId()).put("ip_address", ip.address());
      }
    });
    securityGroupIds.ifPresent(list -> {
      ArrayNode sgs = port.putArray("security_groups");
      list.forEach(sgs::add);
    });
    return update("/ports/" + id, "port", port, "port " + name);
  }

  public void deletePort(String id, String name) {
    delete("/ports/" + id, "port " + name);
  }

  // ---- security groups ----

  public JsonNode createSecurityGroup(String name, Marker marker) {
    return createSecurityGroup(name, marker, "");
  }

  /** A security group whose description holds the marker, then {@code text}, a person's description of it. */
  public JsonNode createSecurityGroup(String name, Marker marker, String text) {
    ObjectNode sg = Reply.JSON.createObjectNode();
    sg.put("name", name).put("description", marker.description(text));
    return createTagged("/security-groups", "security_group", "security_groups", sg, "security group " + name,
        marker);
  }

  /** For each group, the one already carrying its marker (made by a run that died), if any: one list request. */
  public List<Optional<JsonNode>> securityGroupsMarked(List<NewGroup> groups) {
    Request r = Request.get(Service.NETWORK, "/security-groups");
    for (NewGroup g : groups) {
      r = r.with("description", g.description());
    }
    List<JsonNode> found = http.list(r, "security_groups", groups.size() + " security groups by their markers");
    return groups.stream().map(g -> found.stream().filter(n -> g.description().equals(n.path("description")
        .asText())).findFirst()).toList();
  }

  /**
   * Creates several security groups in one request (Neutron's bulk create), in the order asked; they still need
   * their tags ({@link #setTags}: Neutron takes no tags on a group's create). A lost answer is recovered by one list
   * of the groups carrying these markers, when every one is there; otherwise the request fails and the caller makes
   * each alone.
   */
  public List<JsonNode> createSecurityGroups(List<NewGroup> groups) {
    ObjectNode body = Reply.JSON.createObjectNode();
    ArrayNode list = body.putArray("security_groups");
    groups.forEach(g -> list.addObject().put("name", g.name()).put("description", g.description()));
    String what = groups.size() + " security groups (" + String.join(", ", groups.stream().map(NewGroup::name)
        .toList()) + ")";
    JsonNode created = http.create(Request.post(Service.NETWORK, "/security-groups", body.toString()),
        "security_groups", what, () -> all(securityGroupsMarked(groups)));
    List<JsonNode> out = new ArrayList<>();
    created.forEach(out::add);
    for (int i = 0; i < groups.size(); i++) {
      if (i >= out.size() || !groups.get(i).description().equals(out.get(i).path("description").asText())) {
        throw new IllegalStateException("Neutron answered a bulk create of " + groups.size() + " security groups"
            + " with " + out.size() + ", or out of order (at " + i + ")");
      }
    }
    return out;
  }

  /** The groups with these ids, with their rules: one list request, whatever the number. */
  public List<JsonNode> securityGroups(List<String> ids) {
    Request r = Request.get(Service.NETWORK, "/security-groups");
    for (String id : ids) {
      r = r.with("id", id);
    }
    return http.list(r, "security_groups", ids.size() + " security groups");
  }

  /**
   * Creates several rules of one group in one request (Neutron's bulk create: all are made or none; it takes the rules
   * of one group per request); returns them as created. A rule is unique in its group, so a lost answer is recovered
   * by reading the group's rules.
   */
  public List<JsonNode> createRules(String groupId, String groupName, List<RuleSpec> rules) {
    if (rules.isEmpty()) {
      return List.of();
    }
    ObjectNode body = Reply.JSON.createObjectNode();
    ArrayNode list = body.putArray("security_group_rules");
    for (RuleSpec r : rules) {
      ObjectNode n = list.addObject();
      n.put("security_group_id", groupId).put("direction", r.direction()).put("ethertype", r.ethertype());
      r.protocol().ifPresent(p -> n.put("protocol", p));
      r.portMin().ifPresent(p -> n.put("port_range_min", p));
      r.portMax().ifPresent(p -> n.put("port_range_max", p));
      r.remoteIpPrefix().ifPresent(p -> n.put("remote_ip_prefix", p));
      r.remoteGroupId().ifPresent(p -> n.put("remote_group_id", p));
      if (!r.description().isEmpty()) {
        n.put("description", r.description().length() <= 255 ? r.description() : r.description().substring(0, 255));
      }
    }
    String what = rules.size() + " rule" + (rules.size() == 1 ? "" : "s") + " of security group " + groupName;
    JsonNode created = http.create(Request.post(Service.NETWORK, "/security-group-rules", body.toString()),
        "security_group_rules", what, () -> {
          JsonNode group = http.getOk(Request.get(Service.NETWORK, "/security-groups/" + groupId),
              "security group " + groupName).path("security_group");
          return all(rules.stream().map(spec -> java.util.stream.StreamSupport.stream(
              group.path("security_group_rules").spliterator(), false).filter(rule -> NeutronValues.matches(rule, spec))
              .findFirst()).toList());
        });
    List<JsonNode> out = new ArrayList<>();
    created.forEach(out::add);
    return out;
  }

  /** All of them as one array, or none when one is missing. */
  private static Optional<JsonNode> all(List<Optional<JsonNode>> found) {
    if (found.stream().anyMatch(Optional::isEmpty)) {
      return Optional.empty();
    }
    ArrayNode a = Reply.JSON.createArrayNode();
    found.forEach(f -> a.add(f.get()));
    return Optional.of(a);
  }

  public void deleteRule(String ruleId, String groupName) {
    delete("/security-group-rules/" + ruleId, "a rule of security group " + groupName);
  }

  /** Deletes a group; a group still used by a port (ours or not) is a 409 conflict, reported as such. */
  public void deleteSecurityGroup(String id, String name) {
    delete("/security-groups/" + id, "security group " + name);
  }

  // ---- floating IPs ----

  public JsonNode createFloatingIp(String externalNetworkId, String portId, String fixedIp, Marker marker,
      String what) {
    ObjectNode fip = Reply.JSON.createObjectNode();
    fip.put("floating_network_id", externalNetworkId).put("port_id", portId).put("fixed_ip_address", fixedIp)
        .put("description", marker.description());
    return createTagged("/floatingips", "floatingip", "floatingips", fip, what, marker);
  }

  public JsonNode associateFloatingIp(String id, String portId, String fixedIp, String what) {
    ObjectNode fip = Reply.JSON.createObjectNode();
    fip.put("port_id", portId).put("fixed_ip_address", fixedIp);
    return update("/floatingips/" + id, "floatingip", fip, what);
  }

  public void deleteFloatingIp(String id, String what) {
    delete("/floatingips/" + id, what);
  }

  // ---- common ----

  /**
   * Creates with the marker in the description, then tags. When Neutron takes tags on create (the
   * {@code tag-creation} extension) they go in the same request; otherwise a PUT follows.
   */
  JsonNode createTagged(String path, String key, String collection, ObjectNode object, String what,
      Marker marker) {
    boolean inline = tagsOnCreate.taken();
    if (inline) {
      ArrayNode tags = object.putArray("tags");
      marker.tags().forEach(tags::add);
    }
    ObjectNode body = Reply.JSON.createObjectNode();
    body.set(key, object);
    String description = object.path("description").asText(marker.description());
    java.util.function.Supplier<Optional<JsonNode>> lookup = () -> findByMarker(path, collection, marker, description);
    JsonNode created = null;
    if (namesMayRepeat(path)) {
      // Neutron takes two security groups of one name: a group made by a run that died before tagging it is
      // invisible to observation (it lists by tag), so look for the marker first, or it would stay as an orphan.
      created = lookup.get().orElse(null);
    }
    if (created == null) {
      // A port whose addresses are taken (IpAddressAlreadyAllocated), a floating IP whose port has one: when the
      // holder carries our marker, a run died between making it and tagging it, and create adopts it.
      created = http.create(Request.post(Service.NETWORK, path, body.toString()), key, what, lookup);
    }
    if (!inline || !NeutronValues.hasTags(created, marker)) {
      setTags(path, created.path("id").asText(), marker.tags(), what);
    }
    return created;
  }

  /**
   * Collections whose creates Neutron never refuses as a conflict with an earlier one (a second network or router
   * of one name; a second subnet is refused, but as overlapping the first, which its maker would not recognise).
   */
  private static boolean namesMayRepeat(String path) {
    return java.util.Set.of("/security-groups", "/networks", "/subnets", "/routers").contains(path);
  }

  /** Replaces a resource's tags. */
  public void setTags(String collectionPath, String id, List<String> tags, String what) {
    ObjectNode body = Reply.JSON.createObjectNode();
    ArrayNode t = body.putArray("tags");
    tags.forEach(t::add);
    Reply r = http.send(Request.put(Service.NETWORK, collectionPath + "/" + id + "/tags", body.toString()),
        "the tags of " + what);
    if (!r.ok()) {
      throw CloudFailure.of(r, what, "tagging " + what + " failed");
    }
  }

  JsonNode update(String path, String key, ObjectNode object, String what) {
    ObjectNode body = Reply.JSON.createObjectNode();
    body.set(key, object);
    Reply r = http.send(Request.put(Service.NETWORK, path, body.toString()), what);
    if (!r.ok()) {
      throw CloudFailure.of(r, what, "updating " + what + " failed");
    }
    return r.json().path(key);
  }

  /** Deletes; a 404 means it is already gone, which is what was wanted. */
  void delete(String path, String what) {
    Reply r = http.send(Request.delete(Service.NETWORK, path), what);
    if (!r.ok() && r.status() != 404) {
      throw CloudFailure.of(r, what, "deleting " + what + " failed");
    }
  }

}
