package dev.stackwright.openstack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.openstack.FakeOpenStack;
import dev.stackwright.openstack.FakeOpenStack.Answer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpTest {
  private final FakeOpenStack cloud = FakeOpenStack.start();
  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  private final MutableClock clock = new MutableClock();

  @AfterEach
  void stop() {
    cloud.close();
  }

  private Http http() {
    return http(Settings.defaults());
  }

  private Http http(Settings settings) {
    return new Http(new Session(cloud.credentials(), settings, clock), settings, sleeps::add);
  }

  private static Request ports() {
    return Request.get(Service.NETWORK, "/ports");
  }

  @Test
  void honoursRetryAfterOnA429() {
    // given
    cloud.enqueue("GET", "/v2.0/ports", Answer.json(429, "{\"message\": \"slow down\"}").with("Retry-After", "3"));
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": []}"));

    // when
    Reply reply = http().send(ports(), "ports");

    // then
    assertThat(reply.status()).isEqualTo(200);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    assertThat(cloud.requests()).hasSize(2);
  }

  @Test
  void givesUpOnA503WhenTheAttemptsAreSpentAndSaysWhy() {
    // given
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(503, "{\"message\": \"neutron is restarting\"}"));

    // then
    assertThatThrownBy(() -> http().getOk(ports(), "the cluster's ports"))
        .isInstanceOf(CloudFailure.class)
        .hasMessageContaining("reading the cluster's ports failed: HTTP 503: neutron is restarting")
        .hasMessageContaining("request id req-503-fake")
        .hasMessageContaining("gave up after 6 attempts")
        .satisfies(e -> assertThat(((CloudFailure) e).status()).isEqualTo(503));
    assertThat(cloud.requests()).hasSize(6);
    assertThat(sleeps).hasSize(5);
  }

  @Test
  void failsAtOnceWhenRetryAfterExceedsTheBudget() {
    // given
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(429, "{}").with("Retry-After", "3600"));

    // then
    assertThatThrownBy(() -> http().getOk(ports(), "ports"))
        .hasMessageContaining("the cloud asked to wait 3600.0 s (Retry-After), more than the 60.0 s left");
    assertThat(cloud.requests()).hasSize(1);
  }

  @Test
  void retriesATransitionalConflictButNotAPermanentOne() {
    // given
    cloud.enqueue("DELETE", "/v2.1/servers/s1", Answer.json(409, "{\"conflictingRequest\": {\"code\": 409,"
        + " \"message\": \"Cannot 'delete' instance s1 while it is in task_state spawning\"}}"));
    cloud.route("DELETE", "/v2.1/servers/s1", s -> Answer.json(204, ""));
    cloud.route("DELETE", "/v2.0/security-groups/g1", s -> Answer.json(409, "{\"NeutronError\": {\"type\":"
        + " \"SecurityGroupInUse\", \"message\": \"Security Group g1 in use.\", \"detail\": \"\"}}"));

    // when
    Reply server = http().send(Request.delete(Service.COMPUTE, "/servers/s1"), "server s1");
    Reply group = http().send(Request.delete(Service.NETWORK, "/security-groups/g1"), "security group g1");

    // then
    assertThat(server.status()).isEqualTo(204);
    assertThat(group.status()).isEqualTo(409);
    assertThat(group.errorType()).contains("SecurityGroupInUse");
    assertThat(cloud.requests()).hasSize(3);
  }

  @Test
  void looksTheResourceUpBeforeSendingACreateAgain() {
    // given the answer to the first POST is lost after the port was made
    cloud.enqueue("POST", "/v2.0/ports", Answer.connectionReset());
    AtomicInteger lookups = new AtomicInteger();

    // when
    JsonNode port = http().create(Request.post(Service.NETWORK, "/ports", "{\"port\": {}}"), "port", "port p",
        () -> {
          lookups.incrementAndGet();
          return Optional.of(Reply.JSON.createObjectNode().put("id", "found"));
        });

    // then
    assertThat(port.path("id").asText()).isEqualTo("found");
    assertThat(lookups).hasValue(1);
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::line).containsExactly("POST /v2.0/ports");
  }

  @Test
  void sendsTheCreateAgainWhenTheLookupFindsNothing() {
    // given
    cloud.enqueue("POST", "/v2.0/ports", Answer.json(503, "{}"));
    cloud.route("POST", "/v2.0/ports", s -> Answer.json(201, "{\"port\": {\"id\": \"p1\"}}"));

    // when
    JsonNode port = http().create(Request.post(Service.NETWORK, "/ports", "{\"port\": {}}"), "port", "port p",
        Optional::empty);

    // then
    assertThat(port.path("id").asText()).isEqualTo("p1");
    assertThat(cloud.requests()).hasSize(2);
  }

  @Test
  void followsPaginationMarkers() {
    // given
    cloud.route("GET", "/v2.0/ports", s -> {
      if (s.query().contains("marker=b")) {
        return Answer.json(200, "{\"ports\": [{\"id\": \"c\"}], \"ports_links\": []}");
      }
      return Answer.json(200, "{\"ports\": [{\"id\": \"a\"}, {\"id\": \"b\"}], \"ports_links\": [{\"rel\":"
          + " \"next\", \"href\": \"http://x/v2.0/ports?limit=2&marker=b\"}]}");
    });

    // when
    List<JsonNode> all = http().list(ports().with("tags", "t"), "ports", "ports");

    // then
    assertThat(all).extracting(n -> n.path("id").asText()).containsExactly("a", "b", "c");
    assertThat(cloud.requests()).extracting(s -> java.util.Set.of(s.query().split("&")))
        .containsExactly(java.util.Set.of("tags=t", "limit=500"), java.util.Set.of("tags=t", "limit=500", "marker=b"));
  }

  @Test
  void renewsAShortLivedTokenHalfwayThroughItsLife() {
    // given tokens that live 4 minutes, less than twice the 5 minute margin
    cloud.tokenLifetime(Duration.ofMinutes(4)).clock(clock);
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": []}"));
    Http http = http();
    http.send(ports(), "ports");

    // when
    clock.advance(Duration.ofMinutes(1));
    http.send(ports(), "ports");
    clock.advance(Duration.ofMinutes(2));
    http.send(ports(), "ports");

    // then
    assertThat(cloud.tokensIssued()).isEqualTo(2);
  }

  @Test
  void renewsTheTokenBeforeItExpires() {
    // given tokens that live 10 minutes, renewed 5 minutes before they expire
    cloud.tokenLifetime(Duration.ofMinutes(10)).clock(clock);
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": []}"));
    Http http = http();
    http.send(ports(), "ports");

    // when
    clock.advance(Duration.ofMinutes(4));
    http.send(ports(), "ports");
    clock.advance(Duration.ofMinutes(2));
    http.send(ports(), "ports");

    // then
    assertThat(cloud.tokensIssued()).isEqualTo(2);
    assertThat(cloud.requests()).extracting(s -> s.headers().get("x-auth-token"))
        .containsExactly("token-1", "token-1", "token-2");
  }

  @Test
  void signsInAgainWhenTheTokenIsRefused() {
    // given
    cloud.enqueue("GET", "/v2.0/ports", Answer.json(401, "{}"), Answer.json(401, "{}"));
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": []}"));

    // when
    Reply reply = http().send(ports(), "ports");

    // then
    assertThat(reply.status()).isEqualTo(200);
    assertThat(cloud.tokensIssued()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void isSharedByManyThreadsWithOneSignIn() throws Exception {
    // given
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": [{\"id\": \"x\"}]}"));
    Http http = http();
    ExecutorService pool = Executors.newFixedThreadPool(8);

    // when
    List<Future<List<JsonNode>>> results = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      results.add(pool.submit(() -> http.list(ports(), "ports", "ports")));
    }

    // then
    for (Future<List<JsonNode>> r : results) {
      assertThat(r.get()).hasSize(1);
    }
    pool.shutdown();
    assertThat(cloud.tokensIssued()).isEqualTo(1);
    assertThat(cloud.requests()).hasSize(40);
  }

  @Test
  void saysWhichServiceTheCatalogueLacks() {
    // given a region the catalogue has no network endpoint in is refused when signing in
    Settings s = Settings.defaults();
    Session session = new Session(dev.stackwright.openstack.OpenStackCredentials.builder()
        .authUrl(cloud.url() + "/v3").username("demo").password("secret").projectName("demo")
        .regionName("RegionTwo").build(), s, clock);

    // then
    assertThatThrownBy(session::bind)
        .hasMessageContaining("region \"RegionTwo\"")
        .hasMessageContaining("it has RegionOne");
  }

  /** A clock tests move forward. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.now();

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
