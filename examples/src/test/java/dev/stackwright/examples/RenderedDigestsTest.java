package dev.stackwright.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Node;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.render.NetworkFacts;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.RenderedFile;
import dev.stackwright.render.Renderer;
import dev.stackwright.tls.Certificates;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SHA-256 of every rendered file and user-data of the example clusters (and variants that reach the renderer's
 * other branches: a second worker pool, package sources, extra files, MACs and a public address), with fixed secrets,
 * against the checked-in list: a change to what a node gets shows here, file by file. After a deliberate change,
 * regenerate the list with {@code -Dstackwright.digests.write=true} and review its diff.
 */
class RenderedDigestsTest {
  private static final Path EXPECTED = Path.of("src/test/resources/rendered-digests.txt");

  @Test
  void everyRenderedFileIsAsBefore() throws IOException {
    // given
    String actual = digests();
    // when
    if (Boolean.getBoolean("stackwright.digests.write")) {
      Files.writeString(EXPECTED, actual);
    }
    // then
    assertThat(actual).isEqualTo(Files.readString(EXPECTED));
  }

  private static String digests() {
    StringBuilder out = new StringBuilder();
    Renderer plain = Renderer.builder().secrets(fixedSecrets()).certificates(Certificates.forTests()).build();
    append(out, "seed", plain.render(SeedCluster.build()));
    append(out, "split", plain.render(SplitCluster.build()));
    append(out, "pools", plain.render(pools()));
    Cluster seed = SeedCluster.define().externalNetwork("public").adminCidr("192.0.2.0/24").build();
    append(out, "facts", plain.render(seed, facts(seed)));
    Renderer extra = Renderer.builder().secrets(fixedSecrets()).certificates(Certificates.forTests())
        .addFile("worker", "/etc/demo/extra.conf", "common/hosts.jinja", 0640, "root:root").build();
    append(out, "extra", extra.render(SeedCluster.build()));
    return out.toString();
  }

  /** A second worker pool and a second app server role, whose files take the role's name as a suffix. */
  private static Cluster pools() {
    ClusterDsl cluster = SeedCluster.define();
    cluster.flavor("gpu").vcpus(8).ramGb(16).cpuClass("hpc");
    cluster.role("gpu").kind(BuiltInServices.WORKER).count(2).flavor("gpu").subnet("10.0.101").processes(3);
    cluster.role("api").kind(BuiltInServices.APPSERVER).subnet("10.0.13").flavor("webserver").processes(5);
    cluster.packageSources().unsignedDebianMirror("http://10.0.255.254/debian bookworm main")
        .couchdbRepository("https://deb.example.org/couchdb bookworm main", "https://deb.example.org/couchdb.asc").pythonIndex("http://10.0.255.254/pypi/simple");
    return cluster.build();
  }

  private static NetworkFacts facts(Cluster cluster) {
    NetworkFacts.Builder facts = NetworkFacts.builder();
    int i = 0;
    for (Node node : cluster.nodes()) {
      facts.mac(node.name(), String.format("fa:16:3e:00:00:%02x", ++i));
    }
    facts.publicAddress(cluster.nodes().get(1).name(), Ipv4Address.parse("203.0.113.7"));
    return facts.build();
  }

  private static SecretSource fixedSecrets() {
    Map<SecretName, String> values = new LinkedHashMap<>();
    for (SecretName name : SecretName.builtIn()) {
      values.put(name, (name.key().replace('_', '-') + "-0123456789abcdefghijklmnopqrstuvwxyz0123456789")
          .substring(0, 60));
    }
    return SecretSource.of(values);
  }

  private static void append(StringBuilder out, String label, RenderedCluster rendered) {
    for (String node : rendered.nodes()) {
      List<RenderedFile> files = new ArrayList<>(rendered.files(node));
      files.add(rendered.userDataFile(node));
      for (RenderedFile f : files) {
        out.append(label).append(' ').append(node).append(' ').append(f.path()).append(' ')
            .append(f.modeOctal()).append(' ').append(f.owner()).append(' ').append(f.secret()).append(' ')
            .append(sha256(f.content())).append('\n');
      }
    }
  }

  private static String sha256(String s) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
