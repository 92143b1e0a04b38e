package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.stackwright.model.AptSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CouchDB repository step run for real against a key server on 127.0.0.1 that answers 200 with an empty body,
 * inside a mount namespace whose /usr/share/keyrings and /etc/apt/sources.list.d are empty tmpfs: a key that is not
 * one leaves neither a keyring nor a list behind. Needs root and unshare; skipped without them.
 */
class CouchdbRepositoryStepTest {

  @Test
  void anEmptyKeyLeavesNoKeyringAndNoListBehind() throws Exception {
    // given
    assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare"))
        && Files.isExecutable(Path.of("/usr/bin/curl")) && Files.isExecutable(Path.of("/usr/bin/gpg")),
        "needs root, unshare, curl and gpg");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/keys.asc", x -> {
      x.sendResponseHeaders(200, -1);
      x.close();
    });
    server.start();
    try {
      AptSource repo = AptSource.builder().uri("https://apache.jfrog.io/artifactory/couchdb-deb/").suite("bookworm")
          .addComponents("main").keyUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/keys.asc").build();

      // when
      String out = inSandbox(BootStepCommands.couchdbRepository(repo));

      // then
      assertThat(out).contains("STEP-EXIT 1").contains("LEFT:").doesNotContain("couchdb");
    } finally {
      server.stop(0);
    }
  }

  /** Runs the step as sw_step does (bash -e -o pipefail) and lists what it left in the two directories. */
  private static String inSandbox(String step) throws IOException, InterruptedException {
    String script = "mount -t tmpfs tmpfs /usr/share/keyrings && mount -t tmpfs tmpfs /etc/apt/sources.list.d "
        + "|| exit 3\nbash -e -o pipefail -c \"$STEP\"; echo \"STEP-EXIT $?\"\n"
        + "echo LEFT: $(ls -A /usr/share/keyrings /etc/apt/sources.list.d)\n";
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/unshare", "-m", "/bin/bash", "-c", script)
        .redirectErrorStream(true);
    pb.environment().put("STEP", step);
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the sandboxed step did not end within 60 s");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
