package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.cli.Cli;
import dev.stackwright.cli.ExitCode;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import dev.stackwright.openstack.internal.Openrc;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's main with the OS_* variables of an openrc file: the command line finds the OpenStack backend by itself
 * (ServiceLoader) and plans, applies and destroys on the real cloud.
 */
@Tag("integration")
class CommandLineIT {
  private static final String CLUSTER = RealCloud.uniqueClusterName("cli");
  private static Map<String, String> environment;

  @TempDir
  Path home;

  @BeforeAll
  static void credentials() {
    RealCloud.credentials(); // skipped, or failed under CI, without a cloud
    String rc = System.getenv(RealCloud.RC_VARIABLE);
    environment = new HashMap<>(rc == null ? System.getenv() : Openrc.read(Path.of(rc)));
  }

  @AfterAll
  static void destroy() {
    if (environment != null) {
      run(Path.of("target"), "destroy", "--yes");
    }
  }

  /** A controller and a broker VM, in blocks no other test uses (a cluster has exactly one controller). */
  static Cluster cluster() {
    ClusterDsl c = Stackwright.cluster(CLUSTER).network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").defaultImage("debian-12");
    c.flavor("hpc").vcpus(2).ramGb(8);
    c.role("controller").address("10.0.234.1").flavor("hpc");
    c.role("broker").subnet("10.0.233").flavor("hpc");
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo")
        .source("https://git.example.org/stackwright/demo.git").version("v1.0");
    return c.build();
  }

  static Result run(Path home, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Map<String, String> env = new HashMap<>(environment);
    env.put("HOME", home.toString());
    int exit = Cli.builder().cluster(CommandLineIT::cluster).environment(env)
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).err(new PrintStream(out, true, StandardCharsets.UTF_8))
        .in(new ByteArrayInputStream(new byte[0])).build().run(args);
    return new Result(exit, out.toString(StandardCharsets.UTF_8));
  }

  record Result(int exit, String output) {}

  @Test
  void applyPlanAndDestroyGoToTheCloudTheEnvironmentNames() throws Exception {
    Path files = home.resolve("files");

    Result apply = run(home, "apply", "--yes", "--out", files.toString());
    assertThat(apply.exit()).as(apply.output()).isEqualTo(ExitCode.OK);
    assertThat(apply.output()).contains("backend: openstack").contains("server/broker-1").contains("Complete: ");
    assertThat(Files.exists(files.resolve("broker-1/etc/rabbitmq/rabbitmq.conf"))).isTrue();

    Result plan = run(home, "plan", "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.output()).isEqualTo(ExitCode.OK);
    assertThat(plan.output()).contains("no changes");

    Result destroy = run(home, "destroy", "--yes");
    assertThat(destroy.exit()).as(destroy.output()).isEqualTo(ExitCode.OK);
    assertThat(run(home, "plan", "--detailed-exitcode").exit()).isEqualTo(ExitCode.CHANGES_PENDING);
  }
}
