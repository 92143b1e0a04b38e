package dev.stackwright.nodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a push's time went inside the ssh module, read from its DEBUG lines ({@code ssh timing NODE: WHAT N ms}) that
 * slf4j-simple writes to {@link #LOG}: per kind of step (the connect, each exec, each step timed on the node), how many
 * a node had and their median. {@link #configure} must run before any logger is made.
 */
final class SshSplit {
  static final Path LOG = Path.of("target/day-two-bench/ssh-debug.log");
  private static final Pattern LINE = Pattern.compile("ssh timing (\\S+): (.+?) (\\d+) ms$");
  private long offset;

  /** Sends every log line to {@link #LOG}, the ssh module's at DEBUG. */
  static void configure() {
    try {
      Files.createDirectories(LOG.getParent());
      Files.deleteIfExists(LOG);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    System.setProperty("org.slf4j.simpleLogger.logFile", LOG.toString());
    System.setProperty("org.slf4j.simpleLogger.log.dev.stackwright.ssh", "debug");
  }

  /** Starts a new window: {@link #since} reads only the lines written after this. */
  void mark() throws IOException {
    offset = Files.exists(LOG) ? Files.size(LOG) : 0;
  }

  /** The split of the lines since {@link #mark}: {@code kind xN med M ms} for each kind, per node. */
  String since() throws IOException {
    if (!Files.exists(LOG)) {
      return "no ssh timings (is the log configured?)";
    }
    byte[] all = Files.readAllBytes(LOG);
    String text = new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
        java.nio.charset.StandardCharsets.UTF_8);
    Map<String, List<Long>> byKind = new TreeMap<>();
    java.util.Set<String> nodes = new java.util.TreeSet<>();
    for (String line : text.lines().toList()) {
      Matcher m = LINE.matcher(line);
      if (m.find()) {
        nodes.add(m.group(1));
        byKind.computeIfAbsent(kind(m.group(2)), k -> new ArrayList<>()).add(Long.parseLong(m.group(3)));
      }
    }
    StringBuilder out = new StringBuilder("ssh split over " + nodes.size() + " nodes:");
    byKind.forEach((kind, ms) -> out.append(String.format(Locale.ROOT, " %s x%.1f med %d ms;", kind,
        ms.size() / (double) Math.max(1, nodes.size()), median(ms))));
    return out.toString();
  }

  /**
   * {@code exec "check health-web-1-tcp"} to {@code exec check}, {@code on node "write /etc/x"} to {@code on node write};
   * a line without a quoted step is its own kind ({@code connect: tcp}).
   */
  static String kind(String what) {
    int quote = what.indexOf('"');
    if (quote < 0) {
      return what;
    }
    String inner = what.substring(quote + 1).replace("\"", "");
    return what.substring(0, quote).strip() + " " + inner.split(" ")[0];
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
