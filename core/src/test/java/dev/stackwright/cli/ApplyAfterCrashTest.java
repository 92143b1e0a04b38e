package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Crashes;
import dev.stackwright.spi.Backend;
import dev.stackwright.engine.CountingBackend;
import dev.stackwright.engine.Engine;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.engine.Topologies;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.memory.InMemoryProvider;
import dev.stackwright.model.Cluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apply --yes} after a run was killed while its servers booted finishes the job in one command. */
class ApplyAfterCrashTest {
  @TempDir
  Path home;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Cluster seed = Topologies.seed("crash");

  private int applyYes(Backend cloud) {
    return Cli.builder().cluster(() -> seed).provider(InMemoryProvider.of(cloud)).renderer(Topologies.renderer())
        .environment(Map.of("HOME", home.toString()))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).err(new PrintStream(out, true, StandardCharsets.UTF_8))
        .in(new ByteArrayInputStream(new byte[0])).build()
        .run("apply", "--yes", "--out", home.resolve("files").toString());
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void oneApplyWithYesAfterAKillWhileServersBootConvergesWithoutReplacingThem() {
    // given
    InMemoryCloud cloud = Crashes.slowBoots(seed, Duration.ofMillis(800));
    Crashes.killWhileBooting(cloud, seed);

    // when
    int exit = applyYes(cloud);

    // then
    assertThat(exit).as(output()).isEqualTo(ExitCode.OK);
    assertThat(output()).contains("wait for").doesNotContain("-/+ ").contains("Complete: ");
    assertThat(Engine.builder().backend(cloud).renderer(Topologies.renderer()).build().plan(seed).isEmpty()).isTrue();
    assertThat(cloud.count(ResourceKind.SERVER)).isEqualTo(6);
  }

  @Test
  void aCloudThatNeverStopsChangingEndsTheApplyAfterTheLastPlanWithNothingApplied() {
    // given a cloud that shows one more security group of the cluster at every look
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    AtomicInteger looks = new AtomicInteger();
    Backend changing = new CountingBackend(cloud) {
      @Override
      public Observation observe(String cluster) {
        List<Observed> seen = new ArrayList<>(super.observe(cluster).resources());
        ResourceId id = ResourceId.of(ResourceKind.SECURITY_GROUP, "flicker-" + looks.incrementAndGet());
        seen.add(new Observed(id, "cloud-" + id.key(), new SecurityGroupSpec(id, id.key(), "", List.of()), Map.of()));
        return Observation.of(cluster, seen);
      }
    };

    // when
    int exit = applyYes(changing);

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(output()).contains("plan " + (Settling.PLANS - 1) + " of at most " + Settling.PLANS)
        .doesNotContain("plan " + Settling.PLANS + " of at most").contains("is stale");
    assertThat(cloud.count(ResourceKind.SERVER)).isZero();
  }
}
