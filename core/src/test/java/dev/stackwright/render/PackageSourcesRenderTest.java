package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The package sources of the model in each node's user-data, and the user-data's own defects found on real nodes. */
class PackageSourcesRenderTest {
  private final Renderer renderer = Topologies.renderer();

  private static Cluster privateCloud() {
    ClusterDsl c = Topologies.seedDsl();
    c.packageSources().unsignedDebianMirror("http://10.0.255.254/debian ./")
        .unsignedCouchdbRepository("http://10.0.255.254/couchdb ./").pythonIndex("http://10.0.255.254/simple");
    return c.build();
  }

  private static String step(String userData, String name) {
    Optional<String> found = RunStepsTest.runcmd(userData).stream()
        .filter(c -> c.startsWith("sw_step " + name + " ") || c.startsWith("sw_optional " + name + " ")).findFirst();
    return found.orElseThrow(() -> new AssertionError("no step " + name + " in " + RunStepsTest.runcmd(userData)));
  }

  private static int indexOf(List<String> runcmd, String name) {
    for (int i = 0; i < runcmd.size(); i++) {
      if (runcmd.get(i).startsWith("sw_step " + name + " ")) {
        return i;
      }
    }
    throw new AssertionError("no step " + name);
  }

  @Test
  void theMirrorReplacesTheImagesSourcesBeforeThePackagesAndAnUnsignedOneIsTrusted() {
    // when
    String userData = renderer.render(privateCloud()).userData("worker-1");

    // then
    assertThat(userData).contains("apt:\n  preserve_sources_list: false\n  sources_list: "
        + "\"deb [trusted=yes] http://10.0.255.254/debian ./\\n\"\n");
    assertThat(userData.indexOf("\napt:\n")).isLessThan(userData.indexOf("\npackage_update: true\n"));
  }

  @Test
  void withoutAMirrorTheImagesSourcesStayAsTheyAre() {
    // when
    String userData = renderer.render(Topologies.seed()).userData("worker-1");

    // then
    assertThat(userData).doesNotContain("\napt:", "preserve_sources_list");
  }

  @Test
  void couchdbComesFromTheModelsRepositoryAndTheIndexFromTheModelsIndex() {
    // when
    var r = renderer.render(privateCloud());

    // then
    assertThat(step(r.userData("server_all-1"), "couchdb-repository"))
        .contains("deb [trusted=yes] http://10.0.255.254/couchdb ./").doesNotContain("curl", "jfrog");
    assertThat(step(r.userData("controller-1"), "flower-install")).startsWith("sw_optional flower-install ")
        .contains("--index-url '\\''http://10.0.255.254/simple'\\''", "--trusted-host '\\''10.0.255.254'\\''");
  }

  @Test
  void theOfficialCouchdbKeyIsFetchedCheckedAndMovedBeforeTheListIsWritten() {
    // when
    String couchdb = BootStepCommands.couchdbRepository(Topologies.seed().packageSources().couchdbRepository());

    // then
    assertThat(couchdb).contains("curl -fsSL --retry 3 -o \"$tmp/key.asc\" 'https://couchdb.apache.org/repo/keys.asc'",
        "test -s \"$tmp/key.asc\"", "test -s \"$tmp/key.gpg\"",
        "deb [signed-by=/usr/share/keyrings/couchdb-archive-keyring.gpg] "
            + "https://apache.jfrog.io/artifactory/couchdb-deb/ bookworm main").doesNotContain("| gpg");
    assertThat(couchdb.indexOf("mv /usr/share/keyrings/couchdb-archive-keyring.gpg.new"))
        .isLessThan(couchdb.indexOf("> /etc/apt/sources.list.d/couchdb.list.new"));
  }

  @Test
  void flowerStartsOnlyWhereItWasInstalled() {
    // when
    String userData = renderer.render(Topologies.seed()).userData("controller-1");

    // then
    assertThat(step(userData, "flower-install")).contains("rm -rf /opt/flower", "--index-url '\\''https://pypi.org/simple'\\''")
        .doesNotContain("--trusted-host");
    assertThat(step(userData, "flower")).contains("[ ! -x /opt/flower/bin/celery ] || systemctl enable --now "
        + "flower.service");
  }

  @Test
  void theBrokersGuestUserIsDeletedOnceTheBrokerRestartedWithItsDefinitions() {
    // when
    List<String> runcmd = RunStepsTest.runcmd(renderer.render(Topologies.seed()).userData("server_all-1"));

    // then
    int guest = indexOf(runcmd, "rabbitmq-no-guest");
    assertThat(guest).isGreaterThan(indexOf(runcmd, "rabbitmq-server"));
    assertThat(runcmd.get(guest)).contains("await_startup", "delete_user guest");
  }
}
