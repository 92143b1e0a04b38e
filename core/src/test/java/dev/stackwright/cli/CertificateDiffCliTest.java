package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.memory.InMemoryProvider;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import dev.stackwright.tls.Certificates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan --diff of a renewed certificate: why it changed, the certificate's diff, and never a private key. */
class CertificateDiffCliTest {
  private static final Instant APPLIED = Instant.parse("2026-12-07T08:00:00Z");

  @TempDir
  Path home;
  private ByteArrayOutputStream out;
  private InMemoryCloud cloud;

  private static Cluster cluster() {
    ClusterDsl dsl = Seed.named("cd").split().dsl();
    dsl.tls().clusterCa().domain("demo.example.org");
    return dsl.build();
  }

  private int run(long days, String... args) {
    Map<SecretName, String> secrets = new LinkedHashMap<>();
    SecretName.builtIn().forEach(n -> secrets.put(n, "cd-test-" + n.key() + "-0123456789"));
    Renderer renderer = Renderer.builder().secrets(SecretSource.of(secrets)).certificates(Certificates.clusterCa(
        home.resolve("ca"), Clock.fixed(APPLIED.plus(Duration.ofDays(days)), ZoneOffset.UTC))).build();
    out = new ByteArrayOutputStream();
    return Cli.builder().cluster(CertificateDiffCliTest::cluster).provider(InMemoryProvider.of(cloud))
        .renderer(renderer).environment(Map.of("HOME", home.toString(), "STACKWRIGHT_STATE_DIR",
            home.resolve("state").toString()))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8))
        .err(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .in(new ByteArrayInputStream(new byte[0])).build().run(args);
  }

  @BeforeEach
  void applied() {
    cloud = InMemoryCloud.forCluster(cluster());
    assertThat(run(0, "apply", "--yes")).isEqualTo(ExitCode.OK);
  }

  /**
   * The lines of every key the cluster CA keeps that hold its private part: the first two of the PEM body (the rest
   * is the public key, which the certificate carries too).
   */
  private List<String> keyLines() throws IOException {
    List<String> lines = new java.util.ArrayList<>();
    try (Stream<Path> files = Files.list(home.resolve("ca"))) {
      for (Path p : files.filter(p -> p.toString().endsWith(".key")).toList()) {
        lines.addAll(Files.readString(p).lines().filter(l -> !l.startsWith("-----")).limit(2).toList());
      }
    }
    return lines;
  }

  @Test
  void theDiffSaysWhichCertificateWasRenewedAndWhy() {
    // when
    int exit = run(370, "plan", "--diff");

    // then
    assertThat(exit).isEqualTo(ExitCode.OK);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("webserver-1:/etc/ssl/stackwright/webserver-1.crt: certificate of webserver-1 (expires on"
            + " 2028-01-08, within 30 days) renewed")
        .contains("+++ b/webserver-1/etc/ssl/private/stackwright-webserver-1.key\nsecret file changed: content not"
            + " shown");
  }

  @Test
  void neitherTheDiffNorTheFilesKeptAtApplyHoldAKey() throws IOException {
    // when
    run(370, "plan", "--diff");

    // then
    String diff = out.toString(StandardCharsets.UTF_8);
    StringBuilder kept = new StringBuilder();
    try (Stream<Path> files = Files.walk(home.resolve("state"))) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        kept.append(Files.readString(p));
      }
    }
    assertThat(keyLines()).isNotEmpty().allSatisfy(line -> {
      assertThat(diff).doesNotContain(line);
      assertThat(kept.toString()).doesNotContain(line);
    });
    assertThat(kept.toString()).doesNotContain("PRIVATE KEY");
  }
}
