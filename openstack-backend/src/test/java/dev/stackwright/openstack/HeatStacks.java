package dev.stackwright.openstack;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.openstack.internal.Http;
import dev.stackwright.openstack.internal.Reply;
import dev.stackwright.openstack.internal.Request;
import dev.stackwright.openstack.internal.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Heat's REST API as the tests need it, on the backend's HTTP client (the token, retries and errors of the
 * backend's own calls): a stack created from a template, waited for, its resources' cloud ids, deleted and waited
 * for. Every wait is bounded in time, polling every 2 s.
 */
final class HeatStacks {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofSeconds(2);
  private final Http http;

  private HeatStacks(Http http) {
    this.http = http;
  }

  /**
   * Heat on the cloud of {@code cloud}, or the test is skipped (failed under CI, where Heat must run) when the cloud's
   * catalogue has none.
   */
  static HeatStacks on(OpenStackBackend cloud) {
    HeatStacks heat = new HeatStacks(cloud.client().http());
    try {
      heat.named("no-such-stack");
    } catch (RuntimeException e) {
      String why = "No Heat on the cloud (" + e.getMessage() + "). The loopback cloud's up.sh starts it; alone:"
          + " bash openstack-backend/cloud/heat-up.sh (as root)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why + ". Under CI (CI=true) this test must run, so this is a failure, not a skip.");
      }
      Assumptions.abort(why);
    }
    return heat;
  }

  /**
   * The stacks of this name, ids and states (a killed run may have left one, or more), without those deleted: Heat
   * lists a deleted stack as DELETE_COMPLETE for a moment.
   */
  List<JsonNode> named(String name) {
    return http.list(Request.get(Service.ORCHESTRATION, "/stacks").with("name", name), "stacks", "stacks " + name)
        .stream().filter(s -> !s.path("stack_status").asText().equals("DELETE_COMPLETE")).toList();
  }

  /** Creates the stack (no rollback, so a failure leaves its resources to look at) and returns its id. */
  String create(String name, String template, Map<String, String> parameters, Duration timeout) {
    ObjectNode body = JSON.createObjectNode().put("stack_name", name).put("template", template)
        .put("timeout_mins", Math.max(1, timeout.toMinutes())).put("disable_rollback", true);
    ObjectNode params = body.putObject("parameters");
    parameters.forEach(params::put);
    JsonNode made = http.create(Request.post(Service.ORCHESTRATION, "/stacks", body.toString()), "stack",
        "stack " + name, () -> named(name).stream().findFirst());
    return made.path("id").asText();
  }

  /** Waits until the stack leaves {@code *_IN_PROGRESS}; returns it (status, reason, outputs). */
  JsonNode await(String name, String id, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      JsonNode stack = show(name, id).orElseThrow(() -> new AssertionError("stack " + name + " is gone"));
      if (!stack.path("stack_status").asText().endsWith("_IN_PROGRESS")) {
        return stack;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("stack " + name + " still " + stack.path("stack_status").asText() + " after "
            + timeout.toSeconds() + " s");
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  Optional<JsonNode> show(String name, String id) {
    Reply r = http.send(Request.get(Service.ORCHESTRATION, "/stacks/" + name + "/" + id), "stack " + name);
    if (r.status() == 404) {
      return Optional.empty();
    }
    if (!r.ok()) {
      throw new AssertionError("reading stack " + name + ": HTTP " + r.status() + " " + r.errorMessage());
    }
    return Optional.of(r.json().path("stack"));
  }

  /** Each resource of the stack by its name in the template: its type and its id in the cloud. */
  Map<String, JsonNode> resources(String name, String id) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    http.getOk(Request.get(Service.ORCHESTRATION, "/stacks/" + name + "/" + id + "/resources"), "resources of "
        + name).path("resources").forEach(r -> byName.put(r.path("resource_name").asText(), r));
    return byName;
  }

  /** Deletes the stack and waits until Heat has deleted every resource of it; fails when Heat could not. */
  void delete(String name, String id, Duration timeout) throws InterruptedException {
    Reply r = http.send(Request.delete(Service.ORCHESTRATION, "/stacks/" + name + "/" + id), "stack " + name);
    if (!r.ok() && r.status() != 404) {
      throw new AssertionError("deleting stack " + name + ": HTTP " + r.status() + " " + r.errorMessage());
    }
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Optional<JsonNode> stack = show(name, id);
      String status = stack.map(s -> s.path("stack_status").asText()).orElse("DELETE_COMPLETE");
      if (status.equals("DELETE_COMPLETE")) {
        return;
      }
      if (status.equals("DELETE_FAILED")) {
        throw new AssertionError("stack " + name + " could not be deleted: "
            + stack.get().path("stack_status_reason").asText());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("stack " + name + " still " + status + " after " + timeout.toSeconds() + " s");
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
