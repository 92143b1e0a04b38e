package dev.stackwright.openstack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.openstack.CountingProxy;
import dev.stackwright.openstack.FakeOpenStack;
import dev.stackwright.openstack.FakeOpenStack.Answer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CountingProxyTest {
  private final FakeOpenStack cloud = FakeOpenStack.start();
  private final CountingProxy proxy = CountingProxy.start();

  @AfterEach
  void stop() {
    proxy.close();
    cloud.close();
  }

  private Http http() {
    return http(Settings.defaults().readTimeout());
  }

  private Http http(Duration readTimeout) {
    Settings d = Settings.defaults();
    Settings s = new Settings(d.connectTimeout(), readTimeout, d.tokenRefreshMargin(),
        Optional.of(proxy.uri()), d.retryAttempts(), d.retryBudget(), Duration.ofMillis(10), d.serverDeadline(),
        d.pollInterval(), d.pageSize());
    return new Http(new Session(cloud.credentials(), s, Clock.systemUTC()), s, x -> { });
  }

  @Test
  void seesEveryRequestOpenstack4jSends() {
    // given
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": []}"));

    // when
    http().list(Request.get(Service.NETWORK, "/ports"), "ports", "ports");

    // then
    assertThat(proxy.requests()).hasSize(2);
    assertThat(proxy.requests().get(0)).isEqualTo("POST /v3/auth/tokens");
    assertThat(proxy.requests().get(1)).startsWith("GET /v2.0/ports?");
    assertThat(cloud.requests()).hasSize(1);
  }

  @Test
  void losesTheAnswerOfACreateThatWasMade() {
    // given
    cloud.route("POST", "/v2.0/ports", s -> Answer.json(201, "{\"port\": {\"id\": \"p1\"}}"));
    proxy.failNext(line -> line.equals("POST /v2.0/ports"), CountingProxy.Fault.LOSE_ANSWER);
    AtomicInteger lookups = new AtomicInteger();

    // when
    String id = http().create(Request.post(Service.NETWORK, "/ports", "{\"port\": {}}"), "port", "port p", () -> {
      lookups.incrementAndGet();
      return Optional.of(Reply.JSON.createObjectNode().put("id", "p1"));
    }).path("id").asText();

    // then the cloud made it once, and the backend found it instead of making it again
    assertThat(id).isEqualTo("p1");
    assertThat(cloud.requests()).hasSize(1);
    assertThat(lookups).hasValue(1);
  }

  @Test
  void aHeldCreateReachesTheCloudAfterTheClientGaveUpAndAskedAgain() {
    // given: the first POST is held 1 s before the proxy forwards it; the client waits 300 ms for an answer
    cloud.route("POST", "/v2.0/ports", s -> Answer.json(201, "{\"port\": {\"id\": \"p1\"}}"));
    proxy.holdFor(Duration.ofSeconds(1)).failNext(line -> line.equals("POST /v2.0/ports"), CountingProxy.Fault.HELD);
    AtomicInteger lookups = new AtomicInteger();

    // when
    String id = http(Duration.ofMillis(300)).create(Request.post(Service.NETWORK, "/ports", "{\"port\": {}}"),
        "port", "port p", () -> {
          lookups.incrementAndGet();
          return Optional.empty();
        }).path("id").asText();
    int madeWhenTheClientWasDone = cloud.requests().size();

    // then: the look-up found nothing, the second POST made it, and the held one reached the cloud after that
    assertThat(id).isEqualTo("p1");
    assertThat(lookups).hasValue(1);
    assertThat(madeWhenTheClientWasDone).isEqualTo(1);
    assertThat(proxy.awaitHeldRequests(Duration.ofSeconds(5))).isTrue();
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::line).containsExactly("POST /v2.0/ports",
        "POST /v2.0/ports");
    assertThat(proxy.injected()).containsEntry(CountingProxy.Fault.HELD, 1);
  }

  @Test
  void injectsA429ThatIsRetried() {
    // given
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": []}"));
    proxy.failNext(line -> line.startsWith("GET /v2.0/ports"), CountingProxy.Fault.TOO_MANY_REQUESTS);

    // when
    Reply r = http().send(Request.get(Service.NETWORK, "/ports"), "ports");

    // then
    assertThat(r.status()).isEqualTo(200);
    assertThat(cloud.requests()).hasSize(1);
    assertThat(proxy.requests()).filteredOn(l -> l.startsWith("GET")).hasSize(2);
  }

  @Test
  void aResetBeforeForwardingNeverReachesTheCloudAndIsRetried() {
    // given
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": []}"));
    proxy.failNext(line -> line.startsWith("GET /v2.0/ports"), CountingProxy.Fault.RESET);

    // when
    Reply r = http().send(Request.get(Service.NETWORK, "/ports"), "ports");

    // then
    assertThat(r.status()).isEqualTo(200);
    assertThat(cloud.requests()).hasSize(1);
    assertThat(proxy.injected()).containsEntry(CountingProxy.Fault.RESET, 1);
  }

  @Test
  void aSignInThatMeetsA503AndThenAResetIsTriedAgain() {
    // given
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": []}"));
    proxy.failNext(line -> line.equals("POST /v3/auth/tokens"), CountingProxy.Fault.UNAVAILABLE);
    proxy.failNext(line -> line.equals("POST /v3/auth/tokens"), CountingProxy.Fault.RESET);

    // when
    Reply r = http().send(Request.get(Service.NETWORK, "/ports"), "ports");

    // then
    assertThat(r.status()).isEqualTo(200);
    assertThat(proxy.requests()).filteredOn(l -> l.equals("POST /v3/auth/tokens")).hasSize(3);
    assertThat(cloud.tokensIssued()).isEqualTo(1);
  }

  @Test
  void theSameSeedBreaksTheSameRequestsInTheSameWays() {
    // given
    cloud.route("GET", "/v2.0/networks", s -> Answer.json(200, "{\"networks\": []}"));
    java.util.Map<CountingProxy.Fault, Integer> first = breakFortyOf(proxy, 42);
    try (CountingProxy again = CountingProxy.start()) {
      // when
      java.util.Map<CountingProxy.Fault, Integer> second = breakFortyOf(again, 42);

      // then
      assertThat(second).isEqualTo(first);
      assertThat(first.values().stream().mapToInt(Integer::intValue).sum()).isBetween(1, 39);
    }
  }

  /** Forty requests straight to the proxy (no retries), half of them broken on average. */
  private java.util.Map<CountingProxy.Fault, Integer> breakFortyOf(CountingProxy p, long seed) {
    p.injectRandomly(seed, 0.5, Duration.ofMillis(1));
    for (int i = 0; i < 40; i++) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", p.uri().getPort())) {
        s.getOutputStream().write(("GET " + cloud.url() + "/v2.0/networks HTTP/1.1\r\nHost: x\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        s.getInputStream().readAllBytes();
      } catch (java.io.IOException e) {
        // a reset or a lost answer: what was asked for
      }
    }
    return p.injected();
  }
}
