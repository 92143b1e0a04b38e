package dev.stackwright.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.StackwrightException;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Nova calls the backend makes: servers (ownership in their metadata, since server tags need a microversion
 * openstack4j never sends), keypairs, server groups. Waiting for a server uses our own deadline and reads the fault
 * and console log of one that failed. Thread-safe.
 */
public final class Nova {
  /** The compute API microversion that brought soft-anti-affinity. */
  public static final String SOFT_ANTI_AFFINITY_MICROVERSION = "2.15";
  /**
   * The compute API microversion from which a listed server carries its flavour's name ({@code original_name}), so
   * observation needs no flavour look-up. Older clouds answer without it, and the flavour is looked up by id.
   */
  public static final String FLAVOR_IN_SERVER_MICROVERSION = "2.47";
  /** The compute API microversion from which a keypair's name may hold {@code .} and {@code @}. */
  public static final String KEYPAIR_NAME_MICROVERSION = "2.92";
  private static final java.util.regex.Pattern OLD_KEYPAIR_NAME = java.util.regex.Pattern.compile("[-_ a-zA-Z0-9]+");

  private final Http http;
  private final Settings settings;
  private final Http.Sleeper sleeper;
  private final java.time.Clock clock;

  public Nova(Http http, Settings settings, Http.Sleeper sleeper, java.time.Clock clock) {
    this.http = http;
    this.settings = settings;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  // ---- servers ----

  /**
   * The servers of a cluster: one list request (per page of {@code limit}) with a name filter when every name of the
   * cluster starts the same, kept only when their metadata names the cluster.
   */
  public List<JsonNode> serversOf(String cluster, Optional<String> namePrefix) {
    Request r = Request.get(Service.COMPUTE, "/servers/detail")
        .header("OpenStack-API-Version", "compute " + FLAVOR_IN_SERVER_MICROVERSION);
    if (namePrefix.isPresent()) {
      r = r.with("name", "^" + regexQuote(namePrefix.get()));
    }
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode s : http.list(r, "servers", "the servers of cluster " + cluster)) {
      if (cluster.equals(s.path("metadata").path(Marker.META_CLUSTER).asText(null))) {
        out.add(s);
      }
    }
    return out;
  }

  /** The ids of the ports attached to a server, as Neutron has them ({@code device_id}). */
  public List<String> attachedPorts(String id, String what) {
    List<String> out = new ArrayList<>();
    http.getOk(Request.get(Service.COMPUTE, "/servers/" + id + "/os-interface"), "the ports of " + what)
        .path("interfaceAttachments").forEach(a -> out.add(a.path("port_id").asText()));
    return out;
  }

  /** The server, or empty once it is gone. */
  public Optional<JsonNode> server(String id, String what) {
    Reply r = http.send(Request.get(Service.COMPUTE, "/servers/" + id), what);
    if (r.status() == 404) {
      return Optional.empty();
    }
    if (!r.ok()) {
      throw CloudFailure.of(r, what, "reading " + what + " failed");
    }
    return Optional.of(r.json().path("server"));
  }

  /** What a server is booted with. */
  public record ServerSpec(String name, String flavorId, String imageId, List<String> portIds,
      Optional<String> keyName, Optional<String> userData, Optional<String> serverGroupId,
      Map<String, String> metadata) {}

