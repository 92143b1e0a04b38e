package dev.stackwright.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/launch.sh in a project of its own: a stand-in {@code mvn} that "builds" two jars (an examples jar whose
 * main prints its arguments, and a module jar), counts its builds and fails on demand, so when the launcher builds,
 * what a failed build leaves, and how it records and uses the class-data archive are seen without Maven.
 */
class LaunchScriptTest {
  private static final long TIMEOUT_SECONDS = 60;
  private static final String MAIN = "launchtest.Echo";

  @TempDir
  Path top;

  private Path builds;

  @BeforeEach
  void project() throws IOException {
    Path examples = Files.createDirectories(top.resolve("examples"));
    Files.copy(Path.of("launch.sh"), examples.resolve("launch.sh"));
    Files.writeString(top.resolve("pom.xml"), "<project/>\n");
    Files.writeString(examples.resolve("pom.xml"), "<project/>\n");
    Files.createDirectories(examples.resolve("src/main/java"));
    write(top.resolve("core/pom.xml"), "<project/>\n");
    write(top.resolve("core/src/main/java/Core.java"), "class Core {}\n");
    write(top.resolve("core/src/test/java/CoreTest.java"), "class CoreTest {}\n");
    Path made = Files.createDirectories(top.resolve("made"));
    compileEcho(made);
    builds = top.resolve("builds");
    Path bin = Files.createDirectories(top.resolve("bin"));
    // the stand-in mvn: what `mvn package -pl examples -am` leaves that the launcher reads
    write(bin.resolve("mvn"), String.join("\n", "#!/usr/bin/env bash", "set -e",
        "echo build >> '" + builds + "'",
        "[ ! -e '" + top.resolve("fail") + "' ] || { echo 'stand-in build failed' >&2; exit 1; }",
        "mkdir -p examples/target core/target",
        "cp '" + made.resolve("examples.jar") + "' examples/target/stackwright-examples-1.jar",
        "cp '" + made.resolve("core.jar") + "' core/target/stackwright-core-1.jar",
        "extra=''; [ ! -e '" + top.resolve("with-directory") + "' ] || extra=':" + made + "'",
        "echo \"$PWD/core/target/stackwright-core-1.jar$extra\" > examples/target/runtime-classpath.txt", ""));
    bin.resolve("mvn").toFile().setExecutable(true);
  }

  @Test
  void theFirstRunBuildsAndTheNextStartsJavaWithoutBuilding() throws Exception {
    // when
    Run first = launch("plan");
    Run second = launch("plan", "--yes");

    // then
    assertThat(first.exit).as(first.err).isZero();
    assertThat(first.out).isEqualTo("ran plan\n");
    assertThat(second.out).isEqualTo("ran plan --yes\n");
    assertThat(buildCount()).isEqualTo(1);
  }

  @Test
  void aChangedMainSourceBuildsAgainAndAChangedTestSourceDoesNot() throws Exception {
    // given
    launch("report");

    // when
    newerThanTheStamp(top.resolve("core/src/test/java/CoreTest.java"));
    launch("report");
    int afterTest = buildCount();
    newerThanTheStamp(top.resolve("core/src/main/java/Core.java"));
    launch("report");

    // then
    assertThat(afterTest).isEqualTo(1);
    assertThat(buildCount()).isEqualTo(2);
  }

  @Test
  void aFailedBuildLeavesNoStampSoTheNextRunBuildsAgain() throws Exception {
    // given
    launch("report");
    Files.writeString(top.resolve("fail"), "");
    newerThanTheStamp(top.resolve("core/src/main/java/Core.java"));

    // when
    Run failed = launch("report");
    boolean stampAfterFailure = Files.exists(top.resolve("examples/target/launch/built"));
    Files.delete(top.resolve("fail"));
    Run fixed = launch("report");

    // then
    assertThat(failed.exit).isNotZero();
    assertThat(failed.err).contains("stand-in build failed");
    assertThat(stampAfterFailure).isFalse();
    assertThat(fixed.exit).as(fixed.err).isZero();
    assertThat(buildCount()).isEqualTo(3);
  }

