package dev.stackwright.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.examples.Validators.Tool;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretSource;
import dev.stackwright.tls.Certificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * nginx -t on every node of the seed and the split cluster with TLS, each node's certificates and keys in place (a
 * cluster CA made for the test): the load balancers' and the controller's HTTPS sites, their shared TLS settings and
 * the DH group. nginx loads every certificate and key while it tests, so a wrong path or a key that is not the
 * certificate's fails here. The user-data that carries them (and makes the ACME directory) passes cloud-init's schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsConfigsValidateTest {
  private final Validators validators = new Validators();
  private final List<Path> nodes = new ArrayList<>();
  private Path work;
  private DaemonChecks checks;

  @BeforeAll
  void render(@TempDir Path dir) {
    work = dir;
    checks = new DaemonChecks(validators, work, Validators.repositoryRoot().resolve("examples/src/main/python/demo"));
    add("seed-tls", withTls(SeedCluster.define()));
    add("split-tls", withTls(SplitCluster.define()));
  }

  private static Cluster withTls(ClusterDsl cluster) {
    cluster.tls().clusterCa().domain("demo.example.org").hsts(Duration.ofDays(365));
    return cluster.build();
  }

  private void add(String name, Cluster cluster) {
    Path out = work.resolve(name);
    RenderedCluster files = Renderer.builder().secrets(SecretSource.generatedIn(work.resolve(name + ".properties")))
        .certificates(Certificates.clusterCa(work.resolve(name + "-ca"))).build().render(cluster);
    files.writeTo(out);
    files.nodes().stream().map(out::resolve).filter(n -> Files.exists(n.resolve("etc/nginx/nginx.conf")))
        .forEach(nodes::add);
  }

  @AfterAll
  void writeTimings() throws IOException {
    validators.writeTimings(Path.of("target/validator-timings-tls.txt"));
  }

  @TestFactory
  Stream<DynamicTest> nginxAcceptsEveryNodesConfigWithItsCertificates() {
    return nodes.stream().map(node -> dynamicTest("nginx -t " + work.relativize(node), () -> {
      Validators.require(Tool.NGINX, Tool.UNSHARE, Tool.SYSCTL);
      assertThat(checks.nginxProblems(node, work.relativize(node).toString())).isEmpty();
    }));
  }

  @TestFactory
  Stream<DynamicTest> cloudInitSchemaAcceptsTheUserDataOfEveryHttpsNode() {
    return nodes.stream().map(node -> dynamicTest("cloud-init schema " + work.relativize(node), () -> {
      Validators.require(Tool.CLOUD_INIT);
      Path userData = node.resolve(RenderedCluster.USER_DATA_PATH.substring(1));
      assertThat(checks.cloudInitProblems(userData, work.relativize(userData).toString())).isEmpty();
    }));
  }

  @Test
  void theChecksSeeTheHttpsSitesAndTheirCertificates() throws IOException {
    // given: a copy of the load balancer of the seed with TLS, its certificate removed
    Validators.require(Tool.NGINX, Tool.UNSHARE, Tool.SYSCTL);
    Path node = copy(work.resolve("seed-tls/webserver-1"));
    assertThat(Files.readString(node.resolve("etc/nginx/sites-enabled/stackwright-webserver.conf")))
        .contains("ssl_certificate /etc/ssl/stackwright/webserver-1.crt;");
    Files.delete(node.resolve("etc/ssl/stackwright/webserver-1.crt"));

    // when
    String problems = checks.nginxProblems(node, "seed-tls without its certificate");

    // then
    assertThat(problems).contains("cannot load certificate \"/etc/ssl/stackwright/webserver-1.crt\"");
  }

  private Path copy(Path node) throws IOException {
    Path copy = Files.createTempDirectory(work, "broken");
    try (Stream<Path> files = Files.walk(node)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = copy.resolve(node.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    return copy;
  }
}
