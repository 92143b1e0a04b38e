package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.OsRelease;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The rig's mirror holds every package the built-in services install, as their descriptors say. */
class BuiltInPackagesTest {
  /** Served by the rig's CouchDB stand-in repository rather than its Debian mirror (see rig/NOTES.md). */
  private static final Set<String> STAND_INS = Set.of("couchdb");

  /** The package names of rig/mirror.packages: one a line, '#' comments and blanks dropped (as image.sh reads it). */
  private static Set<String> mirror() throws IOException {
    return Files.readAllLines(Path.of("rig", "mirror.packages")).stream().map(l -> l.replaceAll("#.*", "").strip())
        .filter(l -> !l.isEmpty()).collect(Collectors.toSet());
  }

  @Test
  void theMirrorHoldsEveryPackageOfTheBuiltInServices() throws IOException {
    // given
    Set<String> packages = BuiltInPackages.of(BuiltInServices.all(), OsRelease.TEMPLATES);

    // when
    List<String> missing = BuiltInPackages.missing(packages, mirror());

    // then
    assertThat(missing).as("add them to nodes/rig/mirror.packages").isSubsetOf(STAND_INS);
  }

  @Test
  void aPackageTheMirrorLacksIsNamed() throws IOException {
    // given
    Service redis = Service.builder("redis").packages("redis-server", "curl").build();

    // when
    List<String> missing = BuiltInPackages.missing(BuiltInPackages.of(List.of(redis), OsRelease.TEMPLATES),
        mirror());

    // then
    assertThat(missing).containsExactly("redis-server");
  }
}
