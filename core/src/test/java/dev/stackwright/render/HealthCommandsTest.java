package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.RoleInstance;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The health checks' commands run under bash against a server on 127.0.0.1 (the role's own address swapped for it):
 * an HTTP status below 500 passes, 500 and a closed port fail.
 */
class HealthCommandsTest {
  private final RoleInstance app = Seed.named("h").build().nodes().stream().flatMap(n -> n.roles().stream())
      .filter(r -> r.role().equals("appserver")).findFirst().orElseThrow();

  private static int run(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the check did not end in 20 s: " + command);
    }
    return p.exitValue();
  }

  private String onLoopback(HealthCheck check, int port) {
    int declared = app.kind().port(check.port().orElseThrow()).orElseThrow().number();
    return HealthCommands.of(app, check).command()
        .replace("/dev/tcp/" + app.address() + "/" + declared, "/dev/tcp/127.0.0.1/" + port);
  }

  private static HttpServer answering(int status) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
    return server;
  }

  @Test
  void anHttpCheckPassesOnANotFoundAndFailsOnAServerError() throws Exception {
    // given
    HttpServer notFound = answering(404);
    HttpServer broken = answering(503);
    try {
      // when
      int passes = run(onLoopback(HealthCheck.http("app", "/"), notFound.getAddress().getPort()));
      int fails = run(onLoopback(HealthCheck.http("app", "/"), broken.getAddress().getPort()));

      // then
      assertThat(passes).isZero();
      assertThat(fails).isNotZero();
    } finally {
      notFound.stop(0);
      broken.stop(0);
    }
  }

  @Test
  void aTcpCheckFailsOnAPortNothingListensOn() throws Exception {
    // given
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }

    // when
    int exit = run(onLoopback(HealthCheck.tcp("app"), closed));

    // then
    assertThat(exit).isNotZero();
  }
}
