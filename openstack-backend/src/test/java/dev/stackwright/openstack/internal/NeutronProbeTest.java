package dev.stackwright.openstack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.openstack.FakeOpenStack;
import dev.stackwright.openstack.FakeOpenStack.Answer;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whether Neutron takes tags in a create (its {@code tag-creation} extension) is asked once and kept only when the
 * answer is definite: there (200) or not (404). A failure that says nothing about the extension (a 500, a 503 or a
 * lost connection past the retries) is asked again next time, and meanwhile the tags go by a PUT after the create.
 */
class NeutronProbeTest {
  private static final String PROBE = "/v2.0/extensions/tag-creation";
  private final FakeOpenStack cloud = FakeOpenStack.start();
  private final AtomicReference<Answer> probe = new AtomicReference<>();
  private final AtomicInteger made = new AtomicInteger();

  @BeforeEach
  void routes() {
    cloud.route("GET", PROBE, s -> probe.get());
    cloud.route("GET", "/v2.0/security-groups", s -> Answer.json(200, "{\"security_groups\": []}"));
    cloud.route("POST", "/v2.0/security-groups", s -> Answer.json(201, "{\"security_group\": {\"id\": \"g"
        + made.incrementAndGet() + "\", \"tags\": []}}"));
    cloud.route("PUT", "/v2.0/security-groups/g1/tags", s -> Answer.json(200, "{\"tags\": []}"));
    cloud.route("PUT", "/v2.0/security-groups/g2/tags", s -> Answer.json(200, "{\"tags\": []}"));
  }

  @AfterEach
  void stop() {
    cloud.close();
  }

  private Neutron neutron() {
    Settings s = Settings.defaults();
    return new Neutron(new Http(new Session(cloud.credentials(), s, Clock.systemUTC()), s, d -> { }));
  }

  private long probes() {
    return cloud.requests().stream().filter(r -> r.path().equals(PROBE)).count();
  }

  private FakeOpenStack.Seen lastCreate() {
    return cloud.requests().stream().filter(r -> r.method().equals("POST")).reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void aServerErrorIsAskedAgainNextTime() {
    // given
    Neutron neutron = neutron();
    probe.set(Answer.json(500, "{\"NeutronError\": {\"message\": \"Request Failed: internal server error\"}}"));
    neutron.createSecurityGroup("seed-a", new Marker("seed", "security-group/a"));

    // when: the extension answers now
    probe.set(Answer.json(200, "{\"extension\": {\"alias\": \"tag-creation\"}}"));
    neutron.createSecurityGroup("seed-b", new Marker("seed", "security-group/b"));

    // then
    assertThat(probes()).isEqualTo(2);
    assertThat(lastCreate().body()).contains("\"tags\"");
  }

  @Test
  void aLostConnectionFallsBackToTaggingAfterTheCreateAndIsAskedAgainNextTime() {
    // given
    Neutron neutron = neutron();
    probe.set(Answer.connectionReset());

    // when
    String first = neutron.createSecurityGroup("seed-a", new Marker("seed", "security-group/a")).path("id").asText();
    long asked = probes();
    probe.set(Answer.json(200, "{\"extension\": {\"alias\": \"tag-creation\"}}"));
    neutron.createSecurityGroup("seed-b", new Marker("seed", "security-group/b"));

    // then: the first group was made and tagged by a PUT; the second create asked again and tagged inline
    assertThat(first).isEqualTo("g1");
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::line).contains("PUT /v2.0/security-groups/g1/tags");
    assertThat(probes()).isEqualTo(asked + 1);
    assertThat(lastCreate().body()).contains("\"tags\"");
  }

  @Test
  void aDefiniteNoIsKept() {
    // given
    Neutron neutron = neutron();
    probe.set(Answer.json(404, "{\"NeutronError\": {\"message\": \"Extension tag-creation not found.\"}}"));

    // when
    neutron.createSecurityGroup("seed-a", new Marker("seed", "security-group/a"));
    neutron.createSecurityGroup("seed-b", new Marker("seed", "security-group/b"));

    // then
    assertThat(probes()).isEqualTo(1);
    assertThat(lastCreate().body()).doesNotContain("\"tags\"");
  }

  @Test
  void aDefiniteYesIsKept() {
    // given
    Neutron neutron = neutron();
    probe.set(Answer.json(200, "{\"extension\": {\"alias\": \"tag-creation\"}}"));

    // when
    neutron.createSecurityGroup("seed-a", new Marker("seed", "security-group/a"));
    neutron.createSecurityGroup("seed-b", new Marker("seed", "security-group/b"));

    // then
    assertThat(probes()).isEqualTo(1);
    assertThat(lastCreate().body()).contains("\"tags\"");
  }
}
