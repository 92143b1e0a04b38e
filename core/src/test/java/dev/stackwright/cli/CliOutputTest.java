package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Topologies;
import dev.stackwright.local.LocalRun;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.memory.InMemoryProvider;
import dev.stackwright.model.Cluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verb {@code output} and the outputs that end {@code apply}. */
class CliOutputTest {
  private static final String PUBLIC_KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBQMipubXP+M3ecwun6x3z4DWxrscV5eS/nv6CXKUvQs cli";

  @TempDir
  Path home;

  private final Cluster seed = Topologies.seed("outcli");
  private final InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
  private ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out = new ByteArrayOutputStream();
    return Cli.builder().cluster(() -> seed).renderer(Topologies.renderer()).provider(InMemoryProvider.of(cloud))
        .localRun(LocalRun.builder().runDir(home.resolve("local")).build())
        .environment(java.util.Map.of("HOME", home.toString()))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).err(new PrintStream(err, true, StandardCharsets.UTF_8))
        .in(new ByteArrayInputStream(new byte[0])).build().run(args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void applyEndsWithTheLoadBalancerTheAdminUrlAndTheSshCommand() {
    // when
    int exit = run("apply", "--yes", "--out", home.resolve("files").toString());

    // then
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
    assertThat(out()).containsSubsequence("Complete: ", "Outputs:", "load balancer:  http://10.0.10.3/",
        "admin:          http://10.0.0.1/", "ssh controller: ssh debian@10.0.0.1",
        "(in-memory cloud: addresses are not reachable)");
  }

  @Test
  void outputPrintsTheEntryPointsOfWhatExists() {
    // given
    run("apply", "--yes", "--out", home.resolve("files").toString());

    // when
    int exit = run("output");

    // then
    assertThat(exit).isEqualTo(ExitCode.OK);
    assertThat(out()).startsWith("backend: memory\nOutputs:\n").contains("load balancer:  http://10.0.10.3/");
  }

  @Test
  void outputJsonPrintsTheJsonAndNothingElse() {
    // given
    run("apply", "--yes", "--out", home.resolve("files").toString());

    // when
    int exit = run("output", "--json");

    // then
    assertThat(exit).isEqualTo(ExitCode.OK);
    assertThat(out()).startsWith("{\n  \"format\": 1,").endsWith("}\n")
        .contains("\"load_balancer_url\": \"http://10.0.10.3/\"", "\"reachable\": false");
  }

  @Test
  void theSshCommandsCarryThePrivateHalfOfThePublicKey() throws Exception {
    // given
    Files.writeString(home.resolve("id_test"), "-----BEGIN OPENSSH PRIVATE KEY-----\n(a test key)\n");
    Path pub = Files.writeString(home.resolve("id_test.pub"), PUBLIC_KEY + "\n");
    run("apply", "--yes", "--public-key", pub.toString(), "--out", home.resolve("files").toString());

    // when
    run("output", "--public-key", pub.toString());

    // then
    assertThat(out()).contains("ssh controller: ssh -i " + home.resolve("id_test") + " debian@10.0.0.1");
  }

  @Test
  void beforeAnyApplyOutputSaysThereIsNothingYet() {
    // when
    int exit = run("output");

    // then
    assertThat(exit).isEqualTo(ExitCode.OK);
    assertThat(out()).contains("Outputs: none yet");
  }

  @Test
  void jsonIsRefusedOnAnotherVerb() {
    // when
    int exit = run("apply", "--json");

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--json is an option of plan and output, not of apply");
  }

  @Test
  void theLocalRunGivesTheSameShapeWithNothingRunning() {
    // when
    int exit = run("output", "--json", "--backend", "local");

    // then
    assertThat(exit).isEqualTo(ExitCode.OK);
    assertThat(out()).contains("\"backend\": \"local\"", "\"reachable\": true", "\"load_balancer_url\": null",
        "\"floating_ips\": []", "\"ssh\": null");
  }
}
