package dev.stackwright.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stackwright.InvalidClusterException;
import dev.stackwright.Problem;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One mistake, one problem: a part that was refused is not reported again by the checks that depend on it (a role
 * carried by a host whose name was refused is not "on no host"; an image whose name was refused is not "unknown").
 */
class FollowOnProblemsTest {

  private static List<String> paths(ClusterDsl dsl) {
    InvalidClusterException e = catchThrowableOfType(InvalidClusterException.class, dsl::build);
    assertThat(e).as("the cluster should be refused").isNotNull();
    return e.problems().stream().map(Problem::path).toList();
  }

  @Test
  void aHostWhoseNameIsRefusedLeavesItsRolesPlaced() {
    // given a host of two roles whose name is no DNS label
    ClusterDsl c = Corpus.small("follow");
    c.role("static").subnet("10.0.12");
    c.role("worker").subnet("10.0.100");
    c.host("server all").flavor("small").carries("static", "worker");
    Corpus.demo(c, "demo");

    // when / then
    assertThat(paths(c)).containsExactly("host[server all]");
  }

  @Test
  void aRoleWhoseNameIsRefusedIsNotAlsoUndeclaredForItsHost() {
    // given
    ClusterDsl c = Corpus.small("follow");
    c.role("Worker").kind(BuiltInServices.WORKER).subnet("10.0.100");
    c.host("pool").flavor("small").carries("Worker");
    Corpus.demo(c, "demo");

    // when / then
    assertThat(paths(c)).containsExactly("role[Worker]");
  }

  @Test
  void anImageWhoseNameIsRefusedIsNotAlsoUnknownToTheHostThatBootsIt() {
    // given
    ClusterDsl c = Corpus.small("follow").image("debian;12");
    c.role("worker").subnet("10.0.100").flavor("small").image("debian;12");
    Corpus.demo(c, "demo");

    // when / then
    assertThat(paths(c)).containsExactly("cluster.image[0]");
  }

  @Test
  void aRoleOfNoKindDoesNotMakeTheRolesThatNeedItMissing() {
    // given a typo in the app servers' name: the webserver's need of app servers follows from it
    ClusterDsl c = dev.stackwright.Stackwright.cluster("follow").network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").defaultImage("debian-12");
    c.flavor("small").vcpus(1).ramGb(1);
    c.role("controller").address("10.0.0.1").flavor("small");
    c.role("webserver").subnet("10.0.10").flavor("small");
    c.role("appservr").subnet("10.0.11").flavor("small");
    c.role("database").subnet("10.0.20").flavor("small");
    c.role("broker").subnet("10.0.30").flavor("small");
    Corpus.demo(c, "demo");

    // when / then
    assertThat(paths(c)).containsExactly("role[appservr].kind");
  }

  @Test
  void aRoleWhoseKindContradictsItsNameDoesNotAlsoLeaveTheClusterWithoutAController() {
    // given
    ClusterDsl c = Corpus.smallWithoutController("follow");
    c.role("controller").kind(BuiltInServices.WORKER).address("10.0.0.1").flavor("small");
    Corpus.demo(c, "demo");

    // when / then
    assertThat(paths(c)).containsExactly("role[controller].kind");
  }

  @Test
  void aDhcpPoolOverEveryBlockIsOneProblemOfThePool() {
    // given
    ClusterDsl c = Topologies.seedDsl("follow").dhcpPool("10.0.0.0/16");
    c.role("worker").count(3).flavor("hpc").subnet("10.0.100");

    // when / then: not one problem per role, nor the gateway "in the pool"
    assertThat(paths(c)).containsExactly("cluster.dhcpPool");
  }
}
