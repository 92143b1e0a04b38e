package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.cli.Cli;
import dev.stackwright.cli.ExitCode;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render DIR} needs no cloud: with OS_* naming one, it still makes no connection at all. */
class RenderWithoutCloudTest {
  @TempDir
  Path dir;

  private static Cluster cluster() {
    ClusterDsl c = Stackwright.cluster("offline").network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").defaultImage("debian-12");
    c.flavor("hpc").vcpus(2).ramGb(8);
    c.role("controller").address("10.0.0.1").flavor("hpc");
    c.role("broker").subnet("10.0.30").flavor("hpc");
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo")
        .source("https://git.example.org/stackwright/demo.git").version("v1.0");
    return c.build();
  }

  @Test
  void renderWithOpenStackCredentialsSetMakesNoConnection() throws Exception {
    // given: OS_* naming a "Keystone" on a loopback port that only counts the connections made to it
    AtomicInteger accepted = new AtomicInteger();
    try (ServerSocket keystone = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      keystone.setSoTimeout(50);
      Thread counter = new Thread(() -> {
        for (int i = 0; i < 2_000 && !keystone.isClosed(); i++) { // at most ~100 s, ended by the close below
          try (Socket s = keystone.accept()) {
            accepted.incrementAndGet();
          } catch (SocketTimeoutException e) {
            // nobody came this turn
          } catch (IOException e) {
            return;
          }
        }
      }, "keystone-counter");
      counter.setDaemon(true);
      counter.start();
      Map<String, String> env = Map.of("OS_AUTH_URL", "http://127.0.0.1:" + keystone.getLocalPort() + "/v3",
          "OS_USERNAME", "demo", "OS_PASSWORD", "secret", "OS_PROJECT_NAME", "demo", "OS_USER_DOMAIN_NAME",
          "Default", "OS_PROJECT_DOMAIN_NAME", "Default", "OS_REGION_NAME", "RegionOne", "HOME", dir.toString());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();

      // when
      int exit = Cli.builder().cluster(RenderWithoutCloudTest::cluster).environment(env)
          .out(new PrintStream(out, true, StandardCharsets.UTF_8))
          .err(new PrintStream(err, true, StandardCharsets.UTF_8))
          .in(new ByteArrayInputStream(new byte[0])).build().run("render", dir.resolve("files").toString());

      // then
      assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
      assertThat(Files.isDirectory(dir.resolve("files").resolve("controller-1"))).isTrue();
      assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("backend:");
      keystone.close();
      counter.join(5_000);
    }
    assertThat(accepted.get()).isZero();
  }
}
