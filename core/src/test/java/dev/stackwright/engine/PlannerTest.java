package dev.stackwright.engine;

import static dev.stackwright.engine.HandMade.desired;
import static dev.stackwright.engine.HandMade.group;
import static dev.stackwright.engine.HandMade.have;
import static dev.stackwright.engine.HandMade.id;
import static dev.stackwright.engine.HandMade.observed;
import static dev.stackwright.engine.HandMade.port;
import static dev.stackwright.engine.HandMade.server;
import static dev.stackwright.engine.HandMade.serverGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.stackwright.model.UserDataPolicy;
import dev.stackwright.spi.Capabilities;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.NodeOperation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The planner on its own: desired and observed resources written by hand, the plan checked change by change. */
class PlannerTest {
  private static final ResourceId WORKER = id(ResourceKind.SERVER, "worker-1");
  private static final ResourceId WORKER_PORT = id(ResourceKind.PORT, "worker-1");

  @Test
  void whatTheCloudDoesNotHaveIsCreated() {
    // given
    DesiredState want = desired(group("worker"), port("worker-1", "10.0.100.1", "worker"));

    // when
    Plan plan = Planner.plan(want, observed(), HandMade.full());

    // then
    assertThat(plan.changes()).extracting(Change::action, Change::id, Change::reason).containsExactly(
        tuple(Action.CREATE, id(ResourceKind.SECURITY_GROUP, "worker"),
            "not in the cloud yet"),
        tuple(Action.CREATE, WORKER_PORT, "not in the cloud yet"));
  }

