package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.Ipv4Address;
import dev.stackwright.nodes.internal.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The mirror and the git repositories, served inside the bridge's namespace while a port needs them. */
@Tag("integration")
class NodesServingIT {
  private static TestRig rig;

  @BeforeAll
  static void open() throws IOException {
    rig = TestRig.open(null, null);
  }

  @AfterAll
  static void close() throws IOException {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void aPortStartsTheServersARestartedBackendReusesThemAndTheLastPortStopsThem() throws IOException {
    // given
    DemoRepo.publish(rig.gitRoot, "demo", "v1.0");

    // when
    String port = rig.nodes.addForeignPort("serving-probe", "internal", Ipv4Address.parse("10.0.200.1"));
    long http = pid("http");

    // then: from inside the rig only
    assertThat(inBridge("curl", "-fsS", "-o", "/dev/null", "http://10.0.255.254/debian/Release").ok()).isTrue();
    assertThat(inBridge("git", "ls-remote", "git://10.0.255.254/demo.git").output()).contains("refs/tags/v1.0");
    assertThat(Host.run(List.of("ss", "-Hltn", "sport = :80"), null, Duration.ofSeconds(5)).output())
        .doesNotContain("10.0.255.254");

    // when: a backend on the same state root, as after a restart
    NodesBackend again = NodesBackend.builder().stateRoot(rig.stateRoot).image("debian-12", rig.rootfs)
        .gitRoot(rig.gitRoot).build();
    String second = again.addForeignPort("serving-probe-2", "internal", Ipv4Address.parse("10.0.200.2"));

    // then
    assertThat(pid("http")).isEqualTo(http);

    // when
    again.removeByHand(second);
    rig.nodes.removeByHand(port);

    // then
    assertThat(ProcessHandle.of(http).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(Files.exists(rig.stateRoot.resolve(".serving/git.pid"))).isFalse();
  }

  private static long pid(String what) throws IOException {
    return Long.parseLong(Files.readString(rig.stateRoot.resolve(".serving/" + what + ".pid")).strip());
  }

  private static Host.Result inBridge(String... command) {
    List<String> cmd = new java.util.ArrayList<>(List.of("ip", "netns", "exec", rig.nodes.bridgeNamespace()));
    cmd.addAll(List.of(command));
    return Host.run(cmd, null, Duration.ofSeconds(20));
  }
}
