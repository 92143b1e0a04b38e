package dev.stackwright.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.References;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ServerSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the backend does to a server that runs, besides replacing it: Nova's rebuild in place with new user-data, and
 * its console output, where cloud-init prints the SSH host keys at first boot. Thread-safe (it holds no state).
 */
final class RunningServers {
  /**
   * The compute API microversion from which a rebuild takes {@code user_data} (2.57; {@code key_name} came in 2.54).
   * Without it Nova keeps the user-data the server was booted with.
   */
  static final String REBUILD_MICROVERSION = "2.57";
  /**
   * The console lines asked for: Nova's libvirt driver keeps only the last 100 KiB of a console log (about 1,300
   * lines of 80 characters), so 2,000 lines is all it has, and a bound for a driver that keeps more.
   */
  static final int CONSOLE_LINES = 2_000;
  /** Sends of a rebuild at most, each after a rebuild found under way (not proven ours) has ended. */
  private static final int SENDS = 3;
  /** Looks more at a server in ERROR whose fault is not written yet, before it is reported without one. */
  private static final int FAULT_LOOKS = 3;

  private final CloudClient cloud;

  RunningServers(CloudClient cloud) {
    this.cloud = cloud;
  }

  /**
   * Rebuilds {@code current} from {@code desired}'s image (the one it runs, unless {@code desired} names another),
   * user-data and keypair; it keeps its id, port and addresses. Waits until it is ACTIVE with no task, with the
   * backend's server deadline, then records {@code desired}'s digests and metadata in its Nova metadata (only then:
   * a rebuild that fails leaves the old digests, so the next plan offers it again).
   */
  Observed rebuild(String cluster, Observed current, ServerSpec desired, References refs) {
    if (current.id().kind() != ResourceKind.SERVER || !current.id().equals(desired.id())) {
      throw new IllegalArgumentException("a rebuild is of a server into itself: " + current.id() + " into "
          + desired.id());
    }
    String id = current.cloudId();
    String what = "server " + desired.name();
    JsonNode before = cloud.nova().server(id, what).orElseThrow(() -> gone(desired, id, "before its rebuild"));
    Request rebuild = Request.post(Service.COMPUTE, "/servers/" + id + "/action",
        rebuildBody(imageFor(current, desired, before), desired, refs))
        .header("OpenStack-API-Version", "compute " + REBUILD_MICROVERSION);
    for (int sends = 1; ; sends++) {
      Optional<Reply> reply = cloud.http().act(rebuild, what, () -> underway(id, what));
      if (reply.isPresent() && reply.get().status() == 404) {
        // deleted after it was looked at (Nova first answers 409 "vm_state deleted", then 404)
        throw gone(desired, id, "since it was observed");
      }
      if (reply.isPresent() && !reply.get().ok()) {
        throw CloudFailure.of(reply.get(), what, "rebuilding " + what + " (" + id + ") failed");
      }
      awaitRebuilt(id, desired);
      if (reply.isPresent()) {
        break;
      }
      if (sends == SENDS) {
        throw new BackendException(Reason.TRANSIENT, desired.id(), what + " (" + id + ") was found being rebuilt"
            + " by another request each of " + SENDS + " times its rebuild was sent; nothing says with which"
            + " user-data. Fix: apply again once no one else rebuilds it");
      }
    }
    recordDigests(cluster, id, desired, "rebuilt");
    return new Observed(desired.id(), id, desired.withoutUserData(), Map.of(Observed.Facts.STATUS, "ACTIVE"));
  }

  /** The image it runs when {@code desired} names the same one (a newer upload of that name is not taken). */
  private String imageFor(Observed current, ServerSpec desired, JsonNode server) {
    String running = server.path("image").path("id").asText("");
    boolean same = current.spec() instanceof ServerSpec s && s.image().equals(desired.image());
    return same && !running.isEmpty() ? running : cloud.lookups().image(desired.image());
  }

  /** Image, user-data (base64; null takes it away) and keypair (null takes it away), as Nova 2.57 reads them. */
  static String rebuildBody(String imageId, ServerSpec desired, References refs) {
    ObjectNode rebuild = Reply.JSON.createObjectNode();
    rebuild.put("imageRef", imageId);
    if (desired.userData().isEmpty()) {
      rebuild.putNull("user_data");
    } else {
      rebuild.put("user_data", Base64.getEncoder().encodeToString(desired.userData()
          .getBytes(StandardCharsets.UTF_8)));
    }
    Optional<String> key = desired.keypair().map(refs::require);
    if (key.isPresent()) {
      rebuild.put("key_name", key.get());
    } else {
      rebuild.putNull("key_name");
    }
    ObjectNode body = Reply.JSON.createObjectNode();
    body.set("rebuild", rebuild);
    return body.toString();
  }

