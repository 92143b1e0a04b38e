package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.CountingBackend;
import dev.stackwright.engine.Topologies;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.memory.InMemoryProvider;
import dev.stackwright.model.Cluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After an apply, the command line prints what the backend can tell of the servers from inside them. */
class ServerReportsTest {
  @TempDir
  Path home;

  private final Cluster seed = Topologies.seed("reports");

  private String applyOn(CountingBackend backend) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Cli.builder().cluster(() -> seed).provider(InMemoryProvider.of(backend))
        .environment(Map.of("HOME", home.toString()))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).err(new PrintStream(out, true, StandardCharsets.UTF_8))
        .in(new ByteArrayInputStream(new byte[0])).build()
        .run("apply", "--yes", "--backend", "memory", "--out", home.resolve("files").toString());
    assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aBackendThatSeesInsideItsServersHasItsReportPrintedAfterTheSummary() {
    // given
    CountingBackend inside = new CountingBackend(InMemoryCloud.forCluster(seed)) {
      @Override
      public List<String> serverReports(String cluster) {
        return List.of("worker-1: cloud-init done, services {celery.service=active}; stand-ins: [couchdb]");
      }
    };

    // when
    String out = applyOn(inside);

    // then
    assertThat(out).contains("The servers, as they are inside:\n"
        + "  worker-1: cloud-init done, services {celery.service=active}; stand-ins: [couchdb]");
    assertThat(out.indexOf("The servers, as they are inside")).isGreaterThan(out.indexOf("Complete: "));
  }

  @Test
  void aCloudThatSeesItsServersFromOutsideOnlyPrintsNoSuchReport() {
    // when
    String out = applyOn(new CountingBackend(InMemoryCloud.forCluster(seed)));

    // then
    assertThat(out).contains("Complete: ").doesNotContain("as they are inside");
  }
}
