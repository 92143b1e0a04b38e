package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.render.SecretName;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every secret set to a unique marker, a whole session at DEBUG log level ({@link SecretsAtDebugRun}: the CLI's plan,
 * apply, report and render, the engine's plans, results and exceptions, injected faults): no marker in the logs or
 * anything printed, and every marker in the rendered files, where it belongs. The session runs in a process of its
 * own because SLF4J fixes each logger's level when the logger is made, which in this JVM has already happened.
 */
class SecretsAtDebugTest {

  @Test
  void noSecretLeavesTheRenderedFilesEvenAtDebug(@TempDir Path dir) throws Exception {
    // given a marker per secret, in the environment where the default renderer reads secrets
    Map<SecretName, String> markers = new LinkedHashMap<>();
    for (SecretName name : SecretName.builtIn()) {
      markers.put(name, "MARKER" + SecretName.builtIn().indexOf(name) + "x" + Long.toHexString(System.nanoTime()) + name.key());
    }
    Path files = Files.createDirectories(dir.resolve("files"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
        "-Dorg.slf4j.simpleLogger.logFile=System.err", SecretsAtDebugRun.class.getName(), files.toString()));
    ProcessBuilder session = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
    markers.forEach((name, marker) -> session.environment().put(name.environmentVariable(), marker));
    session.environment().keySet().removeIf(k -> k.startsWith("OS_"));

    // when
    Process p = session.start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the session ends").isTrue();
    String stdout = Files.readString(dir.resolve("stdout.txt"));
    String stderr = Files.readString(dir.resolve("stderr.txt"));
    keepForTheReader(stdout, stderr);

    // then it did what it should: debug logging on, faults injected, exceptions printed
    assertThat(p.exitValue()).as(stderr).isZero();
    assertThat(stdout).endsWith("done\n").contains("exit code 0", "exit code 1", "Plan for cluster \"secrets\"",
        "failed ", "injected", "StalePlanException", "cannot render without the cluster's secrets");
    assertThat(stderr).contains("DEBUG dev.stackwright.render.Renderer");
    // and no marker in anything printed or logged, not even inside a gzipped, base64-encoded file of a user-data
    String printed = withDecodedFiles(stdout);
    String logged = withDecodedFiles(stderr);
    markers.forEach((name, marker) -> {
      assertThat(printed).as("stdout, %s", name).doesNotContain(marker);
      assertThat(logged).as("the log, %s", name).doesNotContain(marker);
    });
    assertThat(stdout + stderr).doesNotContain("{SSHA}");
    // but every marker in the rendered files, both those apply wrote and those render wrote
    for (String where : List.of("applied", "rendered")) {
      String rendered = allFiles(files.resolve(where));
      markers.forEach((name, marker) -> assertThat(rendered).as("%s files, %s", where, name).contains(marker));
    }
  }

  /** The session's output stays in target/secrets-at-debug, to read what was checked. */
  private static void keepForTheReader(String stdout, String stderr) throws IOException {
    Path kept = Files.createDirectories(Path.of("target", "secrets-at-debug"));
    Files.writeString(kept.resolve("stdout.txt"), stdout);
    Files.writeString(kept.resolve("stderr.txt"), stderr);
  }

  /** The text, followed by the content of every gzip stream in it written in base64, as user-data holds files. */
  static String withDecodedFiles(String text) {
    StringBuilder all = new StringBuilder(text);
    Matcher gzipped = Pattern.compile("H4sI[A-Za-z0-9+/]+=*").matcher(text);
    while (gzipped.find()) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(
          Base64.getDecoder().decode(gzipped.group())))) {
        all.append('\n').append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException | IllegalArgumentException e) {
        all.append("\n(undecodable: ").append(e.getMessage()).append(')');
      }
    }
    return all.toString();
  }

  private static String allFiles(Path root) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        all.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
      }
    }
    return all.toString();
  }
}
