package dev.stackwright.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.InvalidClusterException;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import org.junit.jupiter.api.Test;

/** Services of the user's own in the catalogue: how a role becomes one, and what a valid one builds to. */
class OwnServicesTest {
  private final Service redis = CorpusServices.redis().build();

  private ClusterDsl seed() {
    ClusterDsl c = Topologies.seedDsl("cache");
    c.role("worker").count(2).flavor("hpc").subnet("10.0.100");
    return c;
  }

  @Test
  void aValidServiceBuildsAndTheModelKeepsIt() {
    // given
    ClusterDsl c = seed().service(redis);
    c.role("redis").subnet("10.0.40").flavor("webserver");

    // when
    Cluster model = c.build();

    // then
    assertThat(model.services()).containsExactly(redis);
    assertThat(model.role("redis").orElseThrow().kind()).isEqualTo(redis);
  }

  @Test
  void aRoleOfAnotherNameSaysItsServiceByName() {
    // given
    ClusterDsl c = seed().service(redis);
    c.role("cache").kind("redis").subnet("10.0.40").flavor("webserver");

    // when
    Cluster model = c.build();

    // then
    assertThat(model.role("cache").orElseThrow().kind()).isEqualTo(redis);
  }

  @Test
  void aServiceARoleNamesAsItsKindJoinsTheCatalogueUndeclared() {
    // given
    ClusterDsl c = seed();
    c.role("cache").kind(redis).subnet("10.0.40").flavor("webserver");

    // when
    Cluster model = c.build();

    // then
    assertThat(model.services()).containsExactly(redis);
  }

  @Test
  void theSameServiceDeclaredTwiceIsOneService() {
    // given
    ClusterDsl c = seed().service(redis).service(redis);
    c.role("redis").subnet("10.0.40").flavor("webserver");

    // when
    Cluster model = c.build();

    // then
    assertThat(model.services()).containsExactly(redis);
  }

  @Test
  void aModelWithAServiceOfItsOwnPassesTheGate() {
    // given
    ClusterDsl c = seed().service(redis);
    c.role("redis").subnet("10.0.40").flavor("webserver");
    Cluster model = c.build();

    // when / then
    assertThat(ClusterDsl.validate(model)).isSameAs(model);
  }

  @Test
  void aMisspeltClientServiceIsToldTheNameItMeant() {
    // given
    ClusterDsl c = seed().service(CorpusServices.redis().openTo("apserver", "redis", "the app").build());
    c.role("redis").subnet("10.0.40").flavor("webserver");

    // when / then
    assertThatThrownBy(c::build).isInstanceOf(InvalidClusterException.class)
        .hasMessageContaining("[service[redis].access[2].service] \"apserver\"")
        .hasMessageContaining("did you mean \"appserver\"?");
  }

  @Test
  void aPortClashNamesBothServicesAndTheHost() {
    // given a service on port 80 beside static's nginx on server_all
    ClusterDsl c = seed().service(Service.builder("web2").port(ServicePort.tcp("http", 80)).build());
    c.role("web2").subnet("10.0.40");
    c.hosts.get(0).carries("web2");

    // when / then
    assertThatThrownBy(c::build).isInstanceOf(InvalidClusterException.class)
        .hasMessageContaining("host[server_all]").hasMessageContaining("role[static] (static http)")
        .hasMessageContaining("role[web2] (web2 http)");
  }

  @Test
  void stackwrightsOwnServicesMaySharePortsOnAHost() {
    // given the load balancer and the static files both on nginx's port 80, on one host
    ClusterDsl c = Corpus.small("shared");
    Corpus.demo(c, "demo");
    c.role("webserver").subnet("10.0.10");
    c.role("static").subnet("10.0.12");
    c.host("front").flavor("small").carries("webserver", "static");

    // when
    Cluster model = c.build();

    // then
    assertThat(model.host("front").orElseThrow().roles()).containsExactly("webserver", "static");
  }
}
