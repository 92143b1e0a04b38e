package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.Cli;
import dev.stackwright.cli.ExitCode;
import dev.stackwright.openstack.internal.Openrc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The command line finds the OpenStack backend through its {@code BackendProvider} when the environment holds an
 * openrc file's {@code OS_*} variables, and plans against the real cloud (a plan changes nothing there).
 */
@Tag("integration")
class CliOnOpenStackIT {

  @Test
  void withOsVariablesThePlanIsMadeAgainstTheCloud() throws IOException {
    // given: the environment of a shell that sourced the openrc file
    RealCloud.credentials();
    Map<String, String> env = new HashMap<>(Openrc.parse(Files.readString(Path.of(System.getenv()
        .getOrDefault(RealCloud.RC_VARIABLE, "/var/lib/stackwright-cloud/demo-openrc")))));
    env.put("HOME", System.getProperty("java.io.tmpdir"));
    String cluster = RealCloud.uniqueClusterName("cli");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    // when
    int exit = Cli.builder().cluster(() -> SeedCluster.seed(cluster, 2, false)).environment(env)
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).err(new PrintStream(out, true, StandardCharsets.UTF_8))
        .build().run("plan", "--detailed-exitcode");

    // then
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isEqualTo(ExitCode.CHANGES_PENDING);
    assertThat(printed).contains("backend: openstack OpenStackCredentials{authUrl=http://127.0.0.1:5000/v3")
        .contains("port.10.01_webserver-1").contains("to create");
  }
}
