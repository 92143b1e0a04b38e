package dev.stackwright.openstack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.openstack.FakeOpenStack;
import dev.stackwright.openstack.FakeOpenStack.Answer;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.NodeOperation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ServerSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The requests of a rebuild and of a console read, against a scripted Nova. */
class RunningServersTest {
  private static final String SERVER = "/v2.1/servers/s1";
  private static final String ACTION = SERVER + "/action";
  private static final ResourceId ID = ResourceId.of(ResourceKind.SERVER, "worker-1");
  private static final ResourceId PORT = ResourceId.of(ResourceKind.PORT, "worker-1");
  private static final ResourceId KEY = ResourceId.of(ResourceKind.KEYPAIR, "key");

  private final FakeOpenStack cloud = FakeOpenStack.start();
  private final HttpTest.MutableClock clock = new HttpTest.MutableClock();
  private final CloudBackend backend = new CloudBackend(client(), 2, 50, 50);

  @AfterEach
  void stop() {
    cloud.close();
  }

  private CloudClient client() {
    Settings d = Settings.defaults();
    Settings s = new Settings(d.connectTimeout(), d.readTimeout(), d.tokenRefreshMargin(), d.proxy(),
        d.retryAttempts(), d.retryBudget(), d.retryBaseDelay(), Duration.ofSeconds(5), d.pollInterval(), d.pageSize());
    return new CloudClient(cloud.credentials(), s, clock, clock::advance);
  }

  private static ServerSpec spec(String image, String userData, Optional<ResourceId> key) {
    return new ServerSpec(ID, "worker-1", "hpc", image, PORT, key, Optional.empty(), userData,
        ServerSpec.sha256(userData), Map.of("/etc/app.conf", ServerSpec.fileDigest("v2")),
        Map.of("stackwright-node", "worker-1"));
  }

  private static Observed current() {
    return new Observed(ID, "s1", spec("debian-12", "", Optional.empty()).withoutUserData(),
        Map.of(Observed.Facts.STATUS, "ACTIVE"));
  }

  private static Answer server(String status, String task, String extra) {
    return Answer.json(200, "{\"server\": {\"id\": \"s1\", \"name\": \"worker-1\", \"status\": \"" + status + "\","
        + " \"OS-EXT-STS:task_state\": " + (task == null ? "null" : "\"" + task + "\"") + ", \"image\": {\"id\":"
        + " \"img-running\"}" + extra + "}}");
  }

  /** Nova takes the rebuild and the metadata; the server reads as {@code looks}, then ACTIVE. */
  private void novaRebuilds(Answer... looks) {
    cloud.enqueue("GET", SERVER, looks);
    cloud.route("GET", SERVER, s -> server("ACTIVE", null, ""));
    cloud.route("POST", ACTION, s -> Answer.json(202, "{\"server\": {\"id\": \"s1\", \"status\": \"REBUILD\"}}"));
    cloud.route("PUT", SERVER + "/metadata", s -> Answer.json(200, "{\"metadata\": {}}"));
  }

  private List<String> changes() {
    return cloud.requests().stream().map(FakeOpenStack.Seen::line).filter(l -> !l.startsWith("GET")).toList();
  }

  private FakeOpenStack.Seen sent(String line) {
    return cloud.requests().stream().filter(r -> r.line().equals(line)).findFirst().orElseThrow();
  }

  @Test
  void aRebuildAsksForMicroversion257WithTheUserDataInBase64TheRunningImageAndTheKeypair() {
    // given
    novaRebuilds(server("ACTIVE", null, ""), server("REBUILD", "rebuilding", ""));

    // when
    backend.rebuild("seed", current(), spec("debian-12", "#cloud-config\nv: 2\n", Optional.of(KEY)),
        id -> Optional.of(id.equals(KEY) ? "seed-key" : "p1"));

    // then
    FakeOpenStack.Seen rebuild = sent("POST " + ACTION);
    assertThat(rebuild.headers()).containsEntry("openstack-api-version", "compute 2.57");
    JsonNode body = json(rebuild.body()).path("rebuild");
    assertThat(body.path("imageRef").asText()).isEqualTo("img-running");
    assertThat(new String(Base64.getDecoder().decode(body.path("user_data").asText()), StandardCharsets.UTF_8))
        .isEqualTo("#cloud-config\nv: 2\n");
    assertThat(body.path("key_name").asText()).isEqualTo("seed-key");
  }

  @Test
  void aServerWithoutAKeypairOrUserDataIsRebuiltWithBothTakenAway() {
    // given
    novaRebuilds(server("ACTIVE", null, ""));

    // when
    backend.rebuild("seed", current(), spec("debian-12", "", Optional.empty()), id -> Optional.of("p1"));

    // then
    JsonNode body = json(sent("POST " + ACTION).body()).path("rebuild");
    assertThat(body.path("user_data").isNull()).isTrue();
    assertThat(body.path("key_name").isNull()).isTrue();
  }

