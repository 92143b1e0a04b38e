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

class ServerBuildsTest {
  private static final String NO_HOST = ", \"fault\": {\"code\": 500, \"message\":"
      + " \"No valid host was found. There are not enough hosts available.\"}";
  private final FakeOpenStack cloud = FakeOpenStack.start();
  private final HttpTest.MutableClock clock = new HttpTest.MutableClock();

  /** No twins by default: the look by name and marker at a server read alone once ACTIVE finds none. */
  @BeforeEach
  void noServersListed() {
    cloud.route("GET", "/v2.1/servers/detail", x -> Answer.json(200, "{\"servers\": []}"));
  }

  @AfterEach
  void stop() {
    cloud.close();
  }

  private List<ServerBuilds.Outcome> build(String... names) {
    return build(Optional.empty(), names);
  }

  /** Boots servers; those named {@code g...} are members of the paced (strict anti-affinity) group, if given. */
  private List<ServerBuilds.Outcome> build(Optional<String> pacedGroup, String... names) {
    Settings d = Settings.defaults();
    Settings s = new Settings(d.connectTimeout(), d.readTimeout(), d.tokenRefreshMargin(), d.proxy(),
        d.retryAttempts(), d.retryBudget(), d.retryBaseDelay(), Duration.ofSeconds(5), d.pollInterval(), d.pageSize());
    Http.Sleeper sleeper = clock::advance;
    Nova nova = new Nova(new Http(new Session(cloud.credentials(), s, clock), s, sleeper), s, sleeper, clock);
    List<ServerBuilds.Boot> boots = new ArrayList<>();
    for (String n : names) {
      boots.add(new ServerBuilds.Boot(new Nova.ServerSpec(n, "f", "i", List.of("p-" + n), Optional.empty(),
          Optional.empty(), Optional.empty(), Map.of()), new Marker("seed", "server/" + n),
          n.startsWith("g") ? pacedGroup : Optional.empty()));
    }
    return new ServerBuilds(nova, 2).build("seed", boots);
  }

  private static Answer server(String id, String status, String extra) {
    return Answer.json(200, "{\"server\": " + body(id, status, extra) + "}");
  }

  private static String body(String id, String status, String extra) {
    return "{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"status\": \"" + status + "\", \"metadata\":"
        + " {\"stackwright-cluster\": \"seed\"}" + extra + "}";
  }

  /** The look by name and marker at worker-1, read alone once ACTIVE, for its twins. */
  private static final String TWINS_OF_WORKER = "GET /v2.1/servers/detail?name=%5Eworker-1%24&limit=500";

  /** Boots answer s1, s2, ... in the order they arrive. */
  private void bootsNumbered() {
    AtomicInteger n = new AtomicInteger();
    cloud.route("POST", "/v2.1/servers", x -> Answer.json(202, "{\"server\": {\"id\": \"s" + n.incrementAndGet()
        + "\"}}"));
  }

  /** Boots answer with the server's own name as its id, whatever order they arrive in. */
  private void bootsByName() {
    java.util.regex.Pattern name = java.util.regex.Pattern.compile("\"name\":\"([^\"]+)\"");
    cloud.route("POST", "/v2.1/servers", x -> {
      java.util.regex.Matcher m = name.matcher(x.body());
      return Answer.json(202, "{\"server\": {\"id\": \"" + (m.find() ? m.group(1) : "?") + "\"}}");
    });
  }

  /** The requests that change something (all but GETs), in order. */
  private List<String> changes() {
    return cloud.requests().stream().map(FakeOpenStack.Seen::line).filter(l -> !l.startsWith("GET")).toList();
  }

  private static Answer gone() {
    return Answer.json(404, "{\"itemNotFound\": {\"code\": 404}}");
  }

  private long count(String line) {
    return cloud.requests().stream().filter(r -> r.line().startsWith(line)).count();
  }

