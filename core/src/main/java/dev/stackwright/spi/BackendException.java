package dev.stackwright.spi;

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
    /** Something the model names does not exist in the cloud (a network, flavour or image by name). */
    NOT_FOUND,
    /** One of our own resources disappeared while we worked on it (someone deleted it): the next plan makes it again. */
    GONE,
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
    /**
     * No hypervisor can take a server (Nova's "No valid host was found"), after the backend's own retries: its strict
     * anti-affinity group has more servers than the cloud has hypervisors, or they are full.
     */
    NO_HOST,
    /** Anything else the cloud refused, such as an invalid request. */
    REFUSED,
    /** A running server could not be reached to change it (no route, no SSH, login refused): nothing was changed. */
    UNREACHABLE,
    /**
     * A running server presented an SSH host key that is not one it printed at first boot (or the cluster's
     * known-hosts file holds): nothing was sent to it. Someone may be in the middle; a person must look.
     */
    HOST_KEY,
    /** A command or health check failed on a running server; its old files were put back. */
    NODE_FAILED;

    /**
     * Whether applying again can fix it with nothing else changed: the cloud was busy, a resource went missing and is
     * made again, a server failed to build and is replaced. A quota, a server with no place, a name the cloud does
     * not have, a conflict with what others hold and a refused request fail again the same way.
     */
    public boolean fixedByApplyingAgain() {
      return switch (this) {
        case TRANSIENT, DEPENDENCY, GONE, SERVER_FAILED, UNREACHABLE -> true;
        case NOT_FOUND, CONFLICT, QUOTA, NO_HOST, REFUSED, HOST_KEY, NODE_FAILED -> false;
      };
    }
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
