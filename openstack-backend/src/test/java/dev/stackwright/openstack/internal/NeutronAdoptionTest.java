package dev.stackwright.openstack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.openstack.FakeOpenStack;
import dev.stackwright.openstack.FakeOpenStack.Answer;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A run killed between making a Neutron resource and tagging it leaves the resource with its marker in the
 * description but without the tags observation lists by. The next run adopts it instead of leaving an orphan.
 */
class NeutronAdoptionTest {
  private static final Marker PORT = new Marker("seed", "port/web-1");
  private static final Marker GROUP = new Marker("seed", "security-group/web");
  private final FakeOpenStack cloud = FakeOpenStack.start();

  @AfterEach
  void stop() {
    cloud.close();
  }

  private Neutron neutron() {
    Settings s = Settings.defaults();
    return new Neutron(new Http(new Session(cloud.credentials(), s, Clock.systemUTC()), s, d -> { }));
  }

  private static Answer conflict() {
    return Answer.json(409, "{\"NeutronError\": {\"type\": \"IpAddressAlreadyAllocated\", \"message\": \"IP address"
        + " 10.0.10.3 already allocated in subnet s1\", \"detail\": \"\"}}");
  }

  @Test
  void aPortWhoseAddressesAreHeldByAnUntaggedPortOfOursIsAdoptedAndTagged() {
    // given
    cloud.route("POST", "/v2.0/ports", s -> conflict());
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": [{\"id\": \"p0\", \"description\": \""
        + PORT.description() + "\", \"tags\": []}]}"));
    cloud.route("PUT", "/v2.0/ports/p0/tags", s -> Answer.json(200, "{\"tags\": []}"));

    // when
    String id = neutron().createPort("port.10.10.3_web-1", "n1", List.of(new NeutronValues.FixedIp("s1", "10.0.10.3")),
        List.of(), PORT).path("id").asText();

    // then
    assertThat(id).isEqualTo("p0");
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::line).filteredOn(l -> l.startsWith("PUT"))
        .containsExactly("PUT /v2.0/ports/p0/tags");
  }

  @Test
  void aPortWhoseAddressesAreHeldBySomeoneElsesStaysAConflict() {
    // given
    cloud.route("POST", "/v2.0/ports", s -> conflict());
    cloud.route("GET", "/v2.0/ports", s -> Answer.json(200, "{\"ports\": []}"));

    // then
    assertThatThrownBy(() -> neutron().createPort("port.10.10.3_web-1", "n1", List.of(new NeutronValues.FixedIp("s1",
        "10.0.10.3")), List.of(), PORT)).isInstanceOf(CloudFailure.class)
        .hasMessageContaining("IpAddressAlreadyAllocated");
  }

  @Test
  void anUntaggedSecurityGroupOfOursIsAdoptedInsteadOfMadeTwice() {
    // given
    cloud.route("GET", "/v2.0/security-groups", s -> Answer.json(200, "{\"security_groups\": [{\"id\": \"g0\","
        + " \"description\": \"" + GROUP.description("Webservers") + "\", \"tags\": []}]}"));
    cloud.route("PUT", "/v2.0/security-groups/g0/tags", s -> Answer.json(200, "{\"tags\": []}"));

    // when
    String id = neutron().createSecurityGroup("seed-web", GROUP, "Webservers").path("id").asText();

    // then
    assertThat(id).isEqualTo("g0");
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::line).noneMatch(l -> l.startsWith("POST"));
  }

  @Test
  void theClustersGroupsAreThoseOfTheProjectWithItsTagOrItsMarkerSoAnUntaggedSecondOneIsSeen() {
    // given: the group as made and tagged; a second one a held create made later, untagged; another cluster's; a
    // person's
    String tag = Marker.clusterTag("seed");
    cloud.route("GET", "/v2.0/security-groups", s -> Answer.json(200, "{\"security_groups\": ["
        + "{\"id\": \"g1\", \"description\": \"" + GROUP.description("Webservers") + "\", \"tags\": [\"" + tag + "\"]},"
        + "{\"id\": \"g2\", \"description\": \"" + GROUP.description("Webservers") + "\", \"tags\": []},"
        + "{\"id\": \"g3\", \"description\": \"" + new Marker("seed2", "security-group/web").description("W")
        + "\", \"tags\": []},"
        + "{\"id\": \"g4\", \"description\": \"stackwright seed, by hand\", \"tags\": []}]}"));

    // when
    List<String> ids = neutron().securityGroupsOf("seed").stream().map(g -> g.path("id").asText()).toList();

    // then: one request, scoped to the project
    assertThat(ids).containsExactly("g1", "g2");
    assertThat(cloud.requests()).extracting(FakeOpenStack.Seen::line).filteredOn(l -> l.startsWith("GET /v2.0/sec"))
        .singleElement().satisfies(l -> assertThat(l).contains("project_id=").doesNotContain("tags="));
  }
}