  @Test
  void aConvergedClusterPlansNothingAndCountsWhatItKeeps() {
    // given
    ServerSpec worker = server("worker-1", "hpc", "#cloud-config v1");
    PortSpec port = port("worker-1", "10.0.100.1");

    // when
    Plan plan = Planner.plan(desired(port, worker), observed(have(port), have(worker)), HandMade.full());

    // then
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.unchanged()).isEqualTo(2);
    assertThat(plan.drift()).isEmpty();
  }

  @Test
  void whatTheModelNoLongerHasIsDeletedWithTheReasonInTheModelsTerms() {
    // given: worker-3 is gone from the model, worker-1 and worker-2 stay
    ServerSpec one = server("worker-1", "hpc", "u");
    ServerSpec two = server("worker-2", "hpc", "u");
    ServerSpec three = server("worker-3", "hpc", "u");

    // when
    Plan plan = Planner.plan(desired(one, two), observed(have(one), have(two), have(three)), HandMade.full());

    // then
    Change delete = plan.change(id(ResourceKind.SERVER, "worker-3")).orElseThrow();
    assertThat(delete.action()).isEqualTo(Action.DELETE);
    assertThat(delete.reason()).isEqualTo("no longer in the model: 'worker' now has 2 VMs (worker-1..worker-2)");
    assertThat(delete.destroysData()).isFalse();
  }

  @Test
  void deletesComeAfterEveryOtherChangeInReverseCreationOrder() {
    // given: a group, a port and a server to delete, and a port to create
    ServerSpec oldServer = server("old-1", "hpc", "u");
    PortSpec oldPort = port("old-1", "10.0.100.9", "old");
    PortSpec newPort = port("new-1", "10.0.100.1");

    // when
    Plan plan = Planner.plan(desired(newPort), observed(have(group("old")), have(oldPort), have(oldServer)),
        HandMade.full());

    // then
    assertThat(plan.changes()).extracting(Change::action, Change::id).containsExactly(
        tuple(Action.CREATE, newPort.id()),
        tuple(Action.DELETE, oldServer.id()),
        tuple(Action.DELETE, oldPort.id()),
        tuple(Action.DELETE, id(ResourceKind.SECURITY_GROUP, "old")));
  }

  @Test
  void aChangedFlavourReplacesTheServerAndSaysWhatChanged() {
    // given
    ServerSpec now = server("worker-1", "small", "u");
    ServerSpec wanted = server("worker-1", "hpc", "u");

    // when
    Plan plan = Planner.plan(desired(wanted), observed(have(now)), HandMade.full());

    // then
    Change c = plan.change(WORKER).orElseThrow();
    assertThat(c.action()).isEqualTo(Action.REPLACE);
    assertThat(c.reason()).isEqualTo("flavour small -> hpc");
  }

  @Test
  void replacingAServerThatHoldsDataSaysItDestroysIt() {
    // given: a database server whose flavour changes
    ServerSpec now = server("server_all-1", "small", "u", "appserver", "database");
    ServerSpec wanted = server("server_all-1", "big", "u", "appserver", "database");

    // when
    Plan plan = Planner.plan(desired(wanted), observed(have(now)), HandMade.full());

    // then
    assertThat(plan.change(wanted.id()).orElseThrow().destroysData()).isTrue();
    assertThat(plan.destroysData()).isTrue();
  }

  @Test
  void changedAddressesAreUpdatedInPlaceWhereTheBackendCan() {
    // given
    PortSpec now = port("worker-1", "10.0.100.1");
    PortSpec wanted = port("worker-1", "10.0.100.2");

    // when
    Plan plan = Planner.plan(desired(wanted), observed(have(now)), HandMade.full());

    // then
    Change c = plan.change(WORKER_PORT).orElseThrow();
    assertThat(c.action()).isEqualTo(Action.UPDATE);
    assertThat(c.reason()).isEqualTo("addresses [10.0.100.1] -> [10.0.100.2]");
  }

  @Test
  void changedAddressesReplaceThePortWhereTheBackendCannotUpdateIt() {
    // given
    PortSpec now = port("worker-1", "10.0.100.1");
    PortSpec wanted = port("worker-1", "10.0.100.2");

    // when
    Plan plan = Planner.plan(desired(wanted), observed(have(now)), HandMade.noUpdates());

    // then
    Change c = plan.change(WORKER_PORT).orElseThrow();
    assertThat(c.action()).isEqualTo(Action.REPLACE);
    assertThat(c.reason()).isEqualTo("addresses [10.0.100.1] -> [10.0.100.2] (this backend cannot change a port in"
        + " place)");
  }

  @Test
  void aReplacedPortTakesItsServerWithIt() {
    // given: the port moves to another network, which cannot change in place
    PortSpec now = port("worker-1", "10.0.100.1");
    PortSpec wanted = new PortSpec(WORKER_PORT, now.name(), "other", now.fixedIps(), Set.of());
    ServerSpec worker = server("worker-1", "hpc", "u");

    // when
    Plan plan = Planner.plan(desired(wanted, worker), observed(have(now), have(worker)), HandMade.full());

    // then
    assertThat(plan.change(WORKER_PORT).orElseThrow().reason()).isEqualTo("network internal -> other");
    Change server = plan.change(WORKER).orElseThrow();
    assertThat(server.action()).isEqualTo(Action.REPLACE);
    assertThat(server.reason()).isEqualTo("its port/worker-1 is replaced");
  }

  @Test
  void aServerInErrorIsReplacedWithItsFaultAsTheReason() {
    // given
    ServerSpec worker = server("worker-1", "hpc", "u");

    // when
    Plan plan = Planner.plan(desired(worker), observed(have(worker, Observed.Facts.STATUS, "ERROR",
        Observed.Facts.FAULT, "No valid host was found")), HandMade.full());

    // then
    Change c = plan.change(WORKER).orElseThrow();
    assertThat(c.action()).isEqualTo(Action.REPLACE);
    assertThat(c.reason()).isEqualTo("the server is in ERROR (No valid host was found)");
  }

  @Test
  void aServerStillBuildingIsAwaitedNotReplaced() {
    // given: a run that ended left it in BUILD, its port not bound yet
    ServerSpec worker = server("worker-1", "hpc", "u");

    // when
    Plan plan = Planner.plan(desired(worker), observed(have(worker.withoutPort(), Observed.Facts.STATUS, "BUILD")),
        HandMade.full());

    // then
    assertThat(plan.change(WORKER).orElseThrow().action()).isEqualTo(Action.AWAIT);
  }

  @Test
  void changedFilesAreDriftSaidSoOnABackendThatCannotChangeARunningServer() {
    // given
    ServerSpec now = server("worker-1", "hpc", "old files");
    ServerSpec wanted = server("worker-1", "hpc", "new files");

    // when
    Plan plan = Planner.plan(desired(wanted), observed(have(now)), HandMade.full());

    // then
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.drift()).singleElement().satisfies(d -> assertThat(d.reason())
        .startsWith("/etc/hand.conf changed -> files only").contains("this backend cannot change a running server"));
    assertThat(plan.drift().get(0).keptByPolicy()).isFalse();
    assertThat(plan.pending()).as("files that never reach the node are pending").isTrue();
    assertThat(plan.summary()).endsWith("1 not delivered (this backend cannot change running servers)");
  }

  @Test
  void changedFilesAreAReconfigureOnABackendThatCanChangeARunningServer() {
    // given
    ServerSpec now = server("worker-1", "hpc", "old files");
    ServerSpec wanted = server("worker-1", "hpc", "new files");

    // when
    Plan plan = Planner.plan(desired(wanted), observed(have(now)),
        HandMade.full().changingNodes(NodeOperation.RECONFIGURE));

    // then
    assertThat(plan.change(WORKER).orElseThrow()).satisfies(c -> {
      assertThat(c.action()).isEqualTo(Action.RECONFIGURE);
      assertThat(c.reason()).isEqualTo("/etc/hand.conf changed -> files only");
      assertThat(c.destroysData()).isFalse();
    });
  }

  @Test
  void changedUserDataIsDriftWhenThePolicyReportsIt() {
    // given
    ServerSpec now = server("worker-1", "hpc", "old files");
    ServerSpec wanted = server("worker-1", "hpc", "new files");

    // when
    Plan plan = Planner.plan(desired(Map.of(WORKER, UserDataPolicy.REPORT_DRIFT), Set.of(), wanted),
        observed(have(now)), HandMade.full());

    // then
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.unchanged()).isEqualTo(1);
    assertThat(plan.pending()).as("drift the user chose to keep").isFalse();
    assertThat(plan.drift()).singleElement().satisfies(d -> {
      assertThat(d.keptByPolicy()).isTrue();
      assertThat(d.id()).isEqualTo(WORKER);
      assertThat(d.reason()).startsWith("user-data changed (/etc/hand.conf); policy REPORT_DRIFT keeps the server");
    });
  }

  @Test
  void changedUserDataReplacesTheServerWhenThePolicySaysSo() {
    // given
    ServerSpec now = server("worker-1", "hpc", "old files");
    ServerSpec wanted = server("worker-1", "hpc", "new files");
    DesiredState want = desired(Map.of(WORKER, UserDataPolicy.REPLACE), Set.of(), wanted);

    // when
    Plan plan = Planner.plan(want, observed(have(now)), HandMade.full());

    // then
    Change c = plan.change(WORKER).orElseThrow();
    assertThat(c.action()).isEqualTo(Action.REPLACE);
    assertThat(c.reason()).isEqualTo("user-data changed (/etc/hand.conf); policy: replace");
    assertThat(plan.drift()).isEmpty();
  }

  @Test
  void aReplacedSecurityGroupMovesItsPortsInPlace() {
    // given: the group is renamed (a replacement); its port stays as it is
    SecurityGroupSpec now = group("worker");
    SecurityGroupSpec wanted = new SecurityGroupSpec(now.id(), "hand-worker-v2", "", now.rules());
    PortSpec port = port("worker-1", "10.0.100.1", "worker");

    // when
    Plan plan = Planner.plan(desired(wanted, port), observed(have(now), have(port)), HandMade.full());

    // then
    assertThat(plan.change(now.id()).orElseThrow().action()).isEqualTo(Action.REPLACE);
    Change move = plan.change(WORKER_PORT).orElseThrow();
    assertThat(move.action()).isEqualTo(Action.UPDATE);
    assertThat(move.reason()).startsWith("moves to the new security-group/worker");
    assertThat(plan.unchanged()).isZero();
  }

  @Test
  void ofTwoResourcesWithOneIdTheMostUsedIsKeptAndTheOtherDeletedAsADuplicate() {
    // given: two server groups for one host kind, the second with the servers in it
    ServerGroupSpec group = serverGroup("worker", "anti-affinity");
    Observed empty = have("cloud-a", group, Observed.Facts.USED_BY, "0");
    Observed used = have("cloud-b", group, Observed.Facts.USED_BY, "3");

    // when
    Plan plan = Planner.plan(desired(group), observed(empty, used), HandMade.full());

    // then
    assertThat(plan.changes()).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo(Action.DELETE);
      assertThat(c.duplicate()).isTrue();
      assertThat(c.current().orElseThrow().cloudId()).isEqualTo("cloud-a");
      assertThat(c.reason()).isEqualTo("duplicate #1 (cloud id cloud-a); keeping cloud-b");
    });
  }

  @Test
  void aLookAlikeIsAConflictAndNeitherMadeNorDeleted() {
    // given: a server group of the wanted name that holds a server of someone else's
    ServerGroupSpec group = serverGroup("worker", "anti-affinity");

    // when
    Plan plan = Planner.plan(desired(group), observed(have(group, Observed.Facts.FOREIGN_MEMBERS, "1")),
        HandMade.full());

    // then
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.conflicts()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(group.id());
      assertThat(c.reason()).isEqualTo("it holds 1 server that is not the cluster's");
    });
  }

  @Test
  void aKindTheBackendDoesNotMakeIsNotedNotPlanned() {
    // given: a backend without floating IPs
    Capabilities noFloatingIps = new Capabilities(Set.of(ResourceKind.PORT), Set.of(), 1);

    // when
    Plan plan = Planner.plan(desired(port("web-1", "10.0.10.3"), HandMade.floatingIp("web-1", "web-1")),
        observed(), noFloatingIps);

    // then
    assertThat(plan.changes()).extracting(Change::id).containsExactly(id(ResourceKind.PORT, "web-1"));
    assertThat(plan.notes()).contains("floating-ip/web-1 is not made: this backend does not make floating-ips");
  }

  @Test
  void aServerWhoseUserDataNamesNewPortsIsNotedAsRenderedOnceTheyExist() {
    // given
    ServerSpec controller = server("controller-1", "small", "u");
    DesiredState want = desired(Map.of(), Set.of(controller.id()), port("controller-1", "10.0.0.1"), controller);

    // when
    Plan plan = Planner.plan(want, observed(), HandMade.full());

    // then
    assertThat(plan.notes()).containsExactly("server/controller-1: its user-data is rendered once the new ports and"
        + " floating IPs exist (DHCP leases name MACs; allowed hosts name public addresses)");
  }

  @Test
  void aServerBootedBeforeItsHostKindHadAGroupStaysOutOfItWithANote() {
    // given
    ServerSpec now = server("worker-1", "hpc", "u");
    ServerSpec wanted = server("worker-1", "hpc", "u", Optional.of("worker"));
    ServerGroupSpec group = serverGroup("worker", "anti-affinity");

    // when
    Plan plan = Planner.plan(desired(group, wanted), observed(have(group), have(now)), HandMade.full());

    // then
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.notes()).singleElement().asString().startsWith("server/worker-1 stays outside"
        + " server-group/worker");
  }

  @Test
  void anObservationOfAnotherClusterIsRefused() {
    // given
    Observation other = Observation.empty("other");

    // when / then
    assertThatThrownBy(() -> Planner.plan(desired(), other, HandMade.full()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("desired state of cluster \"hand\" compared with an observation of \"other\"");
  }
}
