package dev.stackwright.nodes;

import dev.stackwright.model.OsRelease;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Prints every package stackwright's own services install on the release the templates are written for, one a line,
 * sorted: what the rig's mirror must hold ({@code nodes/rig/image.sh check} compares it with {@code mirror.packages}).
 * The descriptors are the source of truth, so it reads them rather than any renderer code. Runs as a single-file
 * program against core's classes, without Maven:
 * {@code java -cp core/target/classes nodes/src/test/java/dev/stackwright/nodes/BuiltInPackages.java}.
 */
public final class BuiltInPackages {
  private BuiltInPackages() {}

  /** The packages {@code services} install on {@code os}, sorted, each once. */
  static SortedSet<String> of(Collection<Service> services, OsRelease os) {
    SortedSet<String> packages = new TreeSet<>();
    services.forEach(s -> packages.addAll(s.packagesOn(os)));
    return packages;
  }

  /** Those of {@code packages} that {@code available} lacks. */
  static List<String> missing(Collection<String> packages, Collection<String> available) {
    return packages.stream().filter(p -> !available.contains(p)).sorted().toList();
  }

  public static void main(String[] args) {
    of(BuiltInServices.all(), OsRelease.TEMPLATES).forEach(System.out::println);
  }
}
