package dev.stackwright.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.openstack4j.api.exceptions.ConnectionException;
import org.openstack4j.api.exceptions.OS4JException;
import org.openstack4j.api.exceptions.RegionEndpointNotFoundException;
import org.openstack4j.core.transport.HttpMethod;
import org.openstack4j.model.identity.v3.Token;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request the backend makes goes through here: on the calling thread's session, retried with exponential
 * backoff and jitter within a budget of attempts and waiting time when the cloud is busy (429, honouring Retry-After),
 * a gateway fails (502, 503, 504), the connection breaks, or Nova answers a transitional 409 ("while it is in
 * task_state ..."). A create is never simply sent again: first the resource is looked up by its ownership marker, so
 * a create whose answer was lost is not made twice. Lists follow {@code limit}/{@code marker} pagination. Whatever
 * openstack4j throws, and every failed status, leaves here as a {@link CloudFailure} with status, request id and
 * resource. Thread-safe.
 */
public final class Http {
  private static final Logger LOG = LoggerFactory.getLogger(Http.class);
  private static final Pattern TRANSITIONAL_409 = Pattern.compile(
      "(?i)task_state|while it is in|in transition|is locked|try again|concurrent|another operation");

  /** Sleeps; replaced in tests so retries take no time. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final Session session;
  private final Settings settings;
  private final Sleeper sleeper;
  private final Map<Service, Endpoint> endpoints = new EnumMap<>(Service.class);

  public Http(Session session, Settings settings, Sleeper sleeper) {
    this.session = session;
    this.settings = settings;
    this.sleeper = sleeper;
    for (Service s : Service.values()) {
      endpoints.put(s, Endpoint.of(s));
    }
  }

  public Session session() {
    return session;
  }

  /**
   * Sends an idempotent request (GET, PUT, DELETE), retrying transient failures. Returns the final reply whatever
   * its status; the caller decides what a 404 or 409 means.
   */
  public Reply send(Request r, String resource) {
    if (r.method() == HttpMethod.POST) {
      throw new IllegalArgumentException("a POST is not idempotent; use create(...), act(...), sendReading(...) or"
          + " sendOnce(...): " + r);
    }
    return exchange(r, resource, null).reply();
  }

  /** Sends a request exactly once (no retry); for actions that are harmless to lose, such as a console log. */
  public Reply sendOnce(Request r, String resource) {
    return attempt(r, resource);
  }

  /**
   * Sends a POST that changes nothing (Nova's {@code os-getConsoleOutput} reads a log), retried as a GET is. Returns
   * the final reply whatever its status.
   */
  public Reply sendReading(Request r, String resource) {
    return exchange(r, resource, null).reply();
  }

  /**
   * Sends an action that changes a resource (a POST to Nova's {@code /action}, such as a rebuild), retried as a
   * create is: before it is sent again (its answer lost, the cloud busy, or the resource in another task), {@code
   * tookEffect} looks at the resource, and when an earlier send of it is under way that look stands for the answer.
   * Returns the final reply whatever its status, or empty when an earlier send was found under way.
   */
  public Optional<Reply> act(Request r, String resource, Supplier<Optional<JsonNode>> tookEffect) {
    Outcome outcome = exchange(r, resource, tookEffect);
    return outcome.recovered() != null ? Optional.empty() : Optional.of(outcome.reply());
  }

  /** Sends a GET and fails unless it answers 2xx; returns the JSON body. */
  public JsonNode getOk(Request r, String resource) {
    Reply reply = send(r, resource);
    if (!reply.ok()) {
      throw CloudFailure.of(reply, resource, "reading " + resource + " failed");
    }
    return reply.json();
  }

  /**
   * Creates a resource: POSTs the request and returns what is under {@code key} of the answer. When the answer is
   * lost or the cloud is busy, {@code lookup} looks for the resource by its ownership marker before the POST is sent
   * again; when it finds it, that is the result, so a retry never makes a duplicate. A create refused as a conflict
   * (409: a port's addresses or a server's port already taken, a keypair's name) is looked up too: when the holder is
   * ours, an earlier request made it (a run killed with its request still on the way, an answer lost), and it is
   * adopted; when it is not, the 409 stands.
   */
  public JsonNode create(Request r, String key, String resource, Supplier<Optional<JsonNode>> lookup) {
    Outcome outcome = exchange(r, resource, lookup);
    if (outcome.recovered() != null) {
      return outcome.recovered();
    }
    Reply reply = outcome.reply();
    if (reply.status() == 409 && lookup != null) {
      Optional<JsonNode> ours = lookup.get();
      if (ours.isPresent()) {
        LOG.info("{}: refused as a conflict ({}); the holder is our {}, made by an earlier request: adopting it", r,
            reply.errorMessage(), resource);
        return ours.get();
      }
    }
    if (!reply.ok()) {
      throw CloudFailure.of(reply, resource, "creating " + resource + " failed");
    }
    JsonNode obj = reply.json().path(key);
    if (obj.isMissingNode() || obj.isNull()) {
      throw CloudFailure.of(reply, resource, "creating " + resource + " answered without \"" + key + "\"");
    }
    return obj;
  }

  /**
   * Every item of a list, following pagination: {@code limit} on each request, then the {@code marker} of the next
   * link ({@code <collection>_links} in Neutron and Nova, {@code next} in Glance) until there is none.
   */
  public List<JsonNode> list(Request r, String collection, String resource) {
    List<JsonNode> all = new ArrayList<>();
    Request page = r.replacing("limit", String.valueOf(settings.pageSize()));
    for (int pages = 0; ; pages++) {
      JsonNode body = getOk(page, resource);
      JsonNode items = body.path(collection);
      items.forEach(all::add);
      Optional<String> marker = nextMarker(body, collection);
      if (marker.isEmpty() || items.size() == 0) {
        return all;
      }
      if (pages > 10_000) {
        throw new IllegalStateException("pagination of " + r + " does not end");
      }
      page = page.replacing("marker", marker.get());
    }
  }

  static Optional<String> nextMarker(JsonNode body, String collection) {
    String href = null;
    for (JsonNode link : body.path(collection + "_links")) {
      if ("next".equals(link.path("rel").asText())) {
        href = link.path("href").asText();
      }
    }
    if (href == null && body.path("next").isTextual()) {
      href = body.path("next").asText();
    }
    if (href == null) {
      return Optional.empty();
    }
    int q = href.indexOf('?');
    if (q < 0) {
      return Optional.empty();
    }
    for (String param : href.substring(q + 1).split("&")) {
      if (param.startsWith("marker=")) {
        return Optional.of(java.net.URLDecoder.decode(param.substring(7), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private Outcome exchange(Request r, String resource, Supplier<Optional<JsonNode>> lookup) {
    Duration waited = Duration.ZERO;
    boolean reauthenticated = false;
    for (int attempt = 1; ; attempt++) {
      Reply reply;
      Token token = session.currentToken();
      try {
        reply = attempt(r, resource);
      } catch (CloudFailure f) {
        if (!f.transientConnection()) {
          throw f;
        }
        Duration delay = backoff(attempt);
        if (!retryAllowed(attempt, waited, delay)) {
          throw f.withDetail("gave up after " + attempt + " attempt" + (attempt == 1 ? "" : "s") + " in "
              + seconds(waited) + " of waiting");
        }
        waited = waited.plus(pause(r, f.getMessage(), attempt, delay));
        if (lookup != null) {
          Optional<JsonNode> found = lookup.get();
          if (found.isPresent()) {
            LOG.info("{}: found {} made or changed by an earlier send after a lost answer; not sending it again", r,
                resource);
            return new Outcome(null, found.get());
          }
        }
        continue;
      }
      if (reply.status() == 401 && !reauthenticated) {
        // The token was revoked or the clock is off: sign in again, once.
        session.invalidate(token);
        reauthenticated = true;
        attempt--;
        continue;
      }
      if (!isTransient(reply)) {
        return new Outcome(reply, null);
      }
      Optional<Duration> asked = retryAfter(reply);
      Duration delay = asked.orElse(backoff(attempt));
      String why = "HTTP " + reply.status() + " " + reply.errorMessage();
      if (!retryAllowed(attempt, waited, delay)) {
        String detail = asked.isPresent() && waited.plus(asked.get()).compareTo(settings.retryBudget()) > 0
            ? "the cloud asked to wait " + seconds(asked.get()) + " (Retry-After), more than the "
                + seconds(settings.retryBudget().minus(waited)) + " left of the retry budget"
            : "gave up after " + attempt + " attempt" + (attempt == 1 ? "" : "s") + " in " + seconds(waited)
                + " of waiting";
        throw CloudFailure.of(reply, resource, describe(r, resource) + " failed").withDetail(detail);
      }
      waited = waited.plus(pause(r, why, attempt, delay));
      if (lookup != null) {
        Optional<JsonNode> found = lookup.get();
        if (found.isPresent()) {
          LOG.info("{}: found {} made or changed by an earlier send; not sending it again", r, resource);
          return new Outcome(null, found.get());
        }
      }
    }
  }

  private Reply attempt(Request r, String resource) {
    session.bind();
    try {
      return endpoints.get(r.service()).send(r);
    } catch (RegionEndpointNotFoundException e) {
      throw CloudFailure.noEndpoint(r, resource, session.region(), e);
    } catch (ConnectionException e) {
      throw CloudFailure.connection(r, resource, e);
    } catch (OS4JException e) {
      throw CloudFailure.client(r, resource, e);
    }
  }

  private boolean retryAllowed(int attempt, Duration waited, Duration delay) {
    return attempt < settings.retryAttempts() && waited.plus(delay).compareTo(settings.retryBudget()) <= 0;
  }

  private Duration pause(Request r, String why, int attempt, Duration delay) {
    LOG.warn("{}: {}; retrying in {} (attempt {} of {})", r, why, seconds(delay), attempt + 1,
        settings.retryAttempts());
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudFailure(r.toString(), "interrupted while waiting to retry " + r, 0, null, null, e);
    }
    return delay;
  }

  static boolean isTransient(Reply reply) {
    int s = reply.status();
    if (s == 429 || s == 502 || s == 503 || s == 504) {
      return true;
    }
    return s == 409 && TRANSITIONAL_409.matcher(reply.errorMessage()).find();
  }

  /** Retry-After in seconds or as an HTTP date; Nova's {@code retryAfter} in the body of a 413/429 too. */
  static Optional<Duration> retryAfter(Reply reply) {
    Optional<String> h = reply.header("Retry-After");
    if (h.isPresent()) {
      String v = h.get().strip();
      if (v.matches("\\d+")) {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
      }
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    JsonNode body = reply.json();
    if (body.isObject() && body.size() == 1) {
      JsonNode ra = body.elements().next().path("retryAfter");
      if (ra.isNumber() || (ra.isTextual() && ra.asText().matches("\\d+"))) {
        return Optional.of(Duration.ofSeconds(ra.asLong()));
      }
    }
    return Optional.empty();
  }

  private Duration backoff(int attempt) {
    long base = settings.retryBaseDelay().toMillis() << Math.min(attempt - 1, 8);
    long capped = Math.min(base, 10_000);
    long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    return Duration.ofMillis(jittered);
  }

  private static String describe(Request r, String resource) {
    switch (r.method()) {
      case GET:
        return "reading " + resource;
      case DELETE:
        return "deleting " + resource;
      case POST:
        return r.path().endsWith("/action") ? "an action on " + resource : "creating " + resource;
      default:
        return "updating " + resource;
    }
  }

  static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  /** The final reply, or the resource a create found by its marker instead of sending the POST again. */
  private record Outcome(Reply reply, JsonNode recovered) {}
}
