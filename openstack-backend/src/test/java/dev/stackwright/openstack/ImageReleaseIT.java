package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.StackwrightException;
import dev.stackwright.model.OsRelease;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The image check on a real Glance: the loopback cloud's debian-12 carries os_distro=debian and os_version=12 (up.sh),
 * which Glance lists as top-level members of the image, as the backend reads them.
 */
@Tag("integration")
class ImageReleaseIT {
  private final OpenStackBackend cloud = OpenStackBackend.builder().credentials(RealCloud.credentials()).build();

  @Test
  void debian12IsDebian12() {
    assertThat(cloud.checkImages(Map.of("debian-12", OsRelease.DEBIAN_12))).isEmpty();
  }

  @Test
  void debian12DeclaredAsDebian11IsRefusedWithItsProperties() {
    assertThatThrownBy(() -> cloud.checkImages(Map.of("debian-12", OsRelease.DEBIAN_11)))
        .isExactlyInstanceOf(StackwrightException.class)
        .hasMessageContaining("image debian-12 says it boots Debian 12 (os_distro=debian, os_version=12)")
        .hasMessageContaining("the cluster declares Debian 11");
  }
}
