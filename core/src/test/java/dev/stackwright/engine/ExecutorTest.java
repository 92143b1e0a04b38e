package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.memory.Fault;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.Capabilities;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.SecurityGroupSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Order, parallelism, failures in the middle, lost answers, and runs that finish the job. */
class ExecutorTest {
  private final Cluster seed = Topologies.seed("seed");

  private static Engine engine(InMemoryCloud cloud, int parallelism, ExecutionListener listener) {
    return Engine.builder().backend(cloud).renderer(Topologies.renderer()).parallelism(parallelism)
        .listener(listener).build();
  }

  @Test
  void nothingIsCreatedBeforeWhatItRefersToAndTheControllerWaitsForEveryPort() {
    // given
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    Map<String, Integer> finishedAt = new ConcurrentHashMap<>();
    Map<String, Integer> startedAt = new ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicInteger clock = new java.util.concurrent.atomic.AtomicInteger();
    ExecutionListener l = new ExecutionListener() {
      @Override
      public void started(Step step) {
        startedAt.put(step.toString(), clock.incrementAndGet());
      }

      @Override
      public void finished(Step step, Duration elapsed) {
        finishedAt.put(step.toString(), clock.incrementAndGet());
      }
    };

    // when
    ApplyResult result = engine(cloud, 8, l).apply(seed);

    // then: a resource is created once what it refers to is; a group's rules naming other new groups are added by
    // its link step once those groups exist, and no group's create waits for another's
    assertThat(result.succeeded()).isTrue();
    for (Change c : result.plan().changes()) {
      boolean group = c.id().kind() == ResourceKind.SECURITY_GROUP;
      String step = group && !c.desired().orElseThrow().dependsOn().isEmpty()
          ? "link " + c.id() + " (rules naming groups made in this run)" : "create " + c.id();
      for (ResourceId dep : c.desired().orElseThrow().dependsOn()) {
        assertThat(finishedAt.get("create " + dep)).as("%s finishes before %s starts", dep, step)
            .isLessThan(startedAt.get(step));
      }
    }
    finishedAt.keySet().stream().filter(k -> k.startsWith("create port/")).forEach(port ->
        assertThat(finishedAt.get(port)).isLessThan(startedAt.get("create server/controller-1")));
    // the workers' strict anti-affinity group takes its servers one at a time (Nova's scheduler races otherwise)
    assertThat(finishedAt.get("create server/worker-1")).isLessThan(startedAt.get("create server/worker-2"));
    assertThat(finishedAt.get("create server/worker-2")).isLessThan(startedAt.get("create server/worker-3"));
  }

  @Test
  void neverMoreCallsInFlightThanTheBoundAndMoreThanOneWhenAllowed() {
    // given: every call takes a while, so calls overlap when they may
    InMemoryCloud slow = InMemoryCloud.builder().network("internal", "10.0.0.0/16").image("debian-12")
        .flavor("controller", 1, 1024).flavor("webserver", 2, 2048).flavor("server_all", 4, 4096)
        .flavor("hpc", 2, 8192).latency(Duration.ofMillis(30)).build();

    // when
    ApplyResult bounded = engine(slow, 3, ExecutionListener.NONE).apply(seed);

    // then
    assertThat(bounded.succeeded()).isTrue();
    assertThat(bounded.maxInFlight()).isBetween(2, 3);
    InMemoryCloud serialCloud = InMemoryCloud.forCluster(seed);
    assertThat(engine(serialCloud, 1, ExecutionListener.NONE).apply(seed).maxInFlight()).isEqualTo(1);
  }

  @Test
  void aFailureInTheMiddleSkipsOnlyWhatDependsOnItAndASecondRunConvergesWithoutDuplicates() {
    // given: the cloud refuses worker-2's port (twice: no luck on a quick retry either)
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    cloud.inject(Fault.on(Fault.Kind.UNAVAILABLE, "create", ResourceId.of(ResourceKind.PORT, "worker-2"), 1));
    List<String> skipped = new CopyOnWriteArrayList<>();
    ExecutionListener l = new ExecutionListener() {
      @Override
      public void skipped(Step step, String reason) {
        skipped.add(step + ": " + reason);
      }
    };

    // when
    ApplyResult first = engine(cloud, 4, l).apply(seed);

    // then
    assertThat(first.succeeded()).isFalse();
    assertThat(first.failures()).extracting(o -> o.step().toString()).containsExactly("create port/worker-2");
    assertThat(first.failures().get(0).detail().orElseThrow()).contains("503");
    assertThat(skipped).anySatisfy(s -> assertThat(s).startsWith("create server/worker-2")
        .contains("waits for create port/worker-2, which failed"));
    assertThat(first.summary()).contains("failed:   create port/worker-2").contains("not done: create server/worker-2")
        .contains("Run apply again");
    assertThat(cloud.serverStatuses()).containsKeys("worker-1", "worker-3", "webserver-1")
        .doesNotContainKey("worker-2");

    // when: the next run
    ApplyResult second = engine(cloud, 4, ExecutionListener.NONE).apply(seed);

    // then
    assertThat(second.succeeded()).as(second.summary()).isTrue();
    assertThat(cloud.count(ResourceKind.PORT)).isEqualTo(6);
    assertThat(cloud.count(ResourceKind.SERVER)).isEqualTo(6);
    assertThat(engine(cloud, 4, ExecutionListener.NONE).plan(seed).isEmpty()).isTrue();
  }

