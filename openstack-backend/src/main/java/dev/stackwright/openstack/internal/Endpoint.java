package dev.stackwright.openstack.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.openstack4j.api.types.ServiceType;
import org.openstack4j.core.transport.HttpResponse;
import org.openstack4j.openstack.common.functions.EnforceVersionToURL;
import org.openstack4j.openstack.internal.BaseOpenStackService;

/**
 * Sends one request to one service through openstack4j's transport, with the token, endpoint (region and interface
 * of the catalogue) and config of the calling thread's session, and hands back the whole response: status, headers
 * and body. openstack4j's own service methods hide the status and headers of a failure (and turn a 404 into null),
 * which is why the backend does not use them: it needs Retry-After, the request id and pagination links. Stateless
 * and shareable; the session is the calling thread's.
 */
final class Endpoint extends BaseOpenStackService {
  private final Service service;

  private Endpoint(Service service, ServiceType type, java.util.function.Function<String, String> endpointFunc) {
    super(type, endpointFunc);
    this.service = service;
  }

  static Endpoint of(Service service) {
    switch (service) {
      case NETWORK:
        return new Endpoint(service, ServiceType.NETWORK, EnforceVersionToURL.instance("/v2.0"));
      case COMPUTE:
        return new Endpoint(service, ServiceType.COMPUTE, null);
      case IMAGE:
        return new Endpoint(service, ServiceType.IMAGE, EnforceVersionToURL.instance("/v2", true));
      case ORCHESTRATION:
        return new Endpoint(service, ServiceType.ORCHESTRATION, null);
      default:
        throw new IllegalArgumentException(service.name());
    }
  }

  /**
   * Sends the request on this thread's session.
   *
   * @throws org.openstack4j.api.exceptions.ConnectionException when no response came (refused, reset, timeout)
   * @throws org.openstack4j.api.exceptions.RegionEndpointNotFoundException when the catalogue lacks the service
   */
  Reply send(Request r) {
    Invocation<Void> inv = request(r.method(), Void.class, r.path());
    for (Map.Entry<String, String> q : r.query()) {
      inv.param(q.getKey(), q.getValue());
    }
    r.json().ifPresent(inv::json);
    inv.headers(r.headers());
    HttpResponse res = inv.executeWithResponse();
    try {
      byte[] body;
      try (InputStream in = res.getInputStream()) {
        body = in == null ? new byte[0] : in.readAllBytes();
      }
      return new Reply(r, res.getStatus(), res.headers(), body);
    } catch (IOException e) {
      throw new org.openstack4j.api.exceptions.ConnectionException(
          "reading the response of " + r + " failed: " + e.getMessage(), 0, e);
    } finally {
      try {
        res.close();
      } catch (IOException | RuntimeException ignored) {
        // the body was read or the connection is gone; nothing more to release
      }
    }
  }

  Service service() {
    return service;
  }
}
