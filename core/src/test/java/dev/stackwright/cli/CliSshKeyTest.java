package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Topologies;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private half of {@code --public-key FILE} reaches the providers, for backends that push over SSH. */
class CliSshKeyTest {
  private static final String PUBLIC_KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBQMipubXP+M3ecwun6x3z4DWxrscV5eS/nv6CXKUvQs cli";

  @TempDir
  Path home;

  private final Cluster seed = Topologies.seed("sshkey");
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** A provider that keeps the environment it was asked with. */
  private final class Recording implements BackendProvider {
    Map<String, String> seen = Map.of();

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public Optional<Backend> fromEnvironment(Map<String, String> environment) {
      seen = environment;
      return Optional.of(InMemoryCloud.forCluster(seed));
    }
  }

  private Recording plan(Map<String, String> more, String... args) {
    Recording provider = new Recording();
    Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString()));
    env.putAll(more);
    int code = Cli.builder().cluster(() -> seed).renderer(Topologies.renderer()).provider(provider)
        .environment(env).out(new PrintStream(new ByteArrayOutputStream()))
        .err(new PrintStream(err, true, StandardCharsets.UTF_8)).in(new ByteArrayInputStream(new byte[0])).build()
        .run(args);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
    return provider;
  }

  private Path keyPair() throws Exception {
    Files.writeString(home.resolve("id_test"), "-----BEGIN OPENSSH PRIVATE KEY-----\n(a test key)\n");
    return Files.writeString(home.resolve("id_test.pub"), PUBLIC_KEY + "\n");
  }

  @Test
  void thePrivateHalfOfThePublicKeyFileIsGivenToTheProviders() throws Exception {
    // given
    Path pub = keyPair();

    // when
    Recording provider = plan(Map.of(), "plan", "--backend", "recording", "--public-key", pub.toString());

    // then
    assertThat(provider.seen).containsEntry(BackendProvider.SSH_KEY_VARIABLE, home.resolve("id_test").toString());
  }

  @Test
  void aKeyTheUserNamedInTheEnvironmentIsKept() throws Exception {
    // given
    Path pub = keyPair();

    // when
    Recording provider = plan(Map.of(BackendProvider.SSH_KEY_VARIABLE, "/keys/mine"), "plan", "--backend",
        "recording", "--public-key", pub.toString());

    // then
    assertThat(provider.seen).containsEntry(BackendProvider.SSH_KEY_VARIABLE, "/keys/mine");
  }

  @Test
  void aPublicKeyWithoutItsPrivateHalfBesideItAddsNothing() throws Exception {
    // given
    Path pub = keyPair();
    Files.delete(home.resolve("id_test"));

    // when
    Recording provider = plan(Map.of(), "plan", "--backend", "recording", "--public-key", pub.toString());

    // then
    assertThat(provider.seen).doesNotContainKey(BackendProvider.SSH_KEY_VARIABLE);
  }
}
