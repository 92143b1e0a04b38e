package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.Created;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.References;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Failures reported as they are: a step that did not happen is never counted as done. */
class ExecutorFailuresTest {
  private final Cluster seed = Topologies.seed("seed");

  private static InMemoryCloud batchingGroups(Cluster cluster) {
    return InMemoryCloud.builder().network("internal", "10.0.0.0/16").image("debian-12")
        .flavor("controller", 1, 1024).flavor("webserver", 2, 2048).flavor("server_all", 4, 4096)
        .flavor("hpc", 2, 8192).batching(ResourceKind.SECURITY_GROUP, 50).build();
  }

  @Test
  void linkStepsFailWhenTheirBatchCallThrowsAndTheServersBehindThoseGroupsAreSkipped() {
    // given: a cloud whose one call adding the rules naming other groups fails as a whole
    CountingBackend failingLinks = new CountingBackend(batchingGroups(seed)) {
      @Override
      public List<Created> updateAll(String cluster, List<Observed> current, List<ResourceSpec> desired,
          References refs) {
        throw new BackendException(BackendException.Reason.TRANSIENT, null, "connection reset (test)");
      }
    };

    // when
    ApplyResult result = Engine.builder().backend(failingLinks).renderer(Topologies.renderer()).build().apply(seed);

    // then: every link failed with the call's error, and no server was booted behind a group missing rules
    assertThat(result.succeeded()).isFalse();
    List<Outcome> links = result.outcomes().stream().filter(o -> o.step().phase() == Step.Phase.LINK).toList();
    assertThat(links).isNotEmpty().allSatisfy(o -> {
      assertThat(o.status()).isEqualTo(Outcome.Status.FAILED);
      assertThat(o.detail().orElseThrow()).contains("connection reset (test)");
    });
    assertThat(result.failures()).containsAll(links);
    Set<ResourceId> linked = links.stream().map(o -> o.step().id()).collect(Collectors.toSet());
    for (Change c : result.plan().changes()) {
      if (c.desired().orElseThrow() instanceof ServerSpec server) {
        PortSpec port = (PortSpec) result.plan().changes().stream().filter(p -> p.id().equals(server.port()))
            .findFirst().orElseThrow().desired().orElseThrow();
        boolean behindFailedLink = port.securityGroups().stream().anyMatch(linked::contains);
        assertThat(status(result, "create " + c.id())).as(c.id().toString())
            .isEqualTo(behindFailedLink ? Outcome.Status.SKIPPED : Outcome.Status.DONE);
      }
    }
    assertThat(result.skipped()).extracting(o -> o.step().toString()).contains("create server/webserver-1",
        "create server/server_all-1", "create server/worker-1");
    assertThat(result.summary()).contains("failed:   link security-group/").contains("not done: create server/");
  }

  @Test
  void aListenerThatThrowsChangesNoOutcome() {
    // given: one cloud applied with a quiet listener, another with a listener that throws at every word, both with
    // worker-2's port refused, so there are failures and skips to hear about too
    java.util.function.Function<InMemoryCloud, InMemoryCloud> refusing = cloud -> {
      cloud.inject(dev.stackwright.memory.Fault.on(dev.stackwright.memory.Fault.Kind.UNAVAILABLE, "create",
          ResourceId.of(ResourceKind.PORT, "worker-2"), 1));
      return cloud;
    };
    InMemoryCloud quiet = refusing.apply(InMemoryCloud.forCluster(seed));
    InMemoryCloud loud = refusing.apply(InMemoryCloud.forCluster(seed));
    java.util.concurrent.atomic.AtomicInteger heard = new java.util.concurrent.atomic.AtomicInteger();
    ExecutionListener throwing = new ExecutionListener() {
      @Override
      public void started(Step step) {
        throw new IllegalStateException("started " + heard.incrementAndGet());
      }

      @Override
      public void finished(Step step, java.time.Duration elapsed) {
        throw new IllegalStateException("finished " + heard.incrementAndGet());
      }

      @Override
      public void failed(Step step, java.time.Duration elapsed, Exception error) {
        throw new IllegalStateException("failed " + heard.incrementAndGet());
      }

      @Override
      public void skipped(Step step, String reason) {
        throw new IllegalStateException("skipped " + heard.incrementAndGet());
      }
    };

    // when
    ApplyResult expected = Engine.builder().backend(quiet).renderer(Topologies.renderer()).build().apply(seed);
    ApplyResult result = Engine.builder().backend(loud).renderer(Topologies.renderer()).listener(throwing).build()
        .apply(seed);

    // then: the listener heard every step, and every step ended as it did without it
    assertThat(heard.get()).isGreaterThanOrEqualTo(result.outcomes().size());
    assertThat(result.outcomes()).extracting(o -> o.step() + " " + o.status())
        .containsExactlyElementsOf(expected.outcomes().stream().map(o -> o.step() + " " + o.status()).toList());
    assertThat(result.failures()).extracting(o -> o.step().toString()).containsExactly("create port/worker-2");
    assertThat(loud.serverStatuses()).isEqualTo(quiet.serverStatuses());
  }

  private static Outcome.Status status(ApplyResult result, String step) {
    return result.outcomes().stream().filter(o -> o.step().toString().equals(step)).findFirst().orElseThrow()
        .status();
  }
}
