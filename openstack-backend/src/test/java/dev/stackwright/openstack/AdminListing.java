package dev.stackwright.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.spi.OwnedNames;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.openstack.internal.Http;
import dev.stackwright.openstack.internal.Marker;
import dev.stackwright.openstack.internal.Request;
import dev.stackwright.openstack.internal.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;

/**
 * What the cloud's administrator sees of a cluster, across all projects, without going through stackwright's own
 * observation (which finds only what carries its tags): servers whose metadata names the cluster, every port on the
 * cluster's own network, security groups, keypairs and server groups whose names or descriptions carry the cluster's
 * name. Compared with what the model wants, it counts duplicates (a name more than once) and orphans (a name the
 * model does not want, or a resource our observation cannot see): how a test proves that faults and crashes left
 * nothing behind. The admin credentials come from the openrc file {@code STACKWRIGHT_CLOUD_ADMIN_RC} names.
 */
final class AdminListing {
  static final String ADMIN_RC_VARIABLE = "STACKWRIGHT_CLOUD_ADMIN_RC";

  private final Http admin;
  private final String userId;

  /** @param userId the user whose keypairs are listed (keypairs belong to a user, not a project) */
  private AdminListing(Http admin, String userId) {
    this.admin = admin;
    this.userId = userId;
  }

  /** The listing as the administrator, for the keypairs of the user {@code owner} signs in as. */
  static AdminListing of(OpenStackBackend owner) {
    String rc = System.getenv().getOrDefault(ADMIN_RC_VARIABLE, "/var/lib/stackwright-cloud/admin-openrc");
    if (!Files.isReadable(Path.of(rc))) {
      Assertions.fail(ADMIN_RC_VARIABLE + "=" + rc + " is not a readable file: the duplicate and orphan counts need"
          + " the cloud's admin openrc (the loopback cloud writes /var/lib/stackwright-cloud/admin-openrc)");
    }
    OpenStackBackend backend = OpenStackBackend.builder().credentials(OpenStackCredentials.fromOpenrc(Path.of(rc)))
        .build();
    String user = owner.client().http().session().currentToken().getUser().getId();
    return new AdminListing(backend.client().http(), user);
  }

  /** How many hypervisors the cloud has: how many servers a strict anti-affinity group can place. */
  int hypervisors() {
    return admin.getOk(Request.get(Service.COMPUTE, "/os-hypervisors"), "hypervisors").path("hypervisors").size();
  }

  /** One kind's names, as listed (a name twice when there are two). */
  record Seen(Map<ResourceKind, List<String>> names) {
    int total() {
      return names.values().stream().mapToInt(List::size).sum();
    }

    /** How many resources beyond the first carry the same name. */
    int duplicates() {
      int n = 0;
      for (List<String> list : names.values()) {
        n += list.size() - (int) list.stream().distinct().count();
      }
      return n;
    }

    /** The names the model does not want, per kind. */
    Map<ResourceKind, List<String>> orphans(List<ResourceSpec> wanted) {
      Map<ResourceKind, List<String>> out = new EnumMap<>(ResourceKind.class);
      names.forEach((kind, list) -> {
        List<String> extra = list.stream().filter(n -> wanted.stream().noneMatch(w -> w.id().kind() == kind
            && w.name().equals(n))).distinct().toList();
        if (!extra.isEmpty()) {
          out.put(kind, extra);
        }
      });
      return out;
    }

    @Override
    public String toString() {
      return names.entrySet().stream().map(e -> e.getKey().id() + "s " + e.getValue().stream().sorted().toList())
          .collect(Collectors.joining("; "));
    }
  }

  /**
   * Everything of {@code cluster}: servers by their metadata, ports on {@code networkId} (the cluster's own network,
   * so a port that lost its tags is counted too; not its router's), floating IPs by their description marker (named
   * {@code fip-<node>}, as the model names them), security groups by the name or description marker, keypairs and
   * server groups by their marked names.
   */
  Seen of(String cluster, String networkId) {
    Map<ResourceKind, List<String>> names = new TreeMap<>();
    List<String> servers = new ArrayList<>();
    for (JsonNode s : admin.list(Request.get(Service.COMPUTE, "/servers/detail").with("all_tenants", "1"),
        "servers", "all servers")) {
      if (cluster.equals(s.path("metadata").path(Marker.META_CLUSTER).asText(null))) {
        servers.add(s.path("name").asText());
      }
    }
    names.put(ResourceKind.SERVER, servers);
    List<String> ports = new ArrayList<>();
    for (JsonNode p : admin.list(Request.get(Service.NETWORK, "/ports").with("network_id", networkId), "ports",
        "the ports of the cluster's network")) {
      if (!p.path("device_owner").asText().startsWith("network:")) {   // not the network's router's
        ports.add(p.path("name").asText());
      }
    }
    names.put(ResourceKind.PORT, ports);
    List<String> floatingIps = new ArrayList<>();
    for (JsonNode f : admin.list(Request.get(Service.NETWORK, "/floatingips"), "floatingips",
        "all floating IPs")) {
      Marker.fromDescription(f.path("description").asText()).filter(m -> m.cluster().equals(cluster))
          .ifPresent(m -> floatingIps.add("fip-" + ResourceId.parse(m.logicalId()).key()));
    }
    names.put(ResourceKind.FLOATING_IP, floatingIps);
    List<String> groups = new ArrayList<>();
    for (JsonNode g : admin.list(Request.get(Service.NETWORK, "/security-groups"), "security_groups",
        "all security groups")) {
      String name = g.path("name").asText();
      if (name.startsWith(cluster + "-") || g.path("description").asText().contains("cluster=" + cluster + " ")) {
        groups.add(name);
      }
    }
    names.put(ResourceKind.SECURITY_GROUP, groups);
    java.util.function.Predicate<String> marked = name -> OwnedNames.mayBeOf(cluster, name);
    List<String> keypairs = new ArrayList<>();
    JsonNode kp = admin.getOk(Request.get(Service.COMPUTE, "/os-keypairs").with("user_id", userId)
        .header("OpenStack-API-Version", "compute 2.10"), "the keypairs of user " + userId);
    kp.path("keypairs").forEach(k -> {
      String name = k.path("keypair").path("name").asText();
      if (marked.test(name)) {
        keypairs.add(name);
      }
    });
    names.put(ResourceKind.KEYPAIR, keypairs);
    List<String> serverGroups = new ArrayList<>();
    JsonNode sg = admin.getOk(Request.get(Service.COMPUTE, "/os-server-groups").with("all_projects", "true")
        .with("limit", "1000"), "all server groups");
    sg.path("server_groups").forEach(g -> {
      if (marked.test(g.path("name").asText())) {
        serverGroups.add(g.path("name").asText());
      }
    });
    names.put(ResourceKind.SERVER_GROUP, serverGroups);
    return new Seen(names);
  }
}
