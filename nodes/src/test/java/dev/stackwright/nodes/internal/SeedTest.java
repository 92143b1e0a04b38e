package dev.stackwright.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeedTest {
  @Test
  void metaDataNamesTheInstanceTheHostAndTheKeypairsKey() {
    // when
    String meta = Seed.metaData("8e2d01c4", "server-all-1", Optional.of("ssh-ed25519 AAAA key \"quoted\""));

    // then
    assertThat(meta).isEqualTo("instance-id: 8e2d01c4\nlocal-hostname: server-all-1\npublic-keys:\n"
        + "  - \"ssh-ed25519 AAAA key \\\"quoted\\\"\"\n");
  }

  @Test
  void withoutAKeypairThereAreNoPublicKeys() {
    assertThat(Seed.metaData("i", "h", Optional.empty())).doesNotContain("public-keys");
  }
}