  @Test
  void theDigestsMarkerAndMetadataReplaceTheServersMetadataOnceItIsActive() {
    // given
    novaRebuilds(server("ACTIVE", null, ""), server("REBUILD", "rebuild_spawning", ""));
    ServerSpec desired = spec("debian-12", "#cloud-config\nv: 2\n", Optional.empty());

    // when
    Observed after = backend.rebuild("seed", current(), desired, id -> Optional.of("p1"));

    // then
    assertThat(changes()).containsExactly("POST " + ACTION, "PUT " + SERVER + "/metadata");
    JsonNode meta = json(sent("PUT " + SERVER + "/metadata").body()).path("metadata");
    assertThat(meta.path("stackwright-ud").asText()).isEqualTo(desired.userDataSha256());
    assertThat(meta.path("stackwright-f0").asText()).isEqualTo("/etc/app.conf=" + ServerSpec.fileDigest("v2"));
    assertThat(meta.path("stackwright-cluster").asText()).isEqualTo("seed");
    assertThat(meta.path("stackwright-id").asText()).isEqualTo(ID.toString());
    assertThat(meta.path("stackwright-node").asText()).isEqualTo("worker-1");
    assertThat(after.cloudId()).isEqualTo("s1");
    assertThat(after.spec()).isEqualTo(desired.withoutUserData());
  }

  @Test
  void anotherImageByNameIsLookedUpInGlance() {
    // given
    novaRebuilds(server("ACTIVE", null, ""));
    cloud.route("GET", "/v2/images", s -> Answer.json(200, "{\"images\": [{\"id\": \"img-13\", \"name\":"
        + " \"debian-13\", \"status\": \"active\"}]}"));

    // when
    backend.rebuild("seed", current(), spec("debian-13", "x", Optional.empty()), id -> Optional.of("p1"));

    // then
    assertThat(json(sent("POST " + ACTION).body()).path("rebuild").path("imageRef").asText()).isEqualTo("img-13");
  }