  /**
   * The server when a rebuild of it is under way (its task {@code rebuilding}, {@code rebuild_spawning}...): an earlier
   * send whose answer was lost, or a dead run's with older user-data; nothing a member can read tells which, so it is
   * waited for and the rebuild sent again. With another task, or none, the rebuild is sent again at once (twice on a
   * server whose first rebuild ended already: harmless, its disk was wiped by the first).
   */
  private Optional<JsonNode> underway(String id, String what) {
    return cloud.nova().server(id, what).filter(s -> s.path("OS-EXT-STS:task_state").asText("").startsWith("rebuild"));
  }

  /**
   * Waits until the server has no task: ACTIVE is done, ERROR a {@link ServerFailedException} with Nova's fault.
   * While it rebuilds its status is REBUILD, or ERROR when it was in ERROR before, so only a server without a task
   * has ended.
   */
  private JsonNode awaitRebuilt(String id, ServerSpec desired) {
    String what = "server " + desired.name();
    Instant deadline = cloud.nova().buildDeadline();
    int errorsWithoutFault = 0;
    while (true) {
      JsonNode s = cloud.nova().server(id, what).orElseThrow(() -> gone(desired, id, "while it was being rebuilt"));
      String status = s.path("status").asText();
      boolean idle = !s.path("OS-EXT-STS:task_state").isTextual();
      if (idle && status.equals("ACTIVE")) {
        return s;
      }
      // Nova sets ERROR and writes the fault in two steps: a look in between sees no fault; look again
      if (idle && status.equals("ERROR") && (s.has("fault") || errorsWithoutFault++ >= FAULT_LOOKS)) {
        throw new ServerFailedException(what, id, Nova.fault(s) + " (while it was being rebuilt)",
            cloud.nova().consoleTail(id, desired.name(), 20));
      }
      if (cloud.nova().passed(deadline)) {
        throw new BackendException(Reason.SERVER_FAILED, desired.id(), what + " (" + id + ") is still " + status
            + (idle ? "" : " (task " + s.path("OS-EXT-STS:task_state").asText() + ")") + " " + Http.seconds(cloud.settings().serverDeadline())
            + " after its rebuild was sent, the deadline; it was not reported as rebuilt. Fix: look at it with"
            + " 'openstack server show " + id + "', or give the backend a longer serverDeadline");
      }
      cloud.nova().pauseBetweenPolls();
    }
  }

  /**
   * Replaces the server's metadata with its marker, {@code desired}'s metadata and digests: a replace, not a merge,
   * so digest items the new user-data no longer fills ({@code stackwright-f3} of an old longer list) do not stay.
   */
  void recordDigests(String cluster, String id, ServerSpec desired, String done) {
    Map<String, String> meta = new LinkedHashMap<>(desired.metadata());
    meta.putAll(DigestMetadata.encode(desired.userDataSha256(), desired.fileDigests()));
    meta.putAll(new Marker(cluster, desired.id().toString()).metadata());
    ObjectNode body = Reply.JSON.createObjectNode();
    meta.forEach(body.putObject("metadata")::put);
    String what = "the metadata of server " + desired.name();
    Reply r = cloud.http().send(Request.put(Service.COMPUTE, "/servers/" + id + "/metadata", body.toString()), what);
    if (r.status() == 404) {
      throw gone(desired, id, "once " + done + ", before its digests were recorded");
    }
    if (!r.ok()) {
      throw CloudFailure.of(r, what, "recording the digests of " + done + " server " + desired.name() + " (" + id
          + ") failed; it runs what it was given, and the next plan gives it the same again");
    }
  }

  /**
   * The last {@link #CONSOLE_LINES} lines of the server's console log; empty when Nova has none: its driver keeps
   * none (501), or the server is not running yet (409), or it has printed nothing.
   *
   * @throws BackendException {@code GONE} when the server is gone
   */
  Optional<String> consoleOutput(Observed server) {
    String what = "the console log of server " + server.spec().name();
    ObjectNode body = Reply.JSON.createObjectNode();
    body.putObject("os-getConsoleOutput").put("length", CONSOLE_LINES);
    Reply r = cloud.http().sendReading(Request.post(Service.COMPUTE, "/servers/" + server.cloudId() + "/action",
        body.toString()), what);
    if (r.ok()) {
      return Optional.of(r.json().path("output").asText("")).filter(o -> !o.isEmpty());
    }
    if (r.status() == 404 && cloud.nova().server(server.cloudId(), what).isEmpty()) {
      throw new BackendException(Reason.GONE, server.id(), "server " + server.spec().name() + " ("
          + server.cloudId() + ") is gone since it was observed, so it has no console log; plan again");
    }
    if (r.status() == 404 || r.status() == 409 || r.status() == 501) {
      return Optional.empty(); // console not available, server not ready, driver without consoles
    }
    throw CloudFailure.of(r, what, "reading " + what + " failed");
  }

  private static BackendException gone(ServerSpec desired, String id, String when) {
    return new BackendException(Reason.GONE, desired.id(), "server " + desired.name() + " (" + id + ") is gone "
        + when + "; someone deleted it. Fix: plan again, which boots it anew");
  }
}