  @Test
  void aBackendThatPacesStrictGroupsItselfGetsTheGroupsServersTogether() {
    // given: a cloud that takes servers in batches and says it paces strict anti-affinity groups itself
    InMemoryCloud cloud = InMemoryCloud.builder().network("internal", "10.0.0.0/16").image("debian-12")
        .flavor("controller", 1, 1024).flavor("webserver", 2, 2048).flavor("server_all", 4, 4096)
        .flavor("hpc", 2, 8192).batching(ResourceKind.SERVER, 50).build();
    Backend pacing = new CountingBackend(cloud) {
      @Override
      public Capabilities capabilities() {
        return super.capabilities().pacingStrictGroups();
      }
    };
    List<String> started = new CopyOnWriteArrayList<>();
    ExecutionListener l = new ExecutionListener() {
      @Override
      public void started(Step step) {
        started.add(step.toString());
      }
    };

    // when
    ApplyResult result = Engine.builder().backend(pacing).renderer(Topologies.renderer()).parallelism(8).listener(l)
        .build().apply(seed);

    // then: the six servers (three workers of the strict group among them) in one call, not one worker after another
    assertThat(result.succeeded()).isTrue();
    assertThat(cloud.calls("createAll")).isEqualTo(1);
    assertThat(started.stream().filter(s -> s.startsWith("create server/"))).hasSize(6);
    assertThat(engine(cloud, 8, ExecutionListener.NONE).plan(seed).isEmpty()).isTrue();
  }

  @Test
  void portsGoInOneBatchOnceTheirGroupsExistAndEachKeepsItsOwnOutcome() {
    // given: a cloud that takes up to 4 ports per call, refusing worker-2's port, losing the answer for worker-3's
    Cluster big = Topologies.seed("big", 4, w -> {});
    InMemoryCloud cloud = InMemoryCloud.builder().network("internal", "10.0.0.0/16").image("debian-12")
        .flavor("controller", 1, 1024).flavor("webserver", 2, 2048).flavor("server_all", 4, 4096)
        .flavor("hpc", 2, 8192).batching(ResourceKind.PORT, 4).build();
    cloud.inject(Fault.on(Fault.Kind.UNAVAILABLE, "create", ResourceId.of(ResourceKind.PORT, "worker-2"), 1));
    cloud.inject(Fault.on(Fault.Kind.LOST_ANSWER, "create", ResourceId.of(ResourceKind.PORT, "worker-3"), 1));
    List<String> started = new CopyOnWriteArrayList<>();
    ExecutionListener l = new ExecutionListener() {
      @Override
      public void started(Step step) {
        started.add(step.toString());
      }
    };

    // when
    ApplyResult result = engine(cloud, 8, l).apply(big);

    // then: 7 ports in ceil(7 / 4) = 2 calls, each port still a step of its own
    assertThat(cloud.calls("createAll")).isEqualTo(2);
    assertThat(started.stream().filter(s -> s.startsWith("create port/"))).hasSize(7);
    assertThat(result.failures()).extracting(o -> o.step().toString()).containsExactly("create port/worker-2");
    assertThat(result.outcomes()).anySatisfy(o -> {
      assertThat(o.step().toString()).isEqualTo("create port/worker-3");
      assertThat(o.detail().orElseThrow()).contains("found by its marker");
    });
    assertThat(cloud.count(ResourceKind.PORT)).isEqualTo(6);
    assertThat(cloud.serverStatuses()).containsKey("worker-3").doesNotContainKey("worker-2");

    // when: the next run
    ApplyResult second = engine(cloud, 8, ExecutionListener.NONE).apply(big);

    // then
    assertThat(second.succeeded()).as(second.summary()).isTrue();
    assertThat(cloud.count(ResourceKind.PORT)).isEqualTo(7);
  }

  @Test
  void aCreateWhoseAnswerWasLostIsFoundByItsMarkerNotMadeTwice() {
    // given: the server is made, but the answer never arrives
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    cloud.inject(Fault.on(Fault.Kind.LOST_ANSWER, "create", ResourceId.of(ResourceKind.SERVER, "worker-1"), 1));

    // when
    ApplyResult result = engine(cloud, 4, ExecutionListener.NONE).apply(seed);

    // then
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(result.outcomes()).anySatisfy(o -> {
      assertThat(o.step().toString()).isEqualTo("create server/worker-1");
      assertThat(o.detail().orElseThrow()).contains("found by its marker");
    });
    assertThat(cloud.count(ResourceKind.SERVER)).isEqualTo(6);
    assertThat(cloud.calls("find")).isEqualTo(1);
  }