  @Test
  void aVerbsFirstRunRecordsAnArchiveThatItsLaterRunsLoadTheirClassesFrom() throws Exception {
    // given
    launch("plan");

    // when
    Run later = launch(Map.of("STACKWRIGHT_JAVA_OPTS", "-Xlog:class+load=info:stderr"), "plan");

    // then
    assertThat(archives()).singleElement().asString().startsWith("plan-").endsWith(".jsa");
    assertThat(later.out).isEqualTo("ran plan\n");
    assertThat(later.err).containsPattern(MAIN + " source: shared objects file \\(top\\)");
  }

  @Test
  void anArchiveWrittenSinceItWasKeptIsNotUsedAndTheRunGoesOn() throws Exception {
    // given
    launch("plan");
    Path archive = top.resolve("examples/target/launch/cds").resolve(archives().get(0));
    byte[] bytes = Files.readAllBytes(archive);
    archive.toFile().setWritable(true);
    Files.write(archive, Arrays.copyOf(bytes, bytes.length / 2));

    // when
    Run run = launch(Map.of("STACKWRIGHT_JAVA_OPTS", "-Xlog:class+load=info:stderr"), "plan");

    // then
    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.out).isEqualTo("ran plan\n");
    assertThat(run.err).containsPattern(MAIN + " source: file:").doesNotContain("SIGBUS");
  }

  @Test
  void aDirectoryOnTheClassPathRecordsNoArchiveAndFailsNoRun() throws Exception {
    // given
    Files.writeString(top.resolve("with-directory"), "");

    // when
    Run first = launch("plan");
    Run second = launch("plan");

    // then
    assertThat(first.exit).as(first.err).isZero();
    assertThat(second.exit).as(second.err).isZero();
    assertThat(archives()).isEmpty();
  }

  private Run launch(String... args) throws Exception {
    return launch(Map.of(), args);
  }

  private Run launch(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", top.resolve("examples/launch.sh").toString(), MAIN));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PATH", top.resolve("bin") + ":" + System.getenv("PATH"));
    pb.environment().remove("STACKWRIGHT_JAVA_OPTS");
    pb.environment().remove("STACKWRIGHT_CDS");
    pb.environment().putAll(env);
    Path out = top.resolve("out.txt");
    Path err = top.resolve("err.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("launch.sh did not end within " + TIMEOUT_SECONDS + " s: " + Files.readString(err));
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private record Run(int exit, String out, String err) {}

  private int buildCount() throws IOException {
    return Files.exists(builds) ? Files.readAllLines(builds).size() : 0;
  }

  private List<String> archives() throws IOException {
    Path dir = top.resolve("examples/target/launch/cds");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jsa")).toList();
    }
  }

  /** Gives {@code file} a time after the stamp's, however coarse the file system's clock. */
  private void newerThanTheStamp(Path file) throws IOException {
    FileTime stamp = Files.getLastModifiedTime(top.resolve("examples/target/launch/built"));
    Files.setLastModifiedTime(file, FileTime.fromMillis(stamp.toMillis() + 10_000));
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** The examples jar (a main printing its arguments) and a module jar, both compiled here. */
  private static void compileEcho(Path made) throws IOException {
    Path src = made.resolve("launchtest/Echo.java");
    write(src, "package launchtest;\npublic class Echo {\n  public static void main(String[] a) {\n"
        + "    System.out.println(\"ran \" + String.join(\" \", a));\n  }\n}\n");
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", made.toString(), src.toString());
    assertThat(status).as("javac of the stand-in main").isZero();
    byte[] echo = Files.readAllBytes(made.resolve("launchtest/Echo.class"));
    jar(made.resolve("examples.jar"), "launchtest/Echo.class", echo);
    jar(made.resolve("core.jar"), "core.txt", "core\n".getBytes(StandardCharsets.UTF_8));
  }

  private static void jar(Path jar, String entry, byte[] bytes) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(file)) {
      j.putNextEntry(new JarEntry(entry));
      j.write(bytes);
      j.closeEntry();
    }
  }
}
