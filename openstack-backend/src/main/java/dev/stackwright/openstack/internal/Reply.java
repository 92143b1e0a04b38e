package dev.stackwright.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One HTTP response: status, headers (names case-insensitive), body, and the request it answers. */
public final class Reply {
  static final ObjectMapper JSON = new ObjectMapper();

  private final Request request;
  private final int status;
  private final Map<String, String> headers;
  private final byte[] body;
  private volatile JsonNode json;

  public Reply(Request request, int status, Map<String, String> headers, byte[] body) {
    this.request = request;
    this.status = status;
    TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    this.headers = h;
    this.body = body.clone();
  }

  public Request request() {
    return request;
  }

  public int status() {
    return status;
  }

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** The request id OpenStack logs the request under ({@code x-openstack-request-id}, Nova's own header too). */
  public Optional<String> requestId() {
    return header("x-openstack-request-id").or(() -> header("x-compute-request-id"));
  }

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body as JSON; a missing node when it is empty or not JSON. */
  public JsonNode json() {
    JsonNode j = json;
    if (j == null) {
      try {
        j = body.length == 0 ? MissingNode.getInstance() : JSON.readTree(body);
      } catch (IOException e) {
        j = MissingNode.getInstance();
      }
      if (j == null) {
        j = MissingNode.getInstance();
      }
      json = j;
    }
    return j;
  }

  /**
   * The error message OpenStack put in the body: Neutron's {@code NeutronError.message}, Nova's
   * {@code {"conflictingRequest": {"message": ...}}}, or the text itself.
   */
  public String errorMessage() {
    JsonNode j = json();
    if (j.has("NeutronError")) {
      JsonNode e = j.get("NeutronError");
      return e.path("message").asText(e.asText());
    }
    if (j.isObject() && j.size() == 1) {
      JsonNode inner = j.elements().next();
      if (inner.has("message")) {
        return inner.get("message").asText();
      }
    }
    if (j.has("message")) {
      return j.get("message").asText();
    }
    if (j.has("error") && j.get("error").has("message")) {
      return j.get("error").get("message").asText();
    }
    String t = text().strip();
    return t.length() > 300 ? t.substring(0, 300) + "..." : t;
  }

  /** Neutron's error type, such as {@code IpAddressAlreadyAllocated}; empty for other services. */
  public Optional<String> errorType() {
    JsonNode t = json().path("NeutronError").path("type");
    return t.isTextual() ? Optional.of(t.asText()) : Optional.empty();
  }

  @Override
  public String toString() {
    return request + " -> " + status + requestId().map(id -> " (" + id + ")").orElse("")
        + (ok() ? "" : ": " + errorMessage());
  }
}
