package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.Capabilities;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.References;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How the executor makes security groups: all at once, the rules that name other groups after them as link steps,
 * in batches where the backend takes them, and rings of groups that name each other.
 */
class SecurityGroupStepsTest {
  private final Cluster seed = Topologies.seed("seed");

  private static Engine engine(InMemoryCloud cloud, int parallelism, ExecutionListener listener) {
    return Engine.builder().backend(cloud).renderer(Topologies.renderer()).parallelism(parallelism)
        .listener(listener).build();
  }

  @Test
  void everyGroupIsCreatedAtOnceAndItsRulesNamingOtherGroupsFollow() {
    // given: a cloud that holds each group's create until every group's create has started (or 10 s have passed),
    // so a create that waited for another's shows as a create that gave up waiting, whatever the machine's load
    InMemoryCloud cloud = InMemoryCloud.builder().network("internal", "10.0.0.0/16").image("debian-12")
        .flavor("controller", 1, 1024).flavor("webserver", 2, 2048).flavor("server_all", 4, 4096)
        .flavor("hpc", 2, 8192).build();
    long groups = engine(cloud, 16, ExecutionListener.NONE).plan(seed).changes().stream()
        .filter(c -> c.id().kind() == ResourceKind.SECURITY_GROUP).count();
    CountDownLatch allStarted = new CountDownLatch((int) groups);
    AtomicInteger gaveUp = new AtomicInteger();
    Backend holding = new CountingBackend(cloud) {
      @Override
      public Observed create(String cluster, ResourceSpec spec, References refs) {
        if (spec instanceof SecurityGroupSpec) {
          allStarted.countDown();
          try {
            if (!allStarted.await(10, TimeUnit.SECONDS)) {
              gaveUp.incrementAndGet();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return super.create(cluster, spec, refs);
      }
    };
    List<String> events = new CopyOnWriteArrayList<>();
    ExecutionListener l = new ExecutionListener() {
      @Override
      public void started(Step step) {
        events.add("start " + step);
      }

      @Override
      public void finished(Step step, Duration elapsed) {
        events.add("end " + step);
      }
    };

    // when
    ApplyResult result = Engine.builder().backend(holding).renderer(Topologies.renderer()).parallelism(16)
        .listener(l).build().apply(seed);

    // then: no group's create waited for another's (the seed's groups name each other four levels deep)
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(groups).isEqualTo(7);
    assertThat(gaveUp).as("group creates that waited 10 s for the others to start").hasValue(0);
    // and the rules naming other groups came after, by link steps
    int firstGroupMade = events.indexOf(events.stream().filter(e -> e.startsWith("end create security-group/"))
        .findFirst().orElseThrow());
    assertThat(events).filteredOn(e -> e.startsWith("start link ")).isNotEmpty()
        .allSatisfy(e -> assertThat(events.indexOf(e)).isGreaterThan(firstGroupMade));
  }

  @Test
  void aBackendThatTakesGroupsInBatchesGetsEveryGroupInOneCallAndEveryLinkInAnother() {
    // given
    InMemoryCloud cloud = InMemoryCloud.builder().network("internal", "10.0.0.0/16").image("debian-12")
        .flavor("controller", 1, 1024).flavor("webserver", 2, 2048).flavor("server_all", 4, 4096)
        .flavor("hpc", 2, 8192).batching(ResourceKind.SECURITY_GROUP, 50).build();

    // when
    ApplyResult result = engine(cloud, 8, ExecutionListener.NONE).apply(seed);

    // then
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(cloud.calls("createAll")).isEqualTo(1);
    assertThat(cloud.calls("updateAll")).isEqualTo(1);
    assertThat(result.outcomes()).filteredOn(o -> o.step().phase() == Step.Phase.LINK).hasSizeGreaterThan(1);
    assertThat(engine(cloud, 8, ExecutionListener.NONE).plan(seed).isEmpty()).isTrue();
  }

  @Test
  void groupsWhoseRulesNameEachOtherInARingAreMadeAndDestroyed() {
    // given: a rule on the controller's group from the database's closes a ring (every group admits SSH from the
    // controller's)
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    Engine ring = Engine.builder().backend(cloud).renderer(Topologies.renderer()).rule(BuiltInServices.CONTROLLER,
        RuleSpec.tcpFrom(9999, ResourceId.of(ResourceKind.SECURITY_GROUP, "database"), "ring test")).build();

    // when
    ApplyResult made = ring.apply(seed);

    // then: every rule is there, and the cluster re-plans empty
    assertThat(made.succeeded()).as(made.summary()).isTrue();
    assertThat(ring.plan(seed).isEmpty()).as(ring.plan(seed).toString()).isTrue();
    SecurityGroupSpec controller = (SecurityGroupSpec) cloud.observe("seed").resources().stream()
        .filter(o -> o.id().equals(ResourceId.of(ResourceKind.SECURITY_GROUP, "controller"))).findFirst()
        .orElseThrow().spec();
    assertThat(controller.rules()).extracting(RuleSpec::describe).contains("tcp 9999 from security-group/database");

    // when: destroyed (each group's delete drops the rules naming it in the others, as Neutron does)
    ApplyResult destroyed = ring.destroy("seed");

    // then
    assertThat(destroyed.succeeded()).as(destroyed.summary()).isTrue();
    assertThat(cloud.observe("seed").resources()).isEmpty();
  }

  @Test
  void aRingABackendCannotMakeIsRefusedBeforeAnyCallNamingTheRing() {
    // given: a backend that cannot add rules to a group once it is made, and the ring of the test above
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    CountingBackend counting = new CountingBackend(cloud) {
      @Override
      public Capabilities capabilities() {
        return new Capabilities(super.capabilities().kinds(), java.util.Set.of(ResourceKind.PORT), 8);
      }
    };
    Engine ring = Engine.builder().backend(counting).renderer(Topologies.renderer()).rule(BuiltInServices.CONTROLLER,
        RuleSpec.tcpFrom(9999, ResourceId.of(ResourceKind.SECURITY_GROUP, "database"), "ring test")).build();

    // when / then
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ring.apply(seed))
        .isInstanceOf(dev.stackwright.StackwrightException.class).hasMessageContaining("nothing was changed")
        .hasMessageContaining("create security-group/controller -> waits for create security-group/database")
        .hasMessageContaining("Fix: remove one of the references");
    assertThat(counting.calls()).doesNotContainKeys("create", "createAll", "update", "delete");
  }
}