  @Test
  void aServerThatGoesToErrorIsServerFailedWithNovasFaultAndKeepsItsOldDigests() {
    // given
    novaRebuilds(server("ACTIVE", null, ""), server("ERROR", null, ", \"fault\": {\"code\": 500, \"message\":"
        + " \"Build of instance s1 aborted: disk full\"}"));
    cloud.route("POST", ACTION, s -> s.body().contains("os-getConsoleOutput")
        ? Answer.json(200, "{\"output\": \"boot log\"}") : Answer.json(202, "{}"));

    // then
    assertThatThrownBy(() -> backend.rebuild("seed", current(), spec("debian-12", "x", Optional.empty()),
        id -> Optional.of("p1")))
        .isInstanceOfSatisfying(BackendException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.SERVER_FAILED);
          assertThat(e.resource()).contains(ID);
        })
        .hasMessageContaining("disk full").hasMessageContaining("rebuilt").hasMessageContaining("boot log");
    assertThat(changes()).doesNotContain("PUT " + SERVER + "/metadata");
  }

  @Test
  void aServerInErrorBeforeItsRebuildIsWaitedForWhileItsTaskRuns() {
    // given: Nova shows a rebuilding server that was in ERROR as ERROR, with its old fault, until the rebuild ends
    String fault = ", \"fault\": {\"code\": 500, \"message\": \"an old failure\"}";
    novaRebuilds(server("ERROR", null, fault), server("ERROR", "rebuilding", fault),
        server("ERROR", "rebuild_spawning", fault));

    // when
    Observed after = backend.rebuild("seed", current(), spec("debian-12", "x", Optional.empty()),
        id -> Optional.of("p1"));

    // then
    assertThat(after.fact(Observed.Facts.STATUS)).contains("ACTIVE");
    assertThat(changes()).containsExactly("POST " + ACTION, "PUT " + SERVER + "/metadata");
  }

  @Test
  void aServerThatIsGoneIsGoneAndNothingIsSent() {
    // given
    cloud.route("GET", SERVER, s -> Answer.json(404, "{\"itemNotFound\": {\"code\": 404}}"));

    // then
    assertThatThrownBy(() -> backend.rebuild("seed", current(), spec("debian-12", "x", Optional.empty()),
        id -> Optional.of("p1")))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.reason()).isEqualTo(Reason.GONE))
        .hasMessageContaining("s1").hasMessageContaining("plan again");
    assertThat(changes()).isEmpty();
  }

  @Test
  void aServerDeletedBetweenItsLookAndItsRebuildIsGoneAndSaysPlanAgain() {
    // given: Nova shows it, then answers the rebuild as for a server deleted meanwhile
    cloud.enqueue("GET", SERVER, server("ACTIVE", null, ""));
    cloud.route("GET", SERVER, s -> Answer.json(404, "{\"itemNotFound\": {\"code\": 404}}"));
    cloud.route("POST", ACTION, s -> Answer.json(404, "{\"itemNotFound\": {\"code\": 404}}"));

    // then
    assertThatThrownBy(() -> backend.rebuild("seed", current(), spec("debian-12", "x", Optional.empty()),
        id -> Optional.of("p1")))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.reason()).isEqualTo(Reason.GONE))
        .hasMessageContaining("s1").hasMessageContaining("plan again");
  }

  @Test
  void aRebuildFoundUnderWayAfterALostAnswerIsWaitedForThenSentAgainSinceNothingSaysItIsOurs() {
    // given: the first send gets no answer, and Nova shows a rebuild under way (ours, or a dead run's)
    novaRebuilds(server("ACTIVE", null, ""), server("REBUILD", "rebuilding", ""),
        server("REBUILD", "rebuild_spawning", ""));
    cloud.enqueue("POST", ACTION, Answer.connectionReset());

    // when
    backend.rebuild("seed", current(), spec("debian-12", "x", Optional.empty()), id -> Optional.of("p1"));

    // then: the second send is answered; the digests are recorded once, after it
    assertThat(changes()).containsExactly("POST " + ACTION, "POST " + ACTION, "PUT " + SERVER + "/metadata");
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::line)
        .containsSubsequence("GET " + SERVER, "POST " + ACTION, "GET " + SERVER, "GET " + SERVER, "POST " + ACTION);
  }

  @Test
  void aRebuildThatKeepsMeetingAnotherIsTransient() {
    // given: every send is lost, and every look finds a rebuild under way, which then ends
    cloud.route("POST", ACTION, s -> Answer.connectionReset());
    AtomicInteger looks = new AtomicInteger();
    cloud.route("GET", SERVER, s -> looks.incrementAndGet() % 2 == 0 ? server("REBUILD", "rebuilding", "")
        : server("ACTIVE", null, ""));

    // then
    assertThatThrownBy(() -> backend.rebuild("seed", current(), spec("debian-12", "x", Optional.empty()),
        id -> Optional.of("p1")))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRANSIENT))
        .hasMessageContaining("3 times");
    assertThat(changes()).doesNotContain("PUT " + SERVER + "/metadata");
  }

  @Test
  void aServerStillRebuildingAtTheDeadlineIsServerFailed() {
    // given
    novaRebuilds(server("ACTIVE", null, ""));
    cloud.route("GET", SERVER, s -> server("REBUILD", "rebuild_spawning", ""));

    // then
    assertThatThrownBy(() -> backend.rebuild("seed", current(), spec("debian-12", "x", Optional.empty()),
        id -> Optional.of("p1")))
        .isInstanceOfSatisfying(BackendException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SERVER_FAILED))
        .hasMessageContaining("still REBUILD (task rebuild_spawning)").hasMessageContaining("serverDeadline");
    assertThat(changes()).doesNotContain("PUT " + SERVER + "/metadata");
  }

  @Test
  void theConsoleLogIsAskedForItsLast2000Lines() {
    // given
    cloud.route("POST", ACTION, s -> Answer.json(200, "{\"output\": \"ci-info: no keys\\nlogin:\"}"));

    // when
    Optional<String> out = backend.consoleOutput(current());

    // then
    assertThat(out).contains("ci-info: no keys\nlogin:");
    assertThat(json(sent("POST " + ACTION).body()).path("os-getConsoleOutput").path("length").asInt())
        .isEqualTo(2000);
  }

  @Test
  void aConsoleNovaCannotGiveIsEmpty() {
    // given: a driver without consoles
    cloud.route("POST", ACTION, s -> Answer.json(501, "{\"notImplemented\": {\"code\": 501}}"));

    // then
    assertThat(backend.consoleOutput(current())).isEmpty();
  }

  @Test
  void theConsoleOfAServerThatIsGoneIsGone() {
    // given
    cloud.route("POST", ACTION, s -> Answer.json(404, "{\"itemNotFound\": {\"code\": 404}}"));
    cloud.route("GET", SERVER, s -> Answer.json(404, "{\"itemNotFound\": {\"code\": 404}}"));

    // then
    assertThatThrownBy(() -> backend.consoleOutput(current()))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.reason()).isEqualTo(Reason.GONE));
  }

  @Test
  void theBackendCanRebuildButNotReconfigure() {
    assertThat(backend.capabilities().can(NodeOperation.REBUILD)).isTrue();
    assertThat(backend.capabilities().can(NodeOperation.RECONFIGURE)).isFalse();
  }

  private static JsonNode json(String body) {
    try {
      return Reply.JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
