package dev.stackwright.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Problem;
import dev.stackwright.model.Cluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An owned network's name and DNS servers as the DSL takes them. */
class NetworkValidationTest {

  @Test
  void anOwnedNetworkMayBeNamedAsTheUserLikes() {
    // when
    Cluster c = ValidationTest.valid(x -> x.ownNetwork("Lab.net_2")).build();

    // then
    assertThat(c.ownsNetwork()).isTrue();
    assertThat(c.internalNetworkName()).isEqualTo("Lab.net_2");
    assertThat(ClusterDsl.validate(c)).isSameAs(c);
  }

  @Test
  void anOwnedNetworkNameWithSpacesIsRefusedWithItsPathAndAFix() {
    // when
    List<Problem> problems = ValidationTest.problems(x -> x.ownNetwork("my net"));

    // then
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("cluster.ownNetwork");
      assertThat(p.value()).contains("my net");
      assertThat(p.fix()).contains("seed-internal");
    });
  }

  @Test
  void anOwnedNetworkNameLongerThanNeutronTakesIsRefused() {
    // when
    List<Problem> problems = ValidationTest.problems(x -> x.ownNetwork("n".repeat(256)));

    // then
    assertThat(problems).extracting(Problem::path).containsExactly("cluster.ownNetwork");
  }

  @Test
  void dnsServersOnANetworkTheClusterUsesAreRefusedNamingTheFix() {
    // when
    List<Problem> problems = ValidationTest.problems(x -> x.internalNetwork("internal").dnsServers("10.0.0.1"));

    // then
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("cluster.dnsServers");
      assertThat(p.message()).contains("\"internal\"");
      assertThat(p.fix()).contains("cluster.ownNetwork()");
    });
  }
}
