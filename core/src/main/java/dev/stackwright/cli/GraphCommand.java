package dev.stackwright.cli;

import dev.stackwright.internal.AtomicFiles;
import dev.stackwright.model.Cluster;
import dev.stackwright.report.TopologyGraph;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code graph [FILE]} verb: the topology ({@link TopologyGraph}) as Graphviz DOT, and as SVG beside it when
 * Graphviz's {@code dot} is installed. Like {@code render} and {@code report} it makes no backend and contacts no
 * cloud. Each file is written whole or not at all (a temporary file moved in place), so a failed {@code dot} leaves
 * no half picture.
 */
final class GraphCommand {
  static final Duration DOT_TIMEOUT = Duration.ofSeconds(60);
  private static final int OUTPUT_LINES = 10;

  private final PrintStream out;
  private final PrintStream err;
  private final String dotProgram;
  private final Duration timeout;

  GraphCommand(PrintStream out, PrintStream err) {
    this(out, err, "dot", DOT_TIMEOUT);
  }

  /** With another Graphviz program or time limit: for tests. */
  GraphCommand(PrintStream out, PrintStream err, String dotProgram, Duration timeout) {
    this.out = out;
    this.err = err;
    this.dotProgram = dotProgram;
    this.timeout = timeout;
  }

  int run(Cluster cluster, Optional<String> file) {
    Path dot = dotFile(cluster, file);
    Path svg = svgBeside(dot);
    try {
      writeAtomically(dot, TopologyGraph.of(cluster).toDot().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      err.println("cannot write the topology to " + dot.toAbsolutePath() + ": " + e.getMessage() + "; fix: give "
          + "graph a FILE in a directory you can write");
      return ExitCode.USAGE;
    }
    out.println("topology written to " + dot);
    return drawSvg(dot, svg);
  }

  /** FILE itself when it ends in .dot, FILE.dot otherwise (pic.svg gives pic.dot); the default under target/. */
  static Path dotFile(Cluster cluster, Optional<String> file) {
    if (file.isEmpty()) {
      return Path.of("target", "stackwright", cluster.name(), "topology.dot");
    }
    String f = file.get();
    return Path.of(f.endsWith(".dot") ? f : f.endsWith(".svg") ? f.substring(0, f.length() - 4) + ".dot"
        : f + ".dot");
  }

  static Path svgBeside(Path dot) {
    String name = dot.getFileName().toString();
    return dot.resolveSibling(name.substring(0, name.length() - ".dot".length()) + ".svg");
  }

  /** Runs dot into a temporary file beside the SVG, moved in place only when dot succeeded. */
  private int drawSvg(Path dot, Path svg) {
    Path partial = null;
    Path log = null;
    try {
      partial = AtomicFiles.besides(svg);
      log = Files.createTempFile("stackwright-dot-", ".log");
      Process p;
      try {
        p = new ProcessBuilder(List.of(dotProgram, "-Tsvg", "-o", partial.toString(), dot.toString()))
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      } catch (IOException e) {
        out.println("no SVG: Graphviz's " + dotProgram + " cannot be run (" + e.getMessage() + "); install graphviz"
            + " for SVG (apt-get install graphviz), or draw it yourself: dot -Tsvg " + dot + " -o " + svg);
        return ExitCode.OK;
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        err.println(dotProgram + " did not finish drawing " + dot + " within " + timeout.toSeconds() + " s; the DOT is"
            + " written: draw it yourself with dot -Tsvg " + dot + " -o " + svg);
        return ExitCode.FAILED;
      }
      if (p.exitValue() != 0) {
        err.println(dotProgram + " failed (exit " + p.exitValue() + ") drawing " + dot + "; the DOT is written, no SVG"
            + " was. Its last words:\n" + lastLines(log));
        return ExitCode.FAILED;
      }
      AtomicFiles.replace(partial, svg);
      out.println("picture written to " + svg);
      return ExitCode.OK;
    } catch (IOException e) {
      err.println("cannot write the picture to " + svg.toAbsolutePath() + ": " + e.getMessage() + "; the DOT is "
          + "written: draw it yourself with dot -Tsvg " + dot + " -o " + svg);
      return ExitCode.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("interrupted while " + dotProgram + " drew " + dot + "; no SVG was written");
      return ExitCode.FAILED;
    } finally {
      deleteQuietly(partial);
      deleteQuietly(log);
    }
  }

  private static void writeAtomically(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    AtomicFiles.write(file, content, null); // the mode any file of the user's gets
  }

  private static String lastLines(Path log) throws IOException {
    List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size()));
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // a temporary file left behind is harmless; the verb's own result is what matters
      }
    }
  }
}
