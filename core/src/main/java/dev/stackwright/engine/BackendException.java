package dev.stackwright.engine;

import dev.stackwright.StackwrightException;
import java.util.Optional;

/**
 * A backend could not do what it was asked. It names the resource, why (as a {@link Reason} the engine acts on), and
 * when the cloud gave them, the HTTP status and request id to quote to the cloud's operators.
 */
public class BackendException extends StackwrightException {
  private static final long serialVersionUID = 1L;

  /** Why, in the terms the engine acts on. */
  public enum Reason {
    /** Something we refer to does not exist (a network, flavour or image by name; one of our resources). */
    NOT_FOUND,
    /** One of our own resources must exist first. */
    DEPENDENCY,
    /** The cloud refuses because of the state of something (an address in use; a group still in use). */
    CONFLICT,
    /** A quota would be exceeded. */
    QUOTA,
    /** Worth trying again later: the cloud was busy or unreachable and the retry budget is spent. */
    TRANSIENT,
    /** A server went to ERROR or did not become ACTIVE in time. */
    SERVER_FAILED,
    /** Anything else the cloud refused. */
    REFUSED
  }

  private final Reason reason;
  private final transient ResourceId resource;
  private final Integer status;
  private final String requestId;

  public BackendException(Reason reason, ResourceId resource, String message) {
    this(reason, resource, message, null, null, null);
  }

  public BackendException(Reason reason, ResourceId resource, String message, Integer status, String requestId,
      Throwable cause) {
    super(message(resource, message, status, requestId), cause);
    this.reason = reason;
    this.resource = resource;
    this.status = status;
    this.requestId = requestId;
  }

  private static String message(ResourceId resource, String message, Integer status, String requestId) {
    StringBuilder b = new StringBuilder();
    if (resource != null) {
      b.append(resource).append(": ");
    }
    b.append(message);
    if (status != null) {
      b.append(" (HTTP ").append(status);
      if (requestId != null) {
        b.append(", request ").append(requestId);
      }
      b.append(')');
    }
    return b.toString();
  }

  public Reason reason() {
    return reason;
  }

  public Optional<ResourceId> resource() {
    return Optional.ofNullable(resource);
  }

  public Optional<Integer> status() {
    return Optional.ofNullable(status);
  }

  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }
}
