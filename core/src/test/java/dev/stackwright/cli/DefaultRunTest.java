package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.memory.InMemoryProvider;
import dev.stackwright.model.Cluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's run on the embedded cloud does not fail by its own making, and a failure that applying again
 * cannot fix is reported with what to change, not with "run apply again".
 */
class DefaultRunTest {
  @TempDir
  Path home;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** A cluster whose appserver host kind has six VMs: more than the four hypervisors a cloud has by default. */
  private static Cluster sixAppservers() {
    ClusterDsl c = Stackwright.cluster("six").network("10.0.0.0/16").gateway("10.0.0.254").dhcpPool("10.0.254.0/24")
        .defaultImage("debian-9.2");
    c.flavor("small").vcpus(1).ramGb(1);
    c.role("controller").address("10.0.0.1").flavor("small");
    c.role("webserver").subnet("10.0.10").firstOffset(3).flavor("small");
    c.role("appserver").subnet("10.0.11").count(6).flavor("small");
    c.role("database").subnet("10.0.20").flavor("small");
    c.role("broker").subnet("10.0.30").flavor("small");
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo").source("https://git.example.org/d.git")
        .version("v1");
    return c.build();
  }

  /** A cloud with what {@link #sixAppservers} names, {@code hypervisors} hypervisors and room for {@code instances}. */
  private static InMemoryCloud cloud(int hypervisors, int instances) {
    Cluster c = sixAppservers();
    return InMemoryCloud.builder().network(c.internalNetworkName(), c.network().toString()).flavor("small", 1, 1024)
        .image(c.defaultImage()).hypervisors(hypervisors).instances(instances).build();
  }

  private int run(Optional<InMemoryCloud> cloud, String... args) {
    Cli.Builder b = Cli.builder().cluster(DefaultRunTest::sixAppservers)
        .environment(Map.of("HOME", home.toString(), "STACKWRIGHT_SECRET_ADMIN_PASSWORD", "default-run-pw",
            InMemoryProvider.STATE_DIRECTORY_VARIABLE, home.resolve("state").toString()))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).err(new PrintStream(out, true, StandardCharsets.UTF_8))
        .in(new ByteArrayInputStream(new byte[0]));
    cloud.ifPresent(c -> b.provider(InMemoryProvider.of(c)));
    return b.build().run(args);
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aHostKindOfSixVmsAppliesOnTheDefaultCloud() {
    // given no cloud: the command line makes its own

    // when
    int exit = run(Optional.empty(), "apply", "--yes", "--out", home.resolve("files").toString());

    // then
    assertThat(exit).as(output()).isEqualTo(ExitCode.OK);
    assertThat(output()).contains("Complete: ").doesNotContain("No valid host");
  }

  @Test
  void softAntiAffinityFromTheCommandLinePlacesMoreVmsThanThereAreHypervisors() {
    // given
    InMemoryCloud twoHypervisors = cloud(2, 100);

    // when
    int exit = run(Optional.of(twoHypervisors), "apply", "--yes", "--server-group-policy", "soft-anti-affinity",
        "--out", home.resolve("files").toString());

    // then
    assertThat(exit).as(output()).isEqualTo(ExitCode.OK);
    assertThat(twoHypervisors.serverStatuses()).hasSize(10).allSatisfy((name, status) ->
        assertThat(status).isEqualTo("ACTIVE"));
  }

  @Test
  void anUnknownServerGroupPolicyIsAUsageError() {
    // when
    int exit = run(Optional.of(cloud(4, 100)), "plan", "--server-group-policy", "affinity");

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(output()).contains("--server-group-policy takes anti-affinity or soft-anti-affinity, not \"affinity\"");
  }

  @Test
  void aServerNoHypervisorCanTakeIsReportedWithTheFixNotWithRunAgain() {
    // given
    InMemoryCloud twoHypervisors = cloud(2, 100);

    // when
    int exit = run(Optional.of(twoHypervisors), "apply", "--yes");

    // then
    assertThat(exit).isEqualTo(ExitCode.FAILED);
    assertThat(output()).contains("No valid host was found")
        .contains("applying again will not fix")
        .contains("--server-group-policy soft-anti-affinity")
        .doesNotContain("Run apply again to finish");
  }

  @Test
  void aQuotaFailureIsReportedWithTheFixNotWithRunAgain() {
    // given
    InMemoryCloud threeInstances = cloud(8, 3);

    // when
    int exit = run(Optional.of(threeInstances), "apply", "--yes");

    // then
    assertThat(exit).isEqualTo(ExitCode.FAILED);
    assertThat(output()).contains("quota exceeded: instances (limit 3)")
        .contains("applying again will not fix")
        .contains("raise the project's quota")
        .doesNotContain("Run apply again to finish");
  }
}
