package dev.stackwright.openstack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.openstack.FakeOpenStack;
import dev.stackwright.openstack.FakeOpenStack.Answer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NovaTest {
  private final FakeOpenStack cloud = FakeOpenStack.start();
  private final HttpTest.MutableClock clock = new HttpTest.MutableClock();

  @AfterEach
  void stop() {
    cloud.close();
  }

  Nova nova() {
    Settings d = Settings.defaults();
    Settings s = new Settings(d.connectTimeout(), d.readTimeout(), d.tokenRefreshMargin(), d.proxy(),
        d.retryAttempts(), d.retryBudget(), d.retryBaseDelay(), Duration.ofSeconds(5), d.pollInterval(), d.pageSize());
    Http.Sleeper sleeper = clock::advance;
    Http http = new Http(new Session(cloud.credentials(), s, clock), s, sleeper);
    return new Nova(http, s, sleeper, clock);
  }

  private static Answer server(String status, String extra) {
    return Answer.json(200, "{\"server\": {\"id\": \"s1\", \"name\": \"worker-1\", \"status\": \"" + status + "\""
        + extra + "}}");
  }

  @Test
  void bootsWithBase64UserDataOwnershipMetadataAndTheServerGroup() {
    // given
    cloud.route("POST", "/v2.1/servers", s -> Answer.json(202, "{\"server\": {\"id\": \"s1\"}}"));

    // when
    nova().boot(new Nova.ServerSpec("worker-1", "f1", "i1", List.of("p1"), Optional.of("seed-key"),
        Optional.of("#cloud-config\n"), Optional.of("g1"), Map.of()), new Marker("seed", "server/worker-1"));

    // then
    String body = cloud.requests().get(0).body();
    assertThat(body).contains("\"user_data\":\"" + Base64.getEncoder().encodeToString("#cloud-config\n".getBytes())
        + "\"");
    assertThat(body).contains("\"networks\":[{\"port\":\"p1\"}]");
    assertThat(body).contains("\"stackwright-cluster\":\"seed\"", "\"stackwright-id\":\"server/worker-1\"");
    assertThat(body).contains("\"os:scheduler_hints\":{\"group\":\"g1\"}");
  }

  private static Answer portInUse() {
    return Answer.json(409, "{\"conflictingRequest\": {\"code\": 409, \"message\": \"Port p1 is still in use.\"}}");
  }

  /** A boot of worker-1 refused because its port is in use, by the server {@code id} of {@code cluster}. */
  private void portHeldBy(String id, String cluster) {
    cloud.route("POST", "/v2.1/servers", s -> portInUse());
    cloud.route("GET", "/v2.1/servers/detail", s -> Answer.json(200, "{\"servers\": [{\"id\": \"" + id + "\","
        + " \"name\": \"worker-1\", \"status\": \"BUILD\", \"metadata\": {\"stackwright-cluster\": \"" + cluster
        + "\", \"stackwright-id\": \"server/worker-1\"}}]}"));
  }

  private static Nova.ServerSpec worker() {
    return new Nova.ServerSpec("worker-1", "f1", "i1", List.of("p1"), Optional.empty(), Optional.empty(),
        Optional.empty(), Map.of());
  }

  @Test
  void aBootRefusedBecauseOurEarlierBootOfItHoldsThePortAdoptsThatServer() {
    // given: a killed run's boot of worker-1 reached Nova after this run observed, and took the port
    portHeldBy("s0", "seed");

    // when
    String id = nova().boot(worker(), new Marker("seed", "server/worker-1")).path("id").asText();

    // then: one boot, and the server found by its name
    assertThat(id).isEqualTo("s0");
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::line).filteredOn(l -> l.startsWith("POST"))
        .hasSize(1);
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::line).filteredOn(l -> l.startsWith("GET /v2.1/serv"))
        .singleElement().satisfies(l -> assertThat(l).contains("name=%5Eworker-1%24"));
  }

  @Test
  void aBootRefusedBecauseSomeoneElsesServerHoldsThePortStaysAConflict() {
    // given: the server on the port is another cluster's worker-1
    portHeldBy("s9", "other");

    // then
    assertThatThrownBy(() -> nova().boot(worker(), new Marker("seed", "server/worker-1")))
        .isInstanceOf(CloudFailure.class).hasMessageContaining("HTTP 409").hasMessageContaining("still in use");
  }

  @Test
  void sendsTheMicroversionForSoftAntiAffinityOnly() {
    // given
    cloud.route("POST", "/v2.1/os-server-groups", s -> Answer.json(200, "{\"server_group\": {\"id\": \"g\"}}"));

    // when
    nova().createServerGroup("soft", "soft-anti-affinity");
    nova().createServerGroup("strict", "anti-affinity");

    // then
    assertThat(cloud.requests().get(0).headers()).containsEntry("x-openstack-nova-api-version", "2.15");
    assertThat(cloud.requests().get(1).headers()).doesNotContainKey("x-openstack-nova-api-version");
  }

  @Test
  void deletesOnlyTheEmptyServerGroupsThatShareANameWithAKeptOne() {
    // given: g1 is kept; g2 is its empty namesake, g3 an empty group of another name, g4 a namesake in use
    cloud.route("GET", "/v2.1/os-server-groups", s -> Answer.json(200, "{\"server_groups\": ["
        + "{\"id\": \"g1\", \"name\": \"seed-worker\", \"members\": [\"s1\"]},"
        + " {\"id\": \"g2\", \"name\": \"seed-worker\", \"members\": []},"
        + " {\"id\": \"g3\", \"name\": \"seed-other\", \"members\": []},"
        + " {\"id\": \"g4\", \"name\": \"seed-worker\", \"members\": [\"x1\"]}]}"));
    cloud.route("DELETE", "/v2.1/os-server-groups/g2", s -> Answer.json(204, ""));

    // when
    List<String> deleted = nova().deleteEmptyNamesakes(java.util.Set.of("g1"));

    // then
    assertThat(deleted).containsExactly("g2");
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::line).filteredOn(l -> !l.startsWith("GET"))
        .containsExactly("DELETE /v2.1/os-server-groups/g2");
  }

  @Test
  void waitsForADeletedServerToBeGone() {
    // given
    cloud.route("DELETE", "/v2.1/servers/s1", s -> Answer.json(204, ""));
    cloud.enqueue("GET", "/v2.1/servers/s1", server("ACTIVE", ", \"OS-EXT-STS:task_state\": \"deleting\""));
    cloud.route("GET", "/v2.1/servers/s1", s -> Answer.json(404, "{\"itemNotFound\": {\"code\": 404}}"));

    // when
    nova().deleteAndWait("s1", "worker-1");

    // then
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::line)
        .containsExactly("DELETE /v2.1/servers/s1", "GET /v2.1/servers/s1", "GET /v2.1/servers/s1");
  }

  @Test
  void quotesRegexCharactersInNameFilters() {
    assertThat(Nova.regexQuote("server_all-1.x")).isEqualTo("server_all-1\\.x");
  }
}
