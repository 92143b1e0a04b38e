package dev.stackwright.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The operating system release an image boots. The rendered files are written for one: Debian 12 (bookworm) — its
 * cloud-init (the {@code defer} of write_files), its package names (php8.2-fpm, python3-django, gunicorn, celery) and
 * its paths. The others are here so that a cluster can say what its images are, and be told plainly that the files
 * would not work there.
 */
public enum OsRelease {
  DEBIAN_9("debian", "9", "stretch", "Debian 9"),
  DEBIAN_10("debian", "10", "buster", "Debian 10"),
  DEBIAN_11("debian", "11", "bullseye", "Debian 11"),
  DEBIAN_12("debian", "12", "bookworm", "Debian 12"),
  DEBIAN_13("debian", "13", "trixie", "Debian 13"),
  UBUNTU_22_04("ubuntu", "22.04", "jammy", "Ubuntu 22.04"),
  UBUNTU_24_04("ubuntu", "24.04", "noble", "Ubuntu 24.04");

  /** The release the templates are written for, and what an image is taken to be when the cluster does not say. */
  public static final OsRelease TEMPLATES = DEBIAN_12;

  private final String distro;
  private final String version;
  private final String codename;
  private final String title;

  OsRelease(String distro, String version, String codename, String title) {
    this.distro = distro;
    this.version = version;
    this.codename = codename;
    this.title = title;
  }

  /** The distribution as Glance's {@code os_distro} property names it: {@code debian}, {@code ubuntu}. */
  public String distro() {
    return distro;
  }

  /** The version as Glance's {@code os_version} property gives it: {@code 12}, {@code 22.04}. */
  public String version() {
    return version;
  }

  public String codename() {
    return codename;
  }

  /** As a person writes it: "Debian 12". */
  public String title() {
    return title;
  }

  /** True for the one release the rendered files work on. */
  public boolean supported() {
    return this == TEMPLATES;
  }

  /**
   * Whether an image's Glance properties name this release: {@code os_distro} is the distribution (any case), and
   * {@code os_version} the version, a point release of it ({@code 12.5}) or its code name ({@code bookworm}).
   */
  public boolean matches(String osDistro, String osVersion) {
    String v = osVersion.strip().toLowerCase(Locale.ROOT);
    return distro.equalsIgnoreCase(osDistro.strip())
        && (v.equals(version) || v.startsWith(version + ".") || v.equals(codename));
  }

  /** The release Glance's properties name, if it is one of these. */
  public static Optional<OsRelease> of(String osDistro, String osVersion) {
    return Arrays.stream(values()).filter(r -> r.matches(osDistro, osVersion)).findFirst();
  }
}
