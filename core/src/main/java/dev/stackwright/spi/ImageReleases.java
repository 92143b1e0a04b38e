package dev.stackwright.spi;

import dev.stackwright.StackwrightException;
import dev.stackwright.model.OsRelease;
import java.util.Optional;

/**
 * Whether an image is the OS release the cluster declares for it, by what the cloud says of it (Glance's
 * {@code os_distro} and {@code os_version} properties): for backends, so each says it the same way.
 */
public final class ImageReleases {
  private ImageReleases() {}

  /**
   * Nothing when the image says it is {@code declared}; a note for the plan when it says nothing (the declaration
   * is taken on trust).
   *
   * @throws StackwrightException when it says it is another release, naming the image, its properties and the fix
   */
  public static Optional<String> check(String image, Optional<String> osDistro, Optional<String> osVersion,
      OsRelease declared) {
    if (osDistro.isEmpty() || osVersion.isEmpty()) {
      return Optional.of("image " + image + " does not say which OS it boots (no os_distro and os_version "
          + "properties): taken to be " + declared.title() + " as the cluster declares; the files are written for "
          + OsRelease.TEMPLATES.title());
    }
    if (declared.matches(osDistro.get(), osVersion.get())) {
      return Optional.empty();
    }
    String is = OsRelease.of(osDistro.get(), osVersion.get()).map(OsRelease::title)
        .orElse(osDistro.get() + " " + osVersion.get());
    throw new StackwrightException("image " + image + " says it boots " + is + " (os_distro=" + osDistro.get()
        + ", os_version=" + osVersion.get() + "), and the cluster declares " + declared.title() + "; nothing was "
        + "made. Fix: boot an image of " + OsRelease.TEMPLATES.title() + ", the release the rendered files are "
        + "written for (os_distro=" + OsRelease.TEMPLATES.distro() + ", os_version=" + OsRelease.TEMPLATES.version()
        + "), and name it in the cluster's defaultImage(...) or image(...); or, if the properties are wrong, set "
        + "them: openstack image set --property os_distro=... --property os_version=... " + image);
  }
}
