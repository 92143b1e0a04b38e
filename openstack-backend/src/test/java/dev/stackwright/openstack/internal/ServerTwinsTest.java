package dev.stackwright.openstack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.openstack.FakeOpenStack;
import dev.stackwright.openstack.FakeOpenStack.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Servers that race a twin (a server of the same name and marker, from a dead run or a boot sent again) for their
 * port: the twin and the server deleted and the server booted again, or the server kept when no twin came of it.
 */
class ServerTwinsTest {
  private final ServerBuildsRig rig = new ServerBuildsRig();
  private final FakeOpenStack cloud = rig.cloud;

  @BeforeEach
  void noServersListed() {
    rig.noServersListed();
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  private static final String PORT_LOST = ", \"fault\": {\"code\": 500, \"message\": \"Build of instance s1"
      + " aborted: Failed to allocate the network(s), not rescheduling.\"}";

  private static String marked(String id, String status) {
    return marked(id, "worker-1", status);
  }

  /** A server of the given name and id, marked as that name's server of cluster seed. */
  private static String marked(String id, String name, String status) {
    return "{\"id\": \"" + id + "\", \"name\": \"" + name + "\", \"status\": \"" + status + "\", \"metadata\":"
        + " {\"stackwright-cluster\": \"seed\", \"stackwright-id\": \"server/" + name + "\"}}";
  }

  @Test
  void aServerThatLostItsPortToATwinFromAnEarlierRunIsBootedAgainWithoutTheTwin() {
    // given: a dead run's boot of worker-1 (s0) reached Nova after this run looked; Nova bound the port to neither,
    // and this run's boot (s1) failed on its network
    rig.bootsNumbered();
    cloud.enqueue("GET", "/v2.1/servers/s1", ServerBuildsRig.server("s1", "ERROR", PORT_LOST),
        ServerBuildsRig.gone());
    cloud.enqueue("GET", "/v2.1/servers/detail", Answer.json(200, "{\"servers\": [" + marked("s0", "ACTIVE")
        + ", " + marked("s1", "ERROR") + "]}"));
    cloud.enqueue("GET", "/v2.1/servers/s0", ServerBuildsRig.gone());
    twinAndServerDeletedThenBootedAgainAsS2();

    // when
    List<ServerBuilds.Outcome> out = rig.build("worker-1");

    // then: the twin and the failed boot are deleted, and the server booted again
    assertBootedAgainAsS2WithoutTheTwin(out);
  }

  /** The twin s0 and the server s1 can be deleted; the next boot, s2, becomes ACTIVE. */
  private void twinAndServerDeletedThenBootedAgainAsS2() {
    cloud.route("DELETE", "/v2.1/servers/s0", x -> Answer.json(204, ""));
    cloud.route("DELETE", "/v2.1/servers/s1", x -> Answer.json(204, ""));
    cloud.route("GET", "/v2.1/servers/s2", x -> ServerBuildsRig.server("s2", "ACTIVE", ""));
  }

  private void assertBootedAgainAsS2WithoutTheTwin(List<ServerBuilds.Outcome> out) {
    assertThat(out.get(0).server()).map(s -> s.path("id").asText()).as("%s", out.get(0).failure()).contains("s2");
    assertThat(rig.changes()).containsExactly("POST /v2.1/servers", "DELETE /v2.1/servers/s0",
        "DELETE /v2.1/servers/s1", "POST /v2.1/servers");
  }

  @Test
  void aServerWhoseBootWasSentAgainAfterNoAnswerIsBootedAgainWhenTheTwinThatSendMadeTookItsPort() {
    // given: the first send of the boot gets no answer, nothing is found by the marker, the second makes s2; the
    // first send reaches Nova all the same and makes s1, which fails on the port and unbinds it from s2
    cloud.enqueue("POST", "/v2.1/servers", Answer.connectionReset());
    cloud.enqueue("GET", "/v2.1/servers/detail", Answer.json(200, "{\"servers\": []}"),
        Answer.json(200, "{\"servers\": [" + marked("s1", "BUILD") + ", " + marked("s2", "ACTIVE") + "]}"));
    AtomicInteger n = new AtomicInteger(1);
    cloud.route("POST", "/v2.1/servers", x -> Answer.json(202, "{\"server\": {\"id\": \"s" + n.incrementAndGet()
        + "\"}}"));
    cloud.route("GET", "/v2.1/servers/s2", x -> ServerBuildsRig.server("s2", "ACTIVE", ""));
    cloud.enqueue("GET", "/v2.1/servers/s1", ServerBuildsRig.server("s1", "BUILD", ""), ServerBuildsRig.server("s1", "ERROR", PORT_LOST),
        ServerBuildsRig.gone());
    cloud.route("DELETE", "/v2.1/servers/s1", x -> Answer.json(204, ""));
    cloud.route("GET", "/v2.1/servers/s2/os-interface", x -> Answer.json(200, "{\"interfaceAttachments\": []}"));
    cloud.route("DELETE", "/v2.1/servers/s2", x -> Answer.json(204, ""));
    cloud.enqueue("GET", "/v2.1/servers/s2", ServerBuildsRig.server("s2", "ACTIVE", ""),
        ServerBuildsRig.gone());
    cloud.route("GET", "/v2.1/servers/s3", x -> ServerBuildsRig.server("s3", "ACTIVE", ""));

    // when
    List<ServerBuilds.Outcome> out = rig.build("worker-1");

    // then: the twin waited for and deleted, then the server without its port deleted and booted again
    assertThat(out.get(0).server()).map(s -> s.path("id").asText()).as("%s", out.get(0).failure()).contains("s3");
    assertThat(rig.changes()).containsExactly("POST /v2.1/servers", "POST /v2.1/servers", "DELETE /v2.1/servers/s1",
        "DELETE /v2.1/servers/s2", "POST /v2.1/servers");
  }

  @Test
  void aServerWhoseBootWasSentAgainKeepsItsPortWhenNoTwinCameOfIt() {
    // given
    cloud.enqueue("POST", "/v2.1/servers", Answer.connectionReset());
    cloud.route("POST", "/v2.1/servers", x -> Answer.json(202, "{\"server\": {\"id\": \"s2\"}}"));
    cloud.route("GET", "/v2.1/servers/detail", x -> Answer.json(200, "{\"servers\": []}"));
    cloud.route("GET", "/v2.1/servers/s2", x -> ServerBuildsRig.server("s2", "ACTIVE", ""));

    // when
    List<ServerBuilds.Outcome> out = rig.build("worker-1");

    // then: one look by the marker after the answer was lost, one after the server was ACTIVE; nothing deleted
    assertThat(out.get(0).server()).map(s -> s.path("id").asText()).contains("s2");
    assertThat(rig.count("GET /v2.1/servers/detail")).isEqualTo(2);
    assertThat(rig.count("DELETE")).isZero();
  }

  @Test
  void aServerActiveWhoseTwinFromADeadRunFailedAndTookItsPortIsBootedAgain() {
    // given: a dead run's boot of worker-1 (s0) reached Nova just before this run's (s1); Nova made s1 ACTIVE and
    // failed s0, whose clean-up unbound the port from s1
    rig.bootsNumbered();
    cloud.enqueue("GET", "/v2.1/servers/s1", ServerBuildsRig.server("s1", "ACTIVE", ""), ServerBuildsRig.server("s1", "ACTIVE", ""), ServerBuildsRig.gone());
    cloud.enqueue("GET", "/v2.1/servers/detail", Answer.json(200, "{\"servers\": [" + marked("s0", "ERROR")
        + ", " + marked("s1", "ACTIVE") + "]}"));
    cloud.enqueue("GET", "/v2.1/servers/s0", ServerBuildsRig.server("s0", "ERROR", PORT_LOST), ServerBuildsRig.gone());
    cloud.route("GET", "/v2.1/servers/s1/os-interface", x -> Answer.json(200, "{\"interfaceAttachments\": []}"));
    twinAndServerDeletedThenBootedAgainAsS2();

    // when
    List<ServerBuilds.Outcome> out = rig.build("worker-1");

    // then: the twin deleted, then the server without its port deleted and booted again
    assertBootedAgainAsS2WithoutTheTwin(out);
  }

  @Test
  void serversWatchedTogetherHaveTheirTwinsFoundInTheListThatSawThemActive() {
    // given: the one list shows w-1 and w-2 ACTIVE, and a failed twin of w-1 (t0); w-1 kept its port
    rig.bootsByName();
    cloud.route("GET", "/v2.1/servers/detail", x -> Answer.json(200, "{\"servers\": [" + marked("w-1", "ACTIVE")
        + ", " + marked("w-2", "ACTIVE") + ", " + marked("t0", "w-1", "ERROR") + "]}"));
    cloud.enqueue("GET", "/v2.1/servers/t0", ServerBuildsRig.server("t0", "ERROR", PORT_LOST), ServerBuildsRig.gone());
    cloud.route("DELETE", "/v2.1/servers/t0", x -> Answer.json(204, ""));
    cloud.route("GET", "/v2.1/servers/w-1/os-interface", x -> Answer.json(200,
        "{\"interfaceAttachments\": [{\"port_id\": \"p-w-1\"}]}"));

    // when
    List<ServerBuilds.Outcome> out = rig.build("w-1", "w-2");

    // then: no look of its own for the twins; the twin deleted; both servers kept
    assertThat(out).extracting(o -> o.server().map(s -> s.path("id").asText()).orElse("failed"))
        .containsExactly("w-1", "w-2");
    assertThat(rig.count("GET /v2.1/servers/detail")).isEqualTo(1);
    assertThat(rig.changes()).containsExactly("POST /v2.1/servers", "POST /v2.1/servers", "DELETE /v2.1/servers/t0");
  }

  @Test
  void aServerWhoseNetworkFailedWithoutATwinFailsWithItsFault() {
    // given
    rig.bootsNumbered();
    cloud.route("GET", "/v2.1/servers/s1", x -> ServerBuildsRig.server("s1", "ERROR", PORT_LOST));
    cloud.route("GET", "/v2.1/servers/detail", x -> Answer.json(200, "{\"servers\": [" + marked("s1", "ERROR")
        + "]}"));
    cloud.route("POST", "/v2.1/servers/s1/action", x -> Answer.json(200, "{\"output\": \"\"}"));

    // when
    List<ServerBuilds.Outcome> out = rig.build("worker-1");

    // then
    assertThat(rig.count("DELETE")).isZero();
    assertThat(out.get(0).failure()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .hasMessageContaining("server worker-1 (s1) went to ERROR: 500 Build of instance s1 aborted: Failed to"
            + " allocate the network(s)");
  }
}