  @Test
  void duplicatesLeftByAnotherToolRunAreDeletedAndTheOriginalKept() {
    // given: a port made twice with one marker (as a cloud without lookup-before-retry would leave it)
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    Engine engine = engine(cloud, 4, ExecutionListener.NONE);
    engine.apply(seed);
    SecurityGroupSpec extra = new SecurityGroupSpec(SecurityRules.groupOf(dev.stackwright.services.BuiltInServices.WORKER),
        "seed-worker", "a second copy", List.of());
    String original = cloud.observe("seed").get(extra.id()).orElseThrow().cloudId();
    Observed copy = cloud.create("seed", extra, id -> java.util.Optional.empty());

    // when
    Plan plan = engine.plan(seed);

    // then
    assertThat(plan.changes()).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo(Action.DELETE);
      assertThat(c.reason()).isEqualTo("duplicate #1 (cloud id " + copy.cloudId() + "); keeping " + original);
      assertThat(c.duplicate()).isTrue();
    });
    assertThat(engine.apply(seed).succeeded()).isTrue();
    assertThat(cloud.observe("seed").duplicates()).isEmpty();
    assertThat(cloud.count(ResourceKind.SECURITY_GROUP)).isEqualTo(7);
    assertThat(cloud.exists(original)).isTrue();
  }

  @Test
  void ofAServerGroupMadeTwiceThePlanKeepsTheOneWithTheServersInIt() {
    // given: the workers' group made a second time, empty (a create the cloud carried out after its maker had given
    // up and made the group again), with a cloud id that sorts before the first's
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    Engine engine = engine(cloud, 4, ExecutionListener.NONE);
    engine.apply(seed);
    ResourceId group = ResourceId.of(ResourceKind.SERVER_GROUP, "worker");
    Observed original = cloud.observe("seed").get(group).orElseThrow();
    Observed copy;
    do {
      copy = cloud.create("seed", original.spec(), id -> java.util.Optional.empty());
      if (copy.cloudId().compareTo(original.cloudId()) > 0) {
        cloud.delete("seed", copy);
        copy = null;
      }
    } while (copy == null);

    // when
    Plan plan = engine.plan(seed);

    // then: the empty copy goes; the group with the three workers stays, and no server is replaced
    String copyId = copy.cloudId();
    assertThat(plan.changes()).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo(Action.DELETE);
      assertThat(c.reason()).isEqualTo("duplicate #1 (cloud id " + copyId + "); keeping " + original.cloudId());
    });
    assertThat(engine.apply(seed).succeeded()).isTrue();
    assertThat(engine.plan(seed).isEmpty()).as("%s", engine.plan(seed)).isTrue();
    assertThat(cloud.exists(original.cloudId())).isTrue();
  }

  @Test
  void destroyRemovesExactlyOurResourcesAndLeavesAForeignServerPortAndGroupAlone() {
    // given
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    Engine engine = engine(cloud, 4, ExecutionListener.NONE);
    engine.apply(seed);
    String port = cloud.addForeignPort("by-hand", "internal", "10.0.200.7");
    String server = cloud.addForeignServer("by-hand", "hpc", "debian-12", port);
    String group = cloud.addForeignSecurityGroup("by-hand");

    // when
    ApplyResult gone = engine.destroy("seed");

    // then
    assertThat(gone.succeeded()).as(gone.summary()).isTrue();
    assertThat(cloud.observe("seed").size()).isZero();
    assertThat(cloud.exists(port)).isTrue();
    assertThat(cloud.exists(server)).isTrue();
    assertThat(cloud.exists(group)).isTrue();
    assertThat(cloud.serverStatuses()).containsOnlyKeys("by-hand");
    assertThat(engine.destroyPlan("seed").isEmpty()).isTrue();
  }

  @Test
  void aServerInErrorIsReplacedWithItsFaultAsTheReason() {
    // given: two hypervisors for three anti-affine workers
    InMemoryCloud cramped = InMemoryCloud.builder().network("internal", "10.0.0.0/16").image("debian-12")
        .flavor("controller", 1, 1024).flavor("webserver", 2, 2048).flavor("server_all", 4, 4096)
        .flavor("hpc", 2, 8192).hypervisors(2).build();

    // when
    ApplyResult result = engine(cramped, 1, ExecutionListener.NONE).apply(seed);

    // then
    assertThat(result.failures()).singleElement().satisfies(o -> assertThat(o.detail().orElseThrow())
        .contains("No valid host was found"));
    Plan next = engine(cramped, 1, ExecutionListener.NONE).plan(seed);
    assertThat(next.changes()).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo(Action.REPLACE);
      assertThat(c.reason()).startsWith("the server is in ERROR (No valid host was found");
    });

    // when: the same cluster spread softly, on a fresh cloud as cramped
    InMemoryCloud again = InMemoryCloud.builder().network("internal", "10.0.0.0/16").image("debian-12")
        .flavor("controller", 1, 1024).flavor("webserver", 2, 2048).flavor("server_all", 4, 4096)
        .flavor("hpc", 2, 8192).hypervisors(2).build();
    ApplyResult soft = Engine.builder().backend(again).renderer(Topologies.renderer())
        .serverGroupPolicy("soft-anti-affinity").build().apply(seed);

    // then
    assertThat(soft.succeeded()).as(soft.summary()).isTrue();
  }
}