  /**
   * Boots a server on pre-created ports (their security groups are theirs: Nova ignores the server's for such
   * ports). The user-data is sent base64-encoded. A boot whose answer was lost is found again by its marker, and so is
   * one refused because its port is in use by a server of ours of that name: a run killed with this very boot still on
   * its way to Nova, which carried it out after the next run looked for it.
   */
  public JsonNode boot(ServerSpec spec, Marker marker) {
    ObjectNode server = Reply.JSON.createObjectNode();
    server.put("name", spec.name()).put("flavorRef", spec.flavorId()).put("imageRef", spec.imageId());
    ArrayNode nets = server.putArray("networks");
    spec.portIds().forEach(p -> nets.addObject().put("port", p));
    spec.keyName().ifPresent(k -> server.put("key_name", k));
    spec.userData().ifPresent(u -> server.put("user_data",
        Base64.getEncoder().encodeToString(u.getBytes(StandardCharsets.UTF_8))));
    ObjectNode meta = server.putObject("metadata");
    spec.metadata().forEach(meta::put);
    marker.metadata().forEach(meta::put);
    ObjectNode body = Reply.JSON.createObjectNode();
    body.set("server", server);
    spec.serverGroupId().ifPresent(g -> body.putObject("os:scheduler_hints").put("group", g));
    String what = "server " + spec.name();
    return http.create(Request.post(Service.COMPUTE, "/servers", body.toString()), "server", what,
        () -> findByMarker(spec.name(), marker));
  }

  private Optional<JsonNode> findByMarker(String name, Marker marker) {
    return withMarker(name, marker).stream().findFirst();
  }

