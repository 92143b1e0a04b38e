package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.StackwrightException;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.OsRelease;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine asks the backend about the images' OS releases at its door: a refusal stops the plan and the apply before
 * any other call, and the backend's notes reach the plan.
 */
class ImageReleaseGateTest {
  private final Cluster seed = Topologies.seed("os");
  private final List<Map<String, OsRelease>> asked = new ArrayList<>();

  /** A backend whose images are all Debian 9 (refuse) or say nothing (note). */
  private CountingBackend cloud(boolean refuse) {
    return new CountingBackend(InMemoryCloud.forCluster(seed)) {
      @Override
      public List<String> checkImages(Map<String, OsRelease> images) {
        asked.add(images);
        if (refuse) {
          throw new StackwrightException("image debian-12 says it boots Debian 9");
        }
        return List.of("image debian-12 does not say which OS it boots");
      }
    };
  }

  @Test
  void aRefusedImageStopsTheApplyBeforeAnyOtherCall() {
    // given
    CountingBackend cloud = cloud(true);
    Engine engine = Engine.builder().backend(cloud).renderer(Topologies.renderer()).build();

    // when / then
    assertThatThrownBy(() -> engine.apply(seed)).hasMessageContaining("says it boots Debian 9");
    assertThatThrownBy(() -> engine.plan(seed)).hasMessageContaining("says it boots Debian 9");
    assertThat(cloud.requests()).as("calls: %s", cloud.calls()).isZero();
  }

  @Test
  void eachBootedImageIsAskedAboutWithItsDeclaredRelease() {
    // given
    Engine engine = Engine.builder().backend(cloud(false)).renderer(Topologies.renderer()).build();

    // when
    engine.plan(seed);

    // then: the seed boots one image, whose release it does not declare: Debian 12, what the files are written for
    assertThat(asked).containsExactly(Map.of(seed.defaultImage(), OsRelease.DEBIAN_12));
  }

  @Test
  void theBackendsNotesReachThePlan() {
    // given
    Engine engine = Engine.builder().backend(cloud(false)).renderer(Topologies.renderer()).build();

    // when
    Plan plan = engine.plan(seed);

    // then
    assertThat(plan.notes()).contains("image debian-12 does not say which OS it boots");
  }
}
