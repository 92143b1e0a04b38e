package dev.stackwright.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * stackwright as modules: the seed's command line in a JVM of its own with core and the two backends on the module
 * path (the unit tests run on the class path, where module-info counts for nothing). The example's own classes stay
 * on the class path, as do Jinjava's findbugs and jsr305 jars, which split javax.annotation and so cannot both be
 * modules; {@code --add-modules ALL-MODULE-PATH} resolves Guava and the rest, which Jinjava, an automatic module,
 * cannot require.
 */
class ModulePathTest {
  private static final long TIMEOUT_SECONDS = 180;

  @TempDir
  Path dir;

  @Test
  void coreIsANamedModuleAndEachBackendProviderComesFromItsModuleInfo() throws Exception {
    // when
    Run run = run("report");

    // then
    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.out).as("built without -am, the module path holds the jars installed in ~/.m2")
        .contains("module dev.stackwright.core\n")
        .contains("provider dev.stackwright.core/dev.stackwright.memory.InMemoryProvider\n")
        .contains("provider dev.stackwright.openstack/dev.stackwright.openstack.OpenStackProvider\n")
        .contains("provider dev.stackwright.nodes/dev.stackwright.nodes.NodesProvider\n");
  }

  @Test
  void theSeedRendersFromTheModulesOwnTemplates() throws Exception {
    // given
    Path out = dir.resolve("rendered");

    // when
    Run run = run("render", out.toString());

    // then
    assertThat(run.exit).as(run.err).isZero();
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.filter(Files::isRegularFile).map(f -> out.relativize(f).toString().replace('\\', '/')))
          .contains("controller-1/etc/dnsmasq.d/stackwright.conf", "controller-1/var/lib/cloud/instance/user-data.txt")
          .hasSizeGreaterThan(20);
    }
  }

  @Test
  void theSeedAppliesToTheInMemoryCloud() throws Exception {
    // when
    Run run = run("apply", "--yes");

    // then
    assertThat(run.exit).as(run.err).isZero();
  }

  private record Run(int exit, String out, String err) {}

  private Run run(String... args) throws IOException, InterruptedException {
    List<String> modulePath = new ArrayList<>();
    List<String> classPath = new ArrayList<>(List.of(Path.of("target", "classes").toAbsolutePath().toString(),
        Path.of("target", "test-classes").toAbsolutePath().toString()));
    String runtime = Files.readString(Path.of("target", "runtime-classpath.txt")).strip();
    for (String entry : runtime.split(File.pathSeparator)) {
      (splitsJavaxAnnotation(entry) ? classPath : modulePath).add(entry);
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", String.join(File.pathSeparator, modulePath), "--add-modules", "ALL-MODULE-PATH",
        "-cp", String.join(File.pathSeparator, classPath), ModulePathMain.class.getName()));
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().getParent().toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    withoutCloudCredentials(builder.environment());
    builder.environment().put("STACKWRIGHT_STATE_DIR", dir.resolve("state").toString()); // not the repository's
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("java " + String.join(" ", args) + " on the module path still ran after "
          + TIMEOUT_SECONDS + " s; its output:\n" + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Jinjava's findbugs annotations and jsr305 jars: both hold javax.annotation, so both stay on the class path. */
  private static boolean splitsJavaxAnnotation(String entry) {
    return entry.replace('\\', '/').contains("/com/google/code/findbugs/");
  }

  /** The in-memory cloud, whatever the machine running the test has set. */
  private static void withoutCloudCredentials(Map<String, String> environment) {
    environment.keySet().removeIf(name -> name.startsWith("OS_"));
  }
}
