package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendException;
import dev.stackwright.engine.CountingBackend;
import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.memory.InMemoryProvider;
import dev.stackwright.model.Cluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every class of user error ends in an exit code and a message that says what and the fix, never in a stack trace:
 * bad options, a bad cluster, files that cannot be read or written, a bad key, a failing backend, a stale plan.
 */
class CliErrorsTest {
  @TempDir
  Path home;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private static Cluster small() {
    ClusterDsl c = Stackwright.cluster("tiny").network("10.0.0.0/16").gateway("10.0.0.254").dhcpPool("10.0.254.0/24")
        .defaultImage("debian-12");
    c.flavor("small").vcpus(1).ramGb(1);
    c.role("controller").address("10.0.0.1").flavor("small");
    c.role("webserver").subnet("10.0.10").firstOffset(3).flavor("small");
    c.role("appserver").subnet("10.0.11").flavor("small");
    c.role("database").subnet("10.0.20").flavor("small");
    c.role("broker").subnet("10.0.30").flavor("small");
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo").source("https://git.example.org/d.git")
        .version("v1");
    return c.build();
  }

  private int run(Backend cloud, String stdin, String... args) {
    return Cli.builder().cluster(CliErrorsTest::small).provider(InMemoryProvider.of(cloud))
        .environment(Map.of("HOME", home.toString(), "STACKWRIGHT_SECRET_ADMIN_PASSWORD", "cli-test-admin-pw"))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).err(new PrintStream(err, true, StandardCharsets.UTF_8))
        .in(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))).build().run(args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private void noStackTrace() {
    assertThat(err() + out).doesNotContain("\tat ").doesNotContain("Exception:");
  }

  @Test
  void badOptionsExitWithTwoAndTheUsage() {
    // when
    int exit = run(InMemoryCloud.forCluster(small()), "", "plan", "--out");

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains("--out needs a value").contains("usage:");
    noStackTrace();
  }

  @Test
  void aPublicKeyOfATypeTheCloudDoesNotTakeIsRefusedWithItsFile() throws Exception {
    // given: a security-key public key, a line OpenSSH writes, that Nova's keypairs do not take
    Path key = home.resolve("sk.pub");
    Files.writeString(key, "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29t me@laptop\n");
    InMemoryCloud cloud = InMemoryCloud.forCluster(small());

    // when
    int exit = run(cloud, "", "plan", "--public-key", key.toString());

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains("--public-key " + key).contains("ssh-ed25519");
    assertThat(cloud.calls("observe")).isZero();
    noStackTrace();
  }

  @Test
  void aDefaultKeyFileThatHoldsNoKeyIsRefusedNamingItAndTheOptionThatOverridesIt() throws Exception {
    // given: ~/.ssh/id_ed25519.pub holds something else
    Files.createDirectories(home.resolve(".ssh"));
    Files.writeString(home.resolve(".ssh/id_ed25519.pub"), "not a key at all\n");

    // when
    int exit = run(InMemoryCloud.forCluster(small()), "", "plan");

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains(home.resolve(".ssh/id_ed25519.pub").toString()).contains("--public-key FILE");
    noStackTrace();
  }

  @Test
  void aDirectoryThatCannotBeWrittenIsReportedWithoutATrace() throws Exception {
    // given: render into a path below a plain file
    Path file = Files.writeString(home.resolve("plain"), "x");

    // when
    int exit = run(InMemoryCloud.forCluster(small()), "", "render", file.resolve("dir").toString());

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains("cannot write").contains(file.toString());
    noStackTrace();
  }

  @Test
  void aBackendThatCannotBeReachedIsReportedWithoutATrace() {
    // given
    Backend unreachable = new CountingBackend(InMemoryCloud.forCluster(small())) {
      @Override
      public Observation observe(String cluster) {
        throw new BackendException(BackendException.Reason.TRANSIENT, null, "Keystone at https://127.0.0.1:1/v3"
            + " did not answer; check OS_AUTH_URL");
      }
    };

    // when
    int exit = run(unreachable, "", "plan");

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains("did not answer; check OS_AUTH_URL");
    noStackTrace();
  }

  @Test
  void aPlanMadeStaleWhileThePersonWasAskedIsRefusedWithoutATrace() {
    // given: the cloud gains one of the cluster's resources between the plan shown and the apply
    InMemoryCloud cloud = InMemoryCloud.forCluster(small());
    AtomicInteger looks = new AtomicInteger();
    Backend changing = new CountingBackend(cloud) {
      @Override
      public Observation observe(String cluster) {
        if (looks.incrementAndGet() == 2) {
          cloud.create(cluster, new KeypairSpec(ResourceId.of(ResourceKind.KEYPAIR, "admin"),
              "stackwright_tiny_admin", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOther other@host"), id -> Optional.empty());
        }
        return super.observe(cluster);
      }
    };

    // when
    int exit = run(changing, "yes\n", "apply");

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains("is stale").contains("plan again");
    noStackTrace();
  }
}
