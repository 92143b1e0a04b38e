package dev.stackwright.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Topologies;
import dev.stackwright.nodes.NodeHealth;
import dev.stackwright.render.RenderedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTest {
  private static final RenderedCluster SEED = Topologies.renderer().render(Topologies.seed("health"));

  @Test
  void theServicesOfANodeAreTheUnitsItsUserDataEnables() {
    // given
    String serverAll = SEED.userData("server_all-1");

    // when
    var units = Health.units(serverAll);

    // then
    assertThat(units).containsExactlyInAnyOrder("nginx", "gunicorn", "rabbitmq-server", "couchdb");
    assertThat(Health.units(SEED.userData("controller-1"))).contains("dnsmasq", "nginx", "flower");
    assertThat(Health.units(SEED.userData("worker-1"))).containsExactly("celery");
  }

  @Test
  void aServiceWhoseOptionalInstallFailedIsNotInstalledWithTheReason() {
    // given
    List<String> notInstalled = List.of("flower-install: not installed, Flower could not be installed from the"
        + " Python package index http://10.0.255.253/simple (exit 1)");

    // when
    Optional<String> flower = Health.notInstalledReason("flower", notInstalled);

    // then
    assertThat(flower).hasValueSatisfying(r -> assertThat(r).startsWith("not installed: Flower could not be")
        .contains("10.0.255.253"));
    assertThat(Health.notInstalledReason("couchdb", notInstalled)).isEmpty();
  }

  @Test
  void aStoppedContainerSaysSoAndItsRecordedStepsAndStandInsAreStillRead(@TempDir Path merged) throws IOException {
    // given
    Files.createDirectories(merged.resolve("var/lib/stackwright"));
    Files.writeString(merged.resolve("var/lib/stackwright/failed-steps"), "app-clone exit 128\n");
    Files.createDirectories(merged.resolve("opt/couchdb/bin"));
    Files.writeString(merged.resolve("opt/couchdb/bin/couchdb"), "\"\"\"A stand-in for Apache CouchDB\"\"\"\n");

    // when
    NodeHealth h = Health.of("server_all-1", merged, Optional.empty());

    // then
    assertThat(h.cloudInit()).isEqualTo("container not running");
    assertThat(h.failedSteps()).containsExactly("app-clone exit 128");
    assertThat(h.standIns()).singleElement().asString().contains("stand-in");
    assertThat(h.services()).isEqualTo(Map.of());
    assertThat(h.healthy()).isFalse();
  }
}
