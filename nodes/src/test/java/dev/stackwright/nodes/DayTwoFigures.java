package dev.stackwright.nodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** The day-two ITs' figures: each line printed and added to target/day-two-figures.txt (the classes run apart). */
final class DayTwoFigures {
  private static final Path FILE = Path.of("target/day-two-figures.txt");

  private DayTwoFigures() {}

  static void add(String format, Object... args) throws IOException {
    String line = String.format(Locale.ROOT, format, args);
    System.out.println("[day two] " + line);
    Files.createDirectories(FILE.getParent());
    Files.writeString(FILE, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
