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
