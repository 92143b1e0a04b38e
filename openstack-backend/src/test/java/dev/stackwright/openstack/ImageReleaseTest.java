package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.StackwrightException;
import dev.stackwright.spi.BackendException;
import dev.stackwright.model.OsRelease;
import dev.stackwright.openstack.FakeOpenStack.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Before anything is made, the images a cluster boots are checked against the OS release it declares, by their Glance
 * properties os_distro and os_version: another release is refused, an image that says nothing is a plan note.
 */
class ImageReleaseTest {
  private final FakeOpenStack cloud = FakeOpenStack.start();
  private final OpenStackBackend backend = OpenStackBackend.builder().credentials(cloud.credentials()).build();

  @AfterEach
  void stop() {
    cloud.close();
  }

  /** One active image named debian-12, with {@code properties} (JSON members, may be empty). */
  private void image(String properties) {
    cloud.route("GET", "/v2/images", s -> Answer.json(200, "{\"images\": [{\"id\": \"i1\", \"name\": \"debian-12\","
        + " \"status\": \"active\"" + (properties.isEmpty() ? "" : ", " + properties) + "}]}"));
  }

  @Test
  void anImageThatSaysItIsAnotherReleaseIsRefusedNamingItsPropertiesAndTheFix() {
    // given an image the cluster calls Debian 12 that says it is Debian 9
    image("\"os_distro\": \"debian\", \"os_version\": \"9\"");

    // when / then
    assertThatThrownBy(() -> backend.checkImages(Map.of("debian-12", OsRelease.DEBIAN_12)))
        .isExactlyInstanceOf(StackwrightException.class)
        .hasMessageContaining("image debian-12 says it boots Debian 9 (os_distro=debian, os_version=9)")
        .hasMessageContaining("the cluster declares Debian 12")
        .hasMessageContaining("Fix: boot an image of Debian 12");
    assertThat(cloud.requests()).noneMatch(s -> s.method().equals("POST"));
  }

  @Test
  void anImageOfTheDeclaredReleaseGivesNoNote() {
    // given
    image("\"os_distro\": \"debian\", \"os_version\": \"12.5\"");

    // when
    List<String> notes = backend.checkImages(Map.of("debian-12", OsRelease.DEBIAN_12));

    // then
    assertThat(notes).isEmpty();
  }

  @Test
  void aCodeNameIsTheRelease() {
    // given
    image("\"os_distro\": \"Debian\", \"os_version\": \"bookworm\"");

    // when / then
    assertThat(backend.checkImages(Map.of("debian-12", OsRelease.DEBIAN_12))).isEmpty();
  }

  @Test
  void anImageThatSaysNothingIsTakenAtTheClustersWordWithANote() {
    // given
    image("");

    // when
    List<String> notes = backend.checkImages(Map.of("debian-12", OsRelease.DEBIAN_12));

    // then
    assertThat(notes).singleElement().asString().contains("image debian-12 does not say which OS it boots")
        .contains("taken to be Debian 12");
  }

  @Test
  void anImageTheCloudDoesNotHaveIsNotFoundBeforeAnythingIsMade() {
    // given
    cloud.route("GET", "/v2/images", s -> Answer.json(200, s.query() != null && s.query().contains("name=")
        ? "{\"images\": []}" : "{\"images\": [{\"id\": \"i9\", \"name\": \"debian-9.2\", \"status\": \"active\"}]}"));

    // when / then
    assertThatThrownBy(() -> backend.checkImages(Map.of("debian-12", OsRelease.DEBIAN_12)))
        .isInstanceOf(BackendException.class).hasMessageContaining("no image named \"debian-12\"");
    assertThat(cloud.requests()).noneMatch(s -> s.method().equals("POST"));
  }

  @Test
  void theImageIsLookedUpOnceForTheCheckAndTheBoots() {
    // given
    image("\"os_distro\": \"debian\", \"os_version\": \"12\"");

    // when
    backend.checkImages(Map.of("debian-12", OsRelease.DEBIAN_12));
    backend.checkImages(Map.of("debian-12", OsRelease.DEBIAN_12));

    // then
    assertThat(cloud.requests()).filteredOn(s -> s.path().equals("/v2/images")).hasSize(1);
  }
}
