package dev.stackwright.surface;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A module's checked-in API file (such as {@code core/api/core.api}) against the surface its classes have now. With
 * {@code -Dstackwright.api.write=true} the file is rewritten instead, for the change to be read in review.
 */
public final class ApiFile {
  /** The system property that rewrites the file rather than comparing. */
  public static final String WRITE = "stackwright.api.write";

  private ApiFile() {}

  /**
   * Throws an {@link AssertionError} listing each line only in the file ({@code -}) and each only in the classes
   * ({@code +}), unless they agree or the property {@value #WRITE} is true, which writes {@code lines} to the file.
   */
  public static void assertMatches(Path file, List<String> lines) {
    assertMatches(file, lines, Boolean.getBoolean(WRITE));
  }

  static void assertMatches(Path file, List<String> lines, boolean write) {
    if (write) {
      write(file, lines);
      return;
    }
    if (!Files.exists(file)) {
      throw new AssertionError("no API file " + file.toAbsolutePath() + "; write it with " + command(file)
          + " and commit it");
    }
    List<String> diff = diff(read(file), lines);
    if (!diff.isEmpty()) {
      throw new AssertionError("the public surface differs from " + file + " (- only in the file, + only in the "
          + "classes):\n" + String.join("\n", diff) + "\nif the change is meant, rewrite the file with "
          + command(file) + " and let the review read its diff");
    }
  }

  static List<String> diff(List<String> expected, List<String> actual) {
    Set<String> was = new LinkedHashSet<>(expected);
    Set<String> now = new LinkedHashSet<>(actual);
    List<String> diff = new ArrayList<>();
    expected.stream().filter(line -> !now.contains(line)).forEach(line -> diff.add("- " + line));
    actual.stream().filter(line -> !was.contains(line)).forEach(line -> diff.add("+ " + line));
    // by member, so a changed signature shows as its old line over its new one
    diff.sort(Comparator.comparing((String line) -> line.substring(2)).thenComparing(line -> line.charAt(0) == '+'));
    return diff;
  }

  private static String command(Path file) {
    String module = Path.of("").toAbsolutePath().getFileName().toString();
    return "mvn -o -pl " + module + " -am test -Dtest=ApiSurfaceTest -Dsurefire.failIfNoSpecifiedTests=false -D"
        + WRITE + "=true";
  }

  /** The lines of a checked-in API file. */
  public static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path file, List<String> lines) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