  /**
   * The servers named {@code name} that carry {@code marker}: one, or more when a boot reached Nova twice (a dead
   * run's boot still on its way when the next run booted the server again).
   */
  public List<JsonNode> withMarker(String name, Marker marker) {
    Request r = Request.get(Service.COMPUTE, "/servers/detail").with("name", "^" + regexQuote(name) + "$");
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode s : http.list(r, "servers", "server " + name)) {
      if (carries(s, name, marker)) {
        out.add(s);
      }
    }
    return out;
  }

  /** Whether a server has this name and this marker. */
  public static boolean carries(JsonNode server, String name, Marker marker) {
    JsonNode meta = server.path("metadata");
    return name.equals(server.path("name").asText(null))
        && marker.cluster().equals(meta.path(Marker.META_CLUSTER).asText(null))
        && marker.logicalId().equals(meta.path(Marker.META_ID).asText(null));
  }

  /**
   * One look at servers being built, by id: one GET when there is one (the server, or nothing once it is gone), else
   * one list of the cluster's servers, all of them (so waiting for 33 servers costs one request a poll, not 33). A
   * server absent from the answer is gone.
   */
  public List<JsonNode> look(String cluster, java.util.Set<String> ids) {
    if (ids.size() == 1) {
      String id = ids.iterator().next();
      return server(id, "server " + id).stream().toList();
    }
    return serversOf(cluster, Optional.empty());
  }

  /** When a server booted now must be ACTIVE. */
  public Instant buildDeadline() {
    return clock.instant().plus(settings.serverDeadline());
  }

  public boolean passed(Instant deadline) {
    return !clock.instant().isBefore(deadline);
  }

  /** The time between two looks at servers being built. */
  public void pauseBetweenPolls() {
    pause(settings.pollInterval());
  }

  /** A server still building at its deadline: an error, never a silent success. */
  public BackendException stillBuilding(String id, String name, JsonNode server) {
    return new BackendException(Reason.SERVER_FAILED, null, "server " + name + " (" + id + ") is still "
        + server.path("status").asText() + taskState(server) + " after " + Http.seconds(settings.serverDeadline())
        + ", the deadline; it was not reported as built. Fix: look at it with 'openstack server show " + id
        + "', or give the backend a longer serverDeadline");
  }

  /** Deletes a server and waits until it is gone (its ports are then free), with our own deadline. */
  public void deleteAndWait(String id, String name) {
    String what = "server " + name;
    Reply r = http.send(Request.delete(Service.COMPUTE, "/servers/" + id), what);
    if (!r.ok() && r.status() != 404) {
      throw CloudFailure.of(r, what, "deleting " + what + " failed");
    }
    Instant deadline = clock.instant().plus(settings.serverDeadline());
    while (true) {
      Optional<JsonNode> s = server(id, what);
      if (s.isEmpty() || "DELETED".equals(s.get().path("status").asText())) {
        return;
      }
      if ("ERROR".equals(s.get().path("status").asText()) && s.get().path("OS-EXT-STS:task_state").isNull()) {
        // A server in ERROR with no task is not being deleted: ask again.
        http.send(Request.delete(Service.COMPUTE, "/servers/" + id), what);
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new BackendException(Reason.TRANSIENT, null, what + " (" + id + ") is still "
            + s.get().path("status").asText()
            + taskState(s.get()) + " " + Http.seconds(settings.serverDeadline()) + " after it was deleted."
            + " Fix: look at it with 'openstack server show " + id + "'");
      }
      pause(settings.pollInterval());
    }
  }

  /** The last {@code lines} lines of the server's console log; a sentence saying why when it cannot be read. */
  public String consoleTail(String id, String name, int lines) {
    ObjectNode body = Reply.JSON.createObjectNode();
    body.putObject("os-getConsoleOutput").put("length", lines);
    try {
      Reply r = http.sendOnce(Request.post(Service.COMPUTE, "/servers/" + id + "/action", body.toString()),
          "the console log of server " + name);
      if (!r.ok()) {
        return "(no console log: HTTP " + r.status() + " " + r.errorMessage() + ")";
      }
      return r.json().path("output").asText("");
    } catch (CloudFailure e) {
      return "(no console log: " + e.getMessage() + ")";
    }
  }

  /** A server's fault as Nova reports it: code, message and the first line of its details. */
  public static String fault(JsonNode server) {
    JsonNode f = server.path("fault");
    if (f.isMissingNode() || f.isNull()) {
      return "Nova reported no fault";
    }
    String details = f.path("details").asText("");
    return f.path("code").asText("?") + " " + f.path("message").asText("")
        + (details.isEmpty() ? "" : " (" + firstLine(details) + ")");
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl) + " ...";
  }

  private static String taskState(JsonNode s) {
    JsonNode t = s.path("OS-EXT-STS:task_state");
    return t.isTextual() ? " (task " + t.asText() + ")" : "";
  }

  // ---- keypairs ----

  /** Every keypair of the user (Nova lists keypairs per user, unpaginated below microversion 2.35). */
  public List<JsonNode> keypairs() {
    List<JsonNode> out = new ArrayList<>();
    JsonNode body = http.getOk(Request.get(Service.COMPUTE, "/os-keypairs"), "keypairs");
    body.path("keypairs").forEach(k -> out.add(k.path("keypair")));
    return out;
  }

  /**
   * Imports a public key; a repeated import answers 409, then the existing key is read and compared. Below compute
   * microversion 2.92 a keypair's name holds only letters, digits, {@code -}, {@code _} and spaces, so a name with
   * another character asks for 2.92, which every cloud since Yoga speaks.
   */
  public JsonNode importKeypair(String name, String publicKey) {
    ObjectNode body = Reply.JSON.createObjectNode();
    body.putObject("keypair").put("name", name).put("public_key", publicKey);
    String what = "keypair " + name;
    Request create = Request.post(Service.COMPUTE, "/os-keypairs", body.toString());
    if (!OLD_KEYPAIR_NAME.matcher(name).matches()) {
      create = create.header("OpenStack-API-Version", "compute " + KEYPAIR_NAME_MICROVERSION);
    }
    return http.create(create, "keypair", what, () -> {
      Reply r = http.send(Request.get(Service.COMPUTE, "/os-keypairs/" + name), what);
      return r.ok() && publicKey.strip().equals(r.json().path("keypair").path("public_key").asText().strip())
          ? Optional.of(r.json().path("keypair")) : Optional.empty();
    });
  }

  public void deleteKeypair(String name) {
    String what = "keypair " + name;
    Reply r = http.send(Request.delete(Service.COMPUTE, "/os-keypairs/" + name), what);
    if (!r.ok() && r.status() != 404) {
      throw CloudFailure.of(r, what, "deleting " + what + " failed");
    }
  }

  // ---- server groups ----

  /** Every server group of the project, by pages of {@code limit} with {@code offset}. */
  public List<JsonNode> serverGroups() {
    List<JsonNode> out = new ArrayList<>();
    int limit = settings.pageSize();
    for (int offset = 0; ; offset += limit) {
      JsonNode body = http.getOk(Request.get(Service.COMPUTE, "/os-server-groups")
          .with("limit", String.valueOf(limit)).with("offset", String.valueOf(offset)), "server groups");
      JsonNode groups = body.path("server_groups");
      groups.forEach(out::add);
      if (groups.size() < limit) {
        return out;
      }
    }
  }

  /**
   * Creates a server group. {@code soft-anti-affinity} needs compute microversion 2.15, which this one request
   * sends; the others need none. A lost answer is recovered by finding the group by its name.
   */
  public JsonNode createServerGroup(String name, String policy) {
    ObjectNode body = Reply.JSON.createObjectNode();
    body.putObject("server_group").put("name", name).putArray("policies").add(policy);
    Request r = Request.post(Service.COMPUTE, "/os-server-groups", body.toString());
    if (policy.startsWith("soft-")) {
      r = r.header("X-OpenStack-Nova-API-Version", SOFT_ANTI_AFFINITY_MICROVERSION)
          .header("OpenStack-API-Version", "compute " + SOFT_ANTI_AFFINITY_MICROVERSION);
    }
    String what = "server group " + name;
    return http.create(r, "server_group", what, () -> serverGroups().stream()
        .filter(g -> name.equals(g.path("name").asText())).findFirst());
  }

  /**
   * Deletes the empty server groups that share a name with a group in {@code kept} but not its id, and returns their
   * ids: a create of the kept group whose send went unanswered, sent again, and reached Nova after all. One list.
   */
  public List<String> deleteEmptyNamesakes(java.util.Set<String> kept) {
    List<JsonNode> groups = serverGroups();
    java.util.Set<String> names = new java.util.HashSet<>();
    groups.stream().filter(g -> kept.contains(g.path("id").asText())).forEach(g -> names.add(g.path("name").asText()));
    List<String> deleted = new ArrayList<>();
    for (JsonNode g : groups) {
      String id = g.path("id").asText();
      String name = g.path("name").asText();
      if (names.contains(name) && !kept.contains(id) && g.path("members").isEmpty()) {
        deleteServerGroup(id, name);
        deleted.add(id);
      }
    }
    return deleted;
  }

  /** The policy of one server group ({@code anti-affinity}, {@code soft-anti-affinity}, ...). */
  public String serverGroupPolicy(String id) {
    return policy(http.getOk(Request.get(Service.COMPUTE, "/os-server-groups/" + id), "server group " + id)
        .path("server_group"));
  }

  public void deleteServerGroup(String id, String name) {
    String what = "server group " + name;
    Reply r = http.send(Request.delete(Service.COMPUTE, "/os-server-groups/" + id), what);
    if (!r.ok() && r.status() != 404) {
      throw CloudFailure.of(r, what, "deleting " + what + " failed");
    }
  }

  /** The policy of a group as listed: {@code policies[0]} below microversion 2.64. */
  public static String policy(JsonNode group) {
    JsonNode p = group.path("policy");
    if (p.isTextual()) {
      return p.asText();
    }
    Iterator<JsonNode> it = group.path("policies").elements();
    return it.hasNext() ? it.next().asText() : "";
  }

  /** A server's metadata as a map. */
  public static Map<String, String> metadata(JsonNode server) {
    Map<String, String> m = new LinkedHashMap<>();
    server.path("metadata").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  static String regexQuote(String s) {
    return s.replaceAll("([\\\\.\\[\\]{}()*+?^$|])", "\\\\$1");
  }

  private void pause(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackwrightException("interrupted while waiting for a server", e);
    }
  }
}