  @Test
  void waitsForOneServerWithItsOwnStatusUntilItIsActive() {
    // given
    bootsNumbered();
    cloud.enqueue("GET", "/v2.1/servers/s1", server("s1", "BUILD", ""), server("s1", "BUILD", ""));
    cloud.route("GET", "/v2.1/servers/s1", x -> server("s1", "ACTIVE", ""));

    // when
    List<ServerBuilds.Outcome> out = build("worker-1");

    // then
    assertThat(out.get(0).server()).map(s -> s.path("status").asText()).contains("ACTIVE");
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::line).containsExactly("POST /v2.1/servers",
        "GET /v2.1/servers/s1", "GET /v2.1/servers/s1", "GET /v2.1/servers/s1", TWINS_OF_WORKER);
  }

  @Test
  void waitsForManyServersWithOneListAPollWhateverTheirNumber() {
    // given: five servers, all BUILD in the first two lists, all ACTIVE in the third
    bootsNumbered();
    AtomicInteger lists = new AtomicInteger();
    cloud.route("GET", "/v2.1/servers/detail", x -> {
      String status = lists.incrementAndGet() < 3 ? "BUILD" : "ACTIVE";
      return Answer.json(200, "{\"servers\": [" + String.join(", ", IntStream.rangeClosed(1, 5)
          .mapToObj(i -> body("s" + i, status, "")).toList()) + "]}");
    });

    // when
    List<ServerBuilds.Outcome> out = build("w-1", "w-2", "w-3", "w-4", "w-5");

    // then
    assertThat(out).allSatisfy(o -> assertThat(o.failure()).isEmpty());
    assertThat(count("POST /v2.1/servers")).isEqualTo(5);
    assertThat(count("GET /v2.1/servers/detail")).isEqualTo(3);
    assertThat(count("GET /v2.1/servers/s")).isZero();
  }

  @Test
  void theMembersOfAStrictGroupAreBootedEachOnceTheOneBeforeHasLeftTheScheduler() {
    // given: g1 is scheduling in the first list, spawning in the second; all are ACTIVE from the third
    bootsByName();
    AtomicInteger lists = new AtomicInteger();
    cloud.route("GET", "/v2.1/servers/detail", x -> {
      int n = lists.incrementAndGet();
      String g1 = n == 1 ? body("g1", "BUILD", ", \"OS-EXT-STS:task_state\": \"scheduling\"")
          : n == 2 ? body("g1", "BUILD", ", \"OS-EXT-STS:task_state\": \"spawning\"") : body("g1", "ACTIVE", "");
      String others = n < 3 ? body("a", "BUILD", "") : body("a", "ACTIVE", "") + ", " + body("g2", "ACTIVE", "");
      return Answer.json(200, "{\"servers\": [" + g1 + ", " + others + "]}");
    });

    // when
    List<ServerBuilds.Outcome> out = build(Optional.of("group-1"), "a", "g1", "g2");

    // then: g2 left after the list that showed g1 placed, not before
    assertThat(out).allSatisfy(o -> assertThat(o.failure()).isEmpty());
    List<String> lines = cloud.requests().stream().map(FakeOpenStack.Seen::line).toList();
    assertThat(lines.subList(2, 5)).containsExactly("GET /v2.1/servers/detail?limit=500",
        "GET /v2.1/servers/detail?limit=500",
        "POST /v2.1/servers");
    assertThat(cloud.requests().get(4).body()).contains("\"name\":\"g2\"");
  }

  @Test
  void aServerNovaCouldNotPlaceIsDeletedAndBootedAgain() {
    // given: the first boot (s1) finds no host; the second (s2) becomes ACTIVE
    bootsNumbered();
    cloud.route("GET", "/v2.1/servers/s1", x -> server("s1", "ERROR", NO_HOST));
    cloud.route("DELETE", "/v2.1/servers/s1", x -> Answer.json(204, ""));
    cloud.enqueue("GET", "/v2.1/servers/s1", server("s1", "ERROR", NO_HOST),
        gone());
    cloud.route("GET", "/v2.1/servers/s2", x -> server("s2", "ACTIVE", ""));

    // when
    List<ServerBuilds.Outcome> out = build("worker-1");

    // then
    assertThat(out.get(0).failure()).isEmpty();
    assertThat(out.get(0).server()).map(s -> s.path("id").asText()).contains("s2");
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::line).containsExactly("POST /v2.1/servers",
        "GET /v2.1/servers/s1", "DELETE /v2.1/servers/s1", "GET /v2.1/servers/s1", "POST /v2.1/servers",
        "GET /v2.1/servers/s2", TWINS_OF_WORKER);
  }

  @Test
  void aServerThatFindsNoHostOnEveryBootFailsNamingTheAttempts() {
    // given: every boot finds no host, and each deleted server is gone at once
    bootsNumbered();
    for (int i = 1; i <= ServerBuilds.SCHEDULING_ATTEMPTS; i++) {
      String id = "s" + i;
      cloud.enqueue("GET", "/v2.1/servers/" + id, server(id, "ERROR", NO_HOST),
          gone());
      cloud.route("DELETE", "/v2.1/servers/" + id, x -> Answer.json(204, ""));
    }
    String last = "s" + ServerBuilds.SCHEDULING_ATTEMPTS;
    cloud.route("GET", "/v2.1/servers/" + last, x -> server(last, "ERROR", NO_HOST));
    cloud.route("POST", "/v2.1/servers/" + last + "/action", x -> Answer.json(200, "{\"output\": \"\"}"));

    // when
    List<ServerBuilds.Outcome> out = build("worker-1");

    // then
    assertThat(count("POST /v2.1/servers")).isEqualTo(ServerBuilds.SCHEDULING_ATTEMPTS + 1); // + the console log
    assertThat(out.get(0).failure()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .isInstanceOf(ServerFailedException.class)
        .hasMessageContaining("server worker-1 (" + last + ") went to ERROR: 500 No valid host was found")
        .hasMessageContaining("(boot 3 of 3; each found no place)");
  }

  @Test
  void aServerListedInErrorWithoutItsFaultIsReadAloneForIt() {
    // given: the list leaves out s1's fault, as Nova's does for a server no hypervisor took; its own GET has it
    bootsByName();
    cloud.route("GET", "/v2.1/servers/detail", x -> Answer.json(200, "{\"servers\": [" + body("s1", "ERROR", "")
        + ", " + body("s2", "ACTIVE", "") + "]}"));
    cloud.route("GET", "/v2.1/servers/s1", x -> server("s1", "ERROR", ", \"fault\": {\"code\": 500, \"message\":"
        + " \"Build of instance s1 aborted: Image is corrupt\"}"));
    cloud.route("POST", "/v2.1/servers/s1/action", x -> Answer.json(200, "{\"output\": \"\"}"));

    // when
    List<ServerBuilds.Outcome> out = build("s1", "s2");

    // then
    assertThat(count("GET /v2.1/servers/s1")).isEqualTo(1);
    assertThat(out.get(0).failure()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .hasMessageContaining("went to ERROR: 500 Build of instance s1 aborted: Image is corrupt");
  }

  @Test
  void aServerSeenInErrorBeforeItsFaultIsWrittenIsLookedAtAgainForTheFault() {
    // given: the first two looks see ERROR with no fault yet (Nova writes the two apart); then the fault
    bootsNumbered();
    cloud.enqueue("GET", "/v2.1/servers/s1", server("s1", "ERROR", ""), server("s1", "ERROR", ""));
    cloud.route("GET", "/v2.1/servers/s1", x -> server("s1", "ERROR", ", \"fault\": {\"code\": 500, \"message\":"
        + " \"Build of instance s1 aborted: Image is corrupt\"}"));
    cloud.route("POST", "/v2.1/servers/s1/action", x -> Answer.json(200, "{\"output\": \"\"}"));

    // when
    List<ServerBuilds.Outcome> out = build("worker-1");

    // then
    assertThat(count("GET /v2.1/servers/s1")).isEqualTo(3);
    assertThat(out.get(0).failure()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .hasMessageContaining("went to ERROR: 500 Build of instance s1 aborted: Image is corrupt");
  }

  @Test
  void aServerAloneInErrorWithoutAFaultIsReadOncePerLookNotTwice() {
    // given: one server, in ERROR, whose fault never comes
    bootsNumbered();
    cloud.route("GET", "/v2.1/servers/s1", x -> server("s1", "ERROR", ""));
    cloud.route("POST", "/v2.1/servers/s1/action", x -> Answer.json(200, "{\"output\": \"\"}"));

    // when
    List<ServerBuilds.Outcome> out = build("worker-1");

    // then: its own GET is each look (no list to re-read it after): the first and 3 more, then it fails as it is
    assertThat(count("GET /v2.1/servers/s1")).isEqualTo(1 + 3);
    assertThat(out.get(0).failure()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .hasMessageContaining("Nova reported no fault");
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
    bootsNumbered();
    cloud.enqueue("GET", "/v2.1/servers/s1", server("s1", "ERROR", PORT_LOST),
        gone());
    cloud.enqueue("GET", "/v2.1/servers/detail", Answer.json(200, "{\"servers\": [" + marked("s0", "ACTIVE")
        + ", " + marked("s1", "ERROR") + "]}"));
    cloud.enqueue("GET", "/v2.1/servers/s0", gone());
    twinAndServerDeletedThenBootedAgainAsS2();

    // when
    List<ServerBuilds.Outcome> out = build("worker-1");

    // then: the twin and the failed boot are deleted, and the server booted again
    assertBootedAgainAsS2WithoutTheTwin(out);
  }

  /** The twin s0 and the server s1 can be deleted; the next boot, s2, becomes ACTIVE. */
  private void twinAndServerDeletedThenBootedAgainAsS2() {
    cloud.route("DELETE", "/v2.1/servers/s0", x -> Answer.json(204, ""));
    cloud.route("DELETE", "/v2.1/servers/s1", x -> Answer.json(204, ""));
    cloud.route("GET", "/v2.1/servers/s2", x -> server("s2", "ACTIVE", ""));
  }

  private void assertBootedAgainAsS2WithoutTheTwin(List<ServerBuilds.Outcome> out) {
    assertThat(out.get(0).server()).map(s -> s.path("id").asText()).as("%s", out.get(0).failure()).contains("s2");
    assertThat(changes()).containsExactly("POST /v2.1/servers", "DELETE /v2.1/servers/s0",
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
    cloud.route("GET", "/v2.1/servers/s2", x -> server("s2", "ACTIVE", ""));
    cloud.enqueue("GET", "/v2.1/servers/s1", server("s1", "BUILD", ""), server("s1", "ERROR", PORT_LOST),
        gone());
    cloud.route("DELETE", "/v2.1/servers/s1", x -> Answer.json(204, ""));
    cloud.route("GET", "/v2.1/servers/s2/os-interface", x -> Answer.json(200, "{\"interfaceAttachments\": []}"));
    cloud.route("DELETE", "/v2.1/servers/s2", x -> Answer.json(204, ""));
    cloud.enqueue("GET", "/v2.1/servers/s2", server("s2", "ACTIVE", ""),
        gone());
    cloud.route("GET", "/v2.1/servers/s3", x -> server("s3", "ACTIVE", ""));

    // when
    List<ServerBuilds.Outcome> out = build("worker-1");

    // then: the twin waited for and deleted, then the server without its port deleted and booted again
    assertThat(out.get(0).server()).map(s -> s.path("id").asText()).as("%s", out.get(0).failure()).contains("s3");
    assertThat(changes()).containsExactly("POST /v2.1/servers", "POST /v2.1/servers", "DELETE /v2.1/servers/s1",
        "DELETE /v2.1/servers/s2", "POST /v2.1/servers");
  }

  @Test
  void aServerWhoseBootWasSentAgainKeepsItsPortWhenNoTwinCameOfIt() {
    // given
    cloud.enqueue("POST", "/v2.1/servers", Answer.connectionReset());
    cloud.route("POST", "/v2.1/servers", x -> Answer.json(202, "{\"server\": {\"id\": \"s2\"}}"));
    cloud.route("GET", "/v2.1/servers/detail", x -> Answer.json(200, "{\"servers\": []}"));
    cloud.route("GET", "/v2.1/servers/s2", x -> server("s2", "ACTIVE", ""));

    // when
    List<ServerBuilds.Outcome> out = build("worker-1");

    // then: one look by the marker after the answer was lost, one after the server was ACTIVE; nothing deleted
    assertThat(out.get(0).server()).map(s -> s.path("id").asText()).contains("s2");
    assertThat(count("GET /v2.1/servers/detail")).isEqualTo(2);
    assertThat(count("DELETE")).isZero();
  }

  @Test
  void aServerActiveWhoseTwinFromADeadRunFailedAndTookItsPortIsBootedAgain() {
    // given: a dead run's boot of worker-1 (s0) reached Nova just before this run's (s1); Nova made s1 ACTIVE and
    // failed s0, whose clean-up unbound the port from s1
    bootsNumbered();
    cloud.enqueue("GET", "/v2.1/servers/s1", server("s1", "ACTIVE", ""), server("s1", "ACTIVE", ""), gone());
    cloud.enqueue("GET", "/v2.1/servers/detail", Answer.json(200, "{\"servers\": [" + marked("s0", "ERROR")
        + ", " + marked("s1", "ACTIVE") + "]}"));
    cloud.enqueue("GET", "/v2.1/servers/s0", server("s0", "ERROR", PORT_LOST), gone());
    cloud.route("GET", "/v2.1/servers/s1/os-interface", x -> Answer.json(200, "{\"interfaceAttachments\": []}"));
    twinAndServerDeletedThenBootedAgainAsS2();

    // when
    List<ServerBuilds.Outcome> out = build("worker-1");

    // then: the twin deleted, then the server without its port deleted and booted again
    assertBootedAgainAsS2WithoutTheTwin(out);
  }

  @Test
  void serversWatchedTogetherHaveTheirTwinsFoundInTheListThatSawThemActive() {
    // given: the one list shows w-1 and w-2 ACTIVE, and a failed twin of w-1 (t0); w-1 kept its port
    bootsByName();
    cloud.route("GET", "/v2.1/servers/detail", x -> Answer.json(200, "{\"servers\": [" + marked("w-1", "ACTIVE")
        + ", " + marked("w-2", "ACTIVE") + ", " + marked("t0", "w-1", "ERROR") + "]}"));
    cloud.enqueue("GET", "/v2.1/servers/t0", server("t0", "ERROR", PORT_LOST), gone());
    cloud.route("DELETE", "/v2.1/servers/t0", x -> Answer.json(204, ""));
    cloud.route("GET", "/v2.1/servers/w-1/os-interface", x -> Answer.json(200,
        "{\"interfaceAttachments\": [{\"port_id\": \"p-w-1\"}]}"));

    // when
    List<ServerBuilds.Outcome> out = build("w-1", "w-2");

    // then: no look of its own for the twins; the twin deleted; both servers kept
    assertThat(out).extracting(o -> o.server().map(s -> s.path("id").asText()).orElse("failed"))
        .containsExactly("w-1", "w-2");
    assertThat(count("GET /v2.1/servers/detail")).isEqualTo(1);
    assertThat(changes()).containsExactly("POST /v2.1/servers", "POST /v2.1/servers", "DELETE /v2.1/servers/t0");
  }

  @Test
  void aServerWhoseNetworkFailedWithoutATwinFailsWithItsFault() {
    // given
    bootsNumbered();
    cloud.route("GET", "/v2.1/servers/s1", x -> server("s1", "ERROR", PORT_LOST));
    cloud.route("GET", "/v2.1/servers/detail", x -> Answer.json(200, "{\"servers\": [" + marked("s1", "ERROR")
        + "]}"));
    cloud.route("POST", "/v2.1/servers/s1/action", x -> Answer.json(200, "{\"output\": \"\"}"));

    // when
    List<ServerBuilds.Outcome> out = build("worker-1");

    // then
    assertThat(count("DELETE")).isZero();
    assertThat(out.get(0).failure()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .hasMessageContaining("server worker-1 (s1) went to ERROR: 500 Build of instance s1 aborted: Failed to"
            + " allocate the network(s)");
  }

  @Test
  void anotherErrorIsFinalAndCarriesTheFaultAndConsoleLog() {
    // given
    bootsNumbered();
    cloud.route("GET", "/v2.1/servers/s1", x -> server("s1", "ERROR", ", \"fault\": {\"code\": 500, \"message\":"
        + " \"Build of instance s1 aborted: Image is corrupt\"}"));
    cloud.route("POST", "/v2.1/servers/s1/action", x -> Answer.json(200,
        "{\"output\": \"booting\\nkernel panic: no init found\\n\"}"));

    // when
    List<ServerBuilds.Outcome> out = build("worker-1");

    // then
    assertThat(count("DELETE")).isZero();
    assertThat(out.get(0).failure()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .hasMessageContaining("server worker-1 (s1) went to ERROR: 500 Build of instance s1 aborted")
        .hasMessageContaining("kernel panic: no init found");
  }

  @Test
  void aServerStillBuildingAtTheDeadlineFailsClearlyWhileTheOthersSucceed() {
    // given: s1 stays in BUILD, s2 becomes ACTIVE (then s1, alone, is read by its id)
    bootsByName();
    cloud.route("GET", "/v2.1/servers/s1", x -> server("s1", "BUILD", ", \"OS-EXT-STS:task_state\": \"spawning\""));
    cloud.route("GET", "/v2.1/servers/detail", x -> Answer.json(200, "{\"servers\": [" + body("s1", "BUILD",
        ", \"OS-EXT-STS:task_state\": \"spawning\"") + ", " + body("s2", "ACTIVE", "") + "]}"));

    // when
    List<ServerBuilds.Outcome> out = build("s1", "s2");

    // then
    assertThat(out.get(0).failure()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .hasMessageContaining("server s1 (s1) is still BUILD (task spawning) after 5.0 s, the deadline;"
            + " it was not reported as built");
    assertThat(out.get(1).server()).map(s -> s.path("id").asText()).contains("s2");
  }

  @Test
  void aServerGoneFromTheListFailsAsDisappeared() {
    // given: the list holds only s2
    bootsByName();
    cloud.route("GET", "/v2.1/servers/detail", x -> Answer.json(200, "{\"servers\": [" + body("s2", "ACTIVE", "")
        + "]}"));

    // when
    List<ServerBuilds.Outcome> out = build("s1", "s2");

    // then
    assertThat(out.get(0).failure()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .hasMessageContaining("disappeared while it was being built");
  }
}
