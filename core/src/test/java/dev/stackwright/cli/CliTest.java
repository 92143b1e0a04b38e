package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.memory.InMemoryProvider;
import dev.stackwright.model.Cluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verbs a user's main gets, their output and their exit codes. */
class CliTest {
  @TempDir
  Path home;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private static Cluster small() {
    ClusterDsl c = Stackwright.cluster("tiny").network("10.0.0.0/16").gateway("10.0.0.254").dhcpPool("10.0.254.0/24")
        .defaultImage("debian-12");
    c.flavor("small").vcpus(1).ramGb(1);
    c.role("controller").address("10.0.0.1").flavor("small");
    c.role("webserver").subnet("10.0.10").firstOffset(3).flavor("small");
    c.role("appserver").subnet("10.0.11").count(2).flavor("small");
    c.role("database").subnet("10.0.20").flavor("small");
    c.role("broker").subnet("10.0.30").flavor("small");
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo").source("https://git.example.org/d.git")
        .version("v1");
    return c.build();
  }

  private int run(InMemoryCloud cloud, String stdin, Supplier<Cluster> cluster, String... args) {
    return Cli.builder().cluster(cluster).provider(InMemoryProvider.of(cloud))
        .environment(Map.of("HOME", home.toString(), "STACKWRIGHT_SECRET_ADMIN_PASSWORD", "cli-test-admin-pw"))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).err(new PrintStream(err, true, StandardCharsets.UTF_8))
        .in(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))).build().run(args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void applyWithYesPrintsThePlanEachStepTheSummaryAndWhereTheFilesAre() {
    InMemoryCloud cloud = InMemoryCloud.forCluster(small());
    Path files = home.resolve("files");

    int exit = run(cloud, "", CliTest::small, "apply", "--yes", "--out", files.toString());

    assertThat(exit).as(err()).isEqualTo(ExitCode.OK);
    assertThat(out()).contains("Plan: ").contains("to create").containsPattern("\\[ *\\d+\\.\\d\\d s\\] started  create port/")
        .containsPattern("done     create server/webserver-1 in \\d+\\.\\d\\d s").contains("Complete: ")
        .contains("Rendered files of every node: " + files.toAbsolutePath());
    assertThat(Files.isDirectory(files.resolve("webserver-1"))).isTrue();
    assertThat(cloud.serverStatuses()).hasSize(6);
  }

  @Test
  void withoutYesAndWithNoOneToAskNothingIsChanged() {
    InMemoryCloud cloud = InMemoryCloud.forCluster(small());

    int exit = run(cloud, "", CliTest::small, "apply");

    assertThat(exit).isEqualTo(ExitCode.ABORTED);
    assertThat(err()).contains("Pass --yes to apply without asking");
    assertThat(cloud.observe("tiny").size()).isZero();
  }

  @Test
  void anAnswerOtherThanYesCancels() {
    InMemoryCloud cloud = InMemoryCloud.forCluster(small());
    assertThat(run(cloud, "y\n", CliTest::small, "apply")).isEqualTo(ExitCode.ABORTED);
    assertThat(cloud.observe("tiny").size()).isZero();
    assertThat(run(cloud, "yes\n", CliTest::small, "apply")).isEqualTo(ExitCode.OK);
    assertThat(cloud.observe("tiny").size()).isPositive();
  }

  @Test
  void publicKeyFromAFileBecomesTheClustersKeypair() throws Exception {
    InMemoryCloud cloud = InMemoryCloud.forCluster(small());
    Path key = home.resolve("deploy.pub");
    Files.writeString(key, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTheTest deploy@ci\n");

    int exit = run(cloud, "", CliTest::small, "apply", "--yes", "--public-key", key.toString(), "--out",
        home.resolve("o").toString());

    assertThat(exit).as(err()).isEqualTo(ExitCode.OK);
    KeypairSpec made = (KeypairSpec) cloud.observe("tiny").resources().stream()
        .filter(o -> o.id().kind() == ResourceKind.KEYPAIR).findFirst().orElseThrow().spec();
    assertThat(made.publicKey()).isEqualTo("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTheTest deploy@ci");
  }

  @Test
  void aPrivateKeyOrAMissingFileIsRefusedBeforeAnythingIsMade() throws Exception {
    InMemoryCloud cloud = InMemoryCloud.forCluster(small());
    Path secret = home.resolve("id_ed25519");
    Files.writeString(secret, "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
        + "-----END OPENSSH PRIVATE KEY-----\n");

    assertThat(run(cloud, "", CliTest::small, "apply", "--yes", "--public-key", secret.toString()))
        .isEqualTo(ExitCode.USAGE);
    assertThat(run(cloud, "", CliTest::small, "apply", "--yes", "--public-key", home.resolve("nope.pub").toString()))
        .isEqualTo(ExitCode.USAGE);

    assertThat(err()).contains("is a PRIVATE key; pass its .pub file instead").doesNotContain("b3BlbnNzaC1rZXkt")
        .contains("nope.pub: cannot read it").contains("--public-key ~/.ssh/id_ed25519.pub");
    assertThat(cloud.observe("tiny").size()).isZero();
  }

  @Test
  void planWithDetailedExitCodeSaysWhetherThereAreChanges() {
    InMemoryCloud cloud = InMemoryCloud.forCluster(small());
    assertThat(run(cloud, "", CliTest::small, "plan", "--detailed-exitcode")).isEqualTo(ExitCode.CHANGES_PENDING);
    assertThat(run(cloud, "", CliTest::small, "apply", "--yes", "--out", home.resolve("o").toString()))
        .isEqualTo(ExitCode.OK);
    assertThat(run(cloud, "", CliTest::small, "plan", "--detailed-exitcode")).isEqualTo(ExitCode.OK);
    assertThat(out()).contains("no changes");
  }

  @Test
  void destroyRemovesEverythingAndAFailedStepExitsWithOne() {
    InMemoryCloud cloud = InMemoryCloud.forCluster(small());
    run(cloud, "", CliTest::small, "apply", "--yes", "--out", home.resolve("o").toString());
    assertThat(run(cloud, "", CliTest::small, "destroy", "--yes")).isEqualTo(ExitCode.OK);
    assertThat(cloud.observe("tiny").size()).isZero();
    InMemoryCloud tooSmall = InMemoryCloud.builder().network("internal", "10.0.0.0/16").flavor("small", 1, 1024)
        .image("debian-12").instances(3).build();
    assertThat(run(tooSmall, "", CliTest::small, "apply", "--yes")).isEqualTo(ExitCode.FAILED);
    assertThat(out()).contains("failed:").contains("quota exceeded: instances (limit 3)")
        .contains("applying again will not fix");
  }

  @Test
  void badUsageAndAnInvalidClusterExitWithTwoAndSayWhy() {
    InMemoryCloud cloud = InMemoryCloud.forCluster(small());
    assertThat(run(cloud, "", CliTest::small, "aply")).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains("unknown verb \"aply\"; did you mean \"apply\"?").contains("usage:");
    assertThat(run(cloud, "", CliTest::small, "apply", "--parallelism", "0")).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains("--parallelism takes a whole number of at least 1, not \"0\"");
    assertThat(run(cloud, "", CliTest::small, "render")).isEqualTo(ExitCode.USAGE);
    Supplier<Cluster> invalid = () -> Stackwright.cluster("bad").network("10.0.0.0/33").build();
    assertThat(run(cloud, "", invalid, "plan")).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains("Cluster \"bad\" is invalid");
    assertThat(run(cloud, "", CliTest::small, "plan", "--backend", "openstack")).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains("--backend openstack is not available");
  }

  @Test
  void reportPrintsTheCapacityAndTheAddressPlan() {
    assertThat(run(InMemoryCloud.forCluster(small()), "", CliTest::small, "report")).isEqualTo(ExitCode.OK);
    assertThat(out()).contains("TOTAL").contains("port.10.01_webserver-1");
  }
}
