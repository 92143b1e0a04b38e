package dev.stackwright.openstack.internal;

import dev.stackwright.StackwrightException;
import java.util.Optional;
import org.openstack4j.api.exceptions.ConnectionException;
import org.openstack4j.api.exceptions.OS4JException;
import org.openstack4j.api.exceptions.RegionEndpointNotFoundException;

/**
 * A request the cloud refused or never answered: what was being done to which resource, the HTTP status (0 when no
 * answer came), OpenStack's request id to find it in the service's log, and the request.
 */
public class CloudFailure extends StackwrightException {
  private static final long serialVersionUID = 1L;

  private final String resource;
  private final int status;
  private final String requestId;
  private final String request;
  private final boolean transientConnection;

  CloudFailure(String resource, String message, int status, String requestId, String request, Throwable cause) {
    this(resource, message, status, requestId, request, cause, false);
  }

  private CloudFailure(String resource, String message, int status, String requestId, String request,
      Throwable cause, boolean transientConnection) {
    super(message, cause);
    this.resource = resource;
    this.status = status;
    this.requestId = requestId;
    this.request = request;
    this.transientConnection = transientConnection;
  }

  /** A failed reply: "{what}: HTTP 409 Conflict (IpAddressAlreadyAllocated) ... [request req-..., POST ...]". */
  public static CloudFailure of(Reply reply, String resource, String what) {
    String type = reply.errorType().map(t -> " (" + t + ")").orElse("");
    String msg = what + ": HTTP " + reply.status() + type + ": " + reply.errorMessage()
        + " [" + reply.request() + reply.requestId().map(id -> ", request id " + id).orElse("") + "]";
    return new CloudFailure(resource, msg, reply.status(), reply.requestId().orElse(null),
        reply.request().toString(), null);
  }

  static CloudFailure connection(Request r, String resource, ConnectionException e) {
    return new CloudFailure(resource, "no answer to " + r + " for " + resource + ": "
        + Session.rootMessage(e), 0, null, r.toString(), e, true);
  }

  static CloudFailure noEndpoint(Request r, String resource, String region, RegionEndpointNotFoundException e) {
    return new CloudFailure(resource, "the cloud's catalogue has no " + r.service().label()
        + " endpoint in region " + region + " (needed for " + resource + "). Fix: set OS_REGION_NAME to a region"
        + " that offers it, or OS_INTERFACE to an interface it has", 0, null, r.toString(), e);
  }

  static CloudFailure client(Request r, String resource, OS4JException e) {
    return new CloudFailure(resource, "openstack4j failed on " + r + " for " + resource + ": " + e, 0, null,
        r.toString(), e);
  }

  /** The same failure with a sentence added, such as how many retries were made. */
  CloudFailure withDetail(String detail) {
    CloudFailure f = new CloudFailure(resource, getMessage() + "; " + detail, status, requestId, request,
        getCause(), transientConnection);
    f.setStackTrace(getStackTrace());
    return f;
  }

  /** The resource the request was about, such as {@code port port.10.01_webserver-1}. */
  public String resource() {
    return resource;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** {@code POST network /ports}. */
  public Optional<String> request() {
    return Optional.ofNullable(request);
  }

  /** True when no answer came at all (reset, refused, timed out), which is worth a retry. */
  boolean transientConnection() {
    return transientConnection;
  }
}
