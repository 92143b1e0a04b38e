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

/** Servers booted and waited for together: one look a poll, paced groups, boots again, faults, deadlines. */
class ServerBuildsTest {
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

  @Test
  void waitsForOneServerWithItsOwnStatusUntilItIsActive() {
    // given
    rig.bootsNumbered();
    cloud.enqueue("GET", "/v2.1/servers/s1", ServerBuildsRig.server("s1", "BUILD", ""), ServerBuildsRig.server("s1", "BUILD", ""));
    cloud.route("GET", "/v2.1/servers/s1", x -> ServerBuildsRig.server("s1", "ACTIVE", ""));

    // when
    List<ServerBuilds.Outcome> out = rig.build("worker-1");

    // then
    assertThat(out.get(0).server()).map(s -> s.path("status").asText()).contains("ACTIVE");
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::line).containsExactly("POST /v2.1/servers",
        "GET /v2.1/servers/s1", "GET /v2.1/servers/s1", "GET /v2.1/servers/s1", ServerBuildsRig.TWINS_OF_WORKER);
  }

  @Test
  void waitsForManyServersWithOneListAPollWhateverTheirNumber() {
    // given: five servers, all BUILD in the first two lists, all ACTIVE in the third
    rig.bootsNumbered();
    AtomicInteger lists = new AtomicInteger();
    cloud.route("GET", "/v2.1/servers/detail", x -> {
      String status = lists.incrementAndGet() < 3 ? "BUILD" : "ACTIVE";
      return Answer.json(200, "{\"servers\": [" + String.join(", ", IntStream.rangeClosed(1, 5)
          .mapToObj(i -> ServerBuildsRig.body("s" + i, status, "")).toList()) + "]}");
    });

    // when
    List<ServerBuilds.Outcome> out = rig.build("w-1", "w-2", "w-3", "w-4", "w-5");

    // then
    assertThat(out).allSatisfy(o -> assertThat(o.failure()).isEmpty());
    assertThat(rig.count("POST /v2.1/servers")).isEqualTo(5);
    assertThat(rig.count("GET /v2.1/servers/detail")).isEqualTo(3);
    assertThat(rig.count("GET /v2.1/servers/s")).isZero();
  }

  @Test
  void theMembersOfAStrictGroupAreBootedEachOnceTheOneBeforeHasLeftTheScheduler() {
    // given: g1 is scheduling in the first list, spawning in the second; all are ACTIVE from the third
    rig.bootsByName();
    AtomicInteger lists = new AtomicInteger();
    cloud.route("GET", "/v2.1/servers/detail", x -> {
      int n = lists.incrementAndGet();
      String g1 = n == 1 ? ServerBuildsRig.body("g1", "BUILD", ", \"OS-EXT-STS:task_state\": \"scheduling\"")
          : n == 2 ? ServerBuildsRig.body("g1", "BUILD", ", \"OS-EXT-STS:task_state\": \"spawning\"") : ServerBuildsRig.body("g1", "ACTIVE", "");
      String others = n < 3 ? ServerBuildsRig.body("a", "BUILD", "") : ServerBuildsRig.body("a", "ACTIVE", "") + ", " + ServerBuildsRig.body("g2", "ACTIVE", "");
      return Answer.json(200, "{\"servers\": [" + g1 + ", " + others + "]}");
    });

    // when
    List<ServerBuilds.Outcome> out = rig.build(Optional.of("group-1"), "a", "g1", "g2");

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
    rig.bootsNumbered();
    cloud.route("GET", "/v2.1/servers/s1", x -> ServerBuildsRig.server("s1", "ERROR", ServerBuildsRig.NO_HOST));
    cloud.route("DELETE", "/v2.1/servers/s1", x -> Answer.json(204, ""));
    cloud.enqueue("GET", "/v2.1/servers/s1", ServerBuildsRig.server("s1", "ERROR", ServerBuildsRig.NO_HOST),
        ServerBuildsRig.gone());
    cloud.route("GET", "/v2.1/servers/s2", x -> ServerBuildsRig.server("s2", "ACTIVE", ""));

    // when
    List<ServerBuilds.Outcome> out = rig.build("worker-1");

    // then
    assertThat(out.get(0).failure()).isEmpty();
    assertThat(out.get(0).server()).map(s -> s.path("id").asText()).contains("s2");
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::line).containsExactly("POST /v2.1/servers",
        "GET /v2.1/servers/s1", "DELETE /v2.1/servers/s1", "GET /v2.1/servers/s1", "POST /v2.1/servers",
        "GET /v2.1/servers/s2", ServerBuildsRig.TWINS_OF_WORKER);
  }

  @Test
  void aServerThatFindsNoHostOnEveryBootFailsNamingTheAttempts() {
    // given: every boot finds no host, and each deleted server is gone at once
    rig.bootsNumbered();
    for (int i = 1; i <= ServerBuilds.SCHEDULING_ATTEMPTS; i++) {
      String id = "s" + i;
      cloud.enqueue("GET", "/v2.1/servers/" + id, ServerBuildsRig.server(id, "ERROR", ServerBuildsRig.NO_HOST),
          ServerBuildsRig.gone());
      cloud.route("DELETE", "/v2.1/servers/" + id, x -> Answer.json(204, ""));
    }
    String last = "s" + ServerBuilds.SCHEDULING_ATTEMPTS;
    cloud.route("GET", "/v2.1/servers/" + last, x -> ServerBuildsRig.server(last, "ERROR", ServerBuildsRig.NO_HOST));
    cloud.route("POST", "/v2.1/servers/" + last + "/action", x -> Answer.json(200, "{\"output\": \"\"}"));

    // when
    List<ServerBuilds.Outcome> out = rig.build("worker-1");

    // then
    assertThat(rig.count("POST /v2.1/servers")).isEqualTo(ServerBuilds.SCHEDULING_ATTEMPTS + 1); // + the console log
    assertThat(out.get(0).failure()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .isInstanceOf(ServerFailedException.class)
        .hasMessageContaining("server worker-1 (" + last + ") went to ERROR: 500 No valid host was found")
        .hasMessageContaining("(boot 3 of 3; each found no place)");
  }

  @Test
  void aServerListedInErrorWithoutItsFaultIsReadAloneForIt() {
    // given: the list leaves out s1's fault, as Nova's does for a server no hypervisor took; its own GET has it
    rig.bootsByName();
    cloud.route("GET", "/v2.1/servers/detail", x -> Answer.json(200, "{\"servers\": [" + ServerBuildsRig.body("s1", "ERROR", "")
        + ", " + ServerBuildsRig.body("s2", "ACTIVE", "") + "]}"));
    cloud.route("GET", "/v2.1/servers/s1", x -> ServerBuildsRig.server("s1", "ERROR", ", \"fault\": {\"code\": 500, \"message\":"
        + " \"Build of instance s1 aborted: Image is corrupt\"}"));
    cloud.route("POST", "/v2.1/servers/s1/action", x -> Answer.json(200, "{\"output\": \"\"}"));

    // when
    List<ServerBuilds.Outcome> out = rig.build("s1", "s2");

    // then
    assertThat(rig.count("GET /v2.1/servers/s1")).isEqualTo(1);
    assertThat(out.get(0).failure()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .hasMessageContaining("went to ERROR: 500 Build of instance s1 aborted: Image is corrupt");
  }

  @Test
  void aServerSeenInErrorBeforeItsFaultIsWrittenIsLookedAtAgainForTheFault() {
    // given: the first two looks see ERROR with no fault yet (Nova writes the two apart); then the fault
    rig.bootsNumbered();
    cloud.enqueue("GET", "/v2.1/servers/s1", ServerBuildsRig.server("s1", "ERROR", ""), ServerBuildsRig.server("s1", "ERROR", ""));
    cloud.route("GET", "/v2.1/servers/s1", x -> ServerBuildsRig.server("s1", "ERROR", ", \"fault\": {\"code\": 500, \"message\":"
        + " \"Build of instance s1 aborted: Image is corrupt\"}"));
    cloud.route("POST", "/v2.1/servers/s1/action", x -> Answer.json(200, "{\"output\": \"\"}"));

    // when
    List<ServerBuilds.Outcome> out = rig.build("worker-1");

    // then
    assertThat(rig.count("GET /v2.1/servers/s1")).isEqualTo(3);
    assertThat(out.get(0).failure()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .hasMessageContaining("went to ERROR: 500 Build of instance s1 aborted: Image is corrupt");
  }

  @Test
  void aServerAloneInErrorWithoutAFaultIsReadOncePerLookNotTwice() {
    // given: one server, in ERROR, whose fault never comes
    rig.bootsNumbered();
    cloud.route("GET", "/v2.1/servers/s1", x -> ServerBuildsRig.server("s1", "ERROR", ""));
    cloud.route("POST", "/v2.1/servers/s1/action", x -> Answer.json(200, "{\"output\": \"\"}"));

    // when
    List<ServerBuilds.Outcome> out = rig.build("worker-1");

    // then: its own GET is each look (no list to re-read it after): the first and 3 more, then it fails as it is
    assertThat(rig.count("GET /v2.1/servers/s1")).isEqualTo(1 + 3);
    assertThat(out.get(0).failure()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .hasMessageContaining("Nova reported no fault");
  }

  @Test
  void anotherErrorIsFinalAndCarriesTheFaultAndConsoleLog() {
    // given
    rig.bootsNumbered();
    cloud.route("GET", "/v2.1/servers/s1", x -> ServerBuildsRig.server("s1", "ERROR", ", \"fault\": {\"code\": 500, \"message\":"
        + " \"Build of instance s1 aborted: Image is corrupt\"}"));
    cloud.route("POST", "/v2.1/servers/s1/action", x -> Answer.json(200,
        "{\"output\": \"booting\\nkernel panic: no init found\\n\"}"));

    // when
    List<ServerBuilds.Outcome> out = rig.build("worker-1");

    // then
    assertThat(rig.count("DELETE")).isZero();
    assertThat(out.get(0).failure()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .hasMessageContaining("server worker-1 (s1) went to ERROR: 500 Build of instance s1 aborted")
        .hasMessageContaining("kernel panic: no init found");
  }

  @Test
  void aServerStillBuildingAtTheDeadlineFailsClearlyWhileTheOthersSucceed() {
    // given: s1 stays in BUILD, s2 becomes ACTIVE (then s1, alone, is read by its id)
    rig.bootsByName();
    cloud.route("GET", "/v2.1/servers/s1", x -> ServerBuildsRig.server("s1", "BUILD", ", \"OS-EXT-STS:task_state\": \"spawning\""));
    cloud.route("GET", "/v2.1/servers/detail", x -> Answer.json(200, "{\"servers\": [" + ServerBuildsRig.body("s1", "BUILD",
        ", \"OS-EXT-STS:task_state\": \"spawning\"") + ", " + ServerBuildsRig.body("s2", "ACTIVE", "") + "]}"));

    // when
    List<ServerBuilds.Outcome> out = rig.build("s1", "s2");

    // then
    assertThat(out.get(0).failure()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .hasMessageContaining("server s1 (s1) is still BUILD (task spawning) after 5.0 s, the deadline;"
            + " it was not reported as built");
    assertThat(out.get(1).server()).map(s -> s.path("id").asText()).contains("s2");
  }

  @Test
  void aServerGoneFromTheListFailsAsDisappeared() {
    // given: the list holds only s2
    rig.bootsByName();
    cloud.route("GET", "/v2.1/servers/detail", x -> Answer.json(200, "{\"servers\": [" + ServerBuildsRig.body("s2", "ACTIVE", "")
        + "]}"));

    // when
    List<ServerBuilds.Outcome> out = rig.build("s1", "s2");

    // then
    assertThat(out.get(0).failure()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .hasMessageContaining("disappeared while it was being built");
  }
}
